import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyse, pendingRows, noteText, type SentCommand } from "../faults/analyse.js";
import { freePort, sleep, slashCommand, VigilProcess } from "../faults/vigil-process.js";
import { FakeSlack } from "./fakes/fake-slack.js";

// The short version of `npm run faults` (the long one writes RELIABILITY.md): the real Vigil
// process and Bolt against the fake Slack, a 429 storm, then kill -9 while notes are in flight.
// Correctness only; timings belong to the long run.

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(100);
  }
}

describe("fault injection, short run (real process)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-faults-short-"));
  let vigil: VigilProcess | undefined;
  let slack: FakeSlack | undefined;
  afterAll(async () => {
    await vigil?.stop();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a 429 storm and a kill -9 mid-send lose nothing, post nothing outside the thread, and the restart sends what was pending", async () => {
    slack = await new FakeSlack().start();
    slack.latencyMs = 200;
    const db = path.join(dir, "vigil.db");
    vigil = new VigilProcess(db, await freePort(), slack);
    await vigil.start();
    await slashCommand(vigil, slack, "open P3 Short fault run --org acme");
    await until(() => slack!.callsTo("chat.postMessage").some((c) => c.response?.ok), 60_000);

    const sent: SentCommand[] = [];
    slack.outage = { kind: "429", retryAfter: 1, untilMs: Date.now() + 4000 };
    for (let n = 1; n <= 3; n++) sent.push({ n, ...(await slashCommand(vigil, slack, `note 1 ${noteText(n)}`)) });
    await until(async () => (await pendingRows(db)) === 0, 60_000);

    // Kill while a note is being posted (the fake answers after 200 ms).
    const posting = new Promise<void>((resolve) => {
      const off = slack!.onCall((c) => c.method === "chat.postMessage" && (off(), resolve()));
    });
    sent.push({ n: 4, ...(await slashCommand(vigil, slack, `note 1 ${noteText(4)}`)) });
    await posting;
    await vigil.kill9();
    sent.push({ n: 5, ...(await slashCommand(vigil, slack, `note 1 ${noteText(5)}`)) });
    expect(sent.at(-1)!.status).toBe(0); // nobody listening: not answered, so not owed
    sent.pop();
    await vigil.start();
    await until(async () => (await pendingRows(db)) === 0, 60_000);
    await vigil.stop();

    const figures = await analyse(slack, db, sent);
    expect(figures).toMatchObject({ answered: 4, answeredNotApplied: 0, applied: 4, lost: 0, duplicated: 0, outOfOrder: 0, outsideThread: 0, cardsPosted: 1 });
    expect(slack.callsTo("chat.postMessage").filter((c) => c.status === 429).length).toBeGreaterThan(0);
  }, 240_000);
});
