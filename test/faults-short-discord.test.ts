import { afterAll, describe, expect, it } from "vitest";
import { analyseDiscord } from "../faults/analyse-discord.js";
import { pendingRows } from "../faults/analyse.js";
import { CHANNEL, DiscordRigs, pushNote, startVigil, waitFor, type DiscordRig } from "../faults/discord-rig.js";

// The short version of `npm run faults:discord` (the long one writes RELIABILITY.md): the real
// Vigil process and discord.js against the fake Discord, a 429 storm on the bot's routes, then
// kill -9 while a note is being posted. The re-send after the restart carries the same nonce,
// so Discord hands back the message the dead process had created. Correctness only.

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  if (!(await waitFor(done, timeoutMs))) throw new Error("timed out");
}

describe("Discord fault injection, short run (real process)", () => {
  const rigs = new DiscordRigs();
  let rig: DiscordRig | undefined;
  afterAll(async () => {
    if (rig) await rigs.tearDown(rig);
    rigs.remove();
  });

  it("a 429 storm and a kill -9 mid-post lose nothing, duplicate nothing, keep every note in the card's thread", async () => {
    rig = await rigs.setUp(200);
    const r = rig;
    r.discord.outage = { kind: "429", retryAfter: 1, untilMs: Date.now() + 4000 };
    for (let n = 1; n <= 3; n++) pushNote(r, n);
    await until(async () => (await pendingRows(r.db)) === 0 && r.pushed.every((p) => r.discord.interactions.get(p.interactionId)?.original?.edits), 60_000);
    expect(r.discord.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);

    // Kill while note 4 is being created: the fake creates it 200 ms later, the process never hears back.
    const mark = r.discord.calls.length;
    pushNote(r, 4);
    await until(() => r.discord.calls.slice(mark).some((c) => c.route === "POST /channels/:channel/messages" && c.params.channel !== "interaction"), 30_000);
    await r.vigil.kill9();
    await startVigil(r);
    await until(async () => (await pendingRows(r.db)) === 0, 60_000);

    const figures = await analyseDiscord(r.discord, r.db, CHANNEL, r.pushed);
    expect(figures).toMatchObject({ commandsSent: 4, answered: 4, answeredNotApplied: 0, applied: 4, lost: 0, duplicated: 0, outOfOrder: 0, outsideThread: 0, repliesLost: 0, cardsPosted: 1 });
    expect(figures).toMatchObject({ resentMatched: 1, createsWithoutNonce: 0 });
  }, 120_000);
});
