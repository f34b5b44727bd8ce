import { afterEach, describe, expect, it } from "vitest";
import { ChatDeliveryError, type ChatAdapter, type OutboundMessage } from "../../../src/ports/chat.js";
import type { DiscordOutage, FakeDiscord } from "../../fakes/fake-discord.js";
import { DISCORD_IDS, newFakeDiscord, slashInteraction } from "../../fakes/fake-discord-interactions.js";
import { cardMessage, channelPosts, newDiscordAdapter, startDiscordApp, threadTexts, type DiscordApp } from "./discord-rig.js";

// The real discord.js against the fake Discord's outage mode (the fault run's faults): what the
// outbox is told for each kind, and, with the real core on SQLite and a fake clock, that an
// outage loses nothing, keeps each channel's order and every thread line in its thread, and
// that the backlog moves once Discord answers again.

const { acme: ACME, globex: GLOBEX } = DISCORD_IDS;
const MESSAGES = "POST /channels/:channel/messages";
const CARD: OutboundMessage = { title: "INC-9 · P2 · Disk full", text: "INC-9 [Open] Disk full" };
type Kind = Omit<DiscordOutage, "untilMs">;

let fake: FakeDiscord | undefined;
let app: DiscordApp | undefined;
const adapters: ChatAdapter[] = [];
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await fake?.close();
  await app?.close();
  fake = app = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function postDuring(outage: Kind) {
  fake = await newFakeDiscord().start();
  const { adapter } = newDiscordAdapter(fake, { requestTimeoutMs: 300 });
  await adapter.start(async () => ({ outcome: "ok", message: { text: "" } }));
  adapters.push(adapter);
  fake.outage = { ...outage, untilMs: Date.now() + 60_000 };
  const failure = await adapter.post({ platform: "discord", channelId: ACME }, CARD).then(() => undefined, (e: unknown) => e);
  return { adapter, failure: failure as ChatDeliveryError, call: fake.callsTo(MESSAGES)[0] };
}

describe("fake Discord outage mode, through the real discord.js", () => {
  it("a route's 429 has Discord's body and bucket headers: discord.js then holds that bucket itself, the outbox waits retry_after", async () => {
    const { adapter, failure, call } = await postDuring({ kind: "429", retryAfter: 5 });
    expect(call.status).toBe(429);
    expect(call.response).toEqual({ message: "You are being rate limited.", retry_after: 5, global: false });
    expect(failure).toBeInstanceOf(ChatDeliveryError);
    expect(failure).toMatchObject({ permanent: false, platformWide: false });
    expect(failure.retryAfterMs).toBeGreaterThanOrEqual(4900);
    // The 429 named the route's bucket (X-RateLimit-Bucket, Remaining 0, Reset-After 5):
    // discord.js moves the route to that bucket and, once it has seen it empty, holds posts
    // itself. Either way every post inside the window is told to wait, none is created.
    for (let i = 0; i < 3; i++) {
      const again = (await adapter.post({ platform: "discord", channelId: ACME }, CARD).catch((e: unknown) => e)) as ChatDeliveryError;
      expect(again).toMatchObject({ permanent: false, platformWide: false });
      expect(again.retryAfterMs).toBeGreaterThan(0);
    }
    expect(fake!.callsTo(MESSAGES).length).toBeLessThan(4);
    expect(fake!.messages.size).toBe(0);
  });

  it("a global 429 (X-RateLimit-Global) pauses the whole platform, and every route of the bot waits", async () => {
    const { adapter, failure, call } = await postDuring({ kind: "429", retryAfter: 1, global: true });
    expect(call.response).toEqual({ message: "You are being rate limited.", retry_after: 1, global: true });
    expect(failure).toMatchObject({ permanent: false, platformWide: true });
    expect(failure.retryAfterMs).toBeGreaterThanOrEqual(1000);
    const edit = (await adapter.update({ platform: "discord", channelId: GLOBEX, messageId: "300000000000000999" }, CARD).catch((e: unknown) => e)) as ChatDeliveryError;
    expect(edit).toMatchObject({ platformWide: true });
    expect(fake!.callsTo("PATCH /channels/:channel/messages/:message")).toEqual([]);
  });

  it.each([["500" as const], ["hang" as const], ["reset" as const]])("%s is a transient failure, retried later; nothing was created", async (kind) => {
    const { adapter, failure, call } = await postDuring({ kind });
    expect(failure).toMatchObject({ permanent: false, retryAfterMs: undefined });
    expect(call.status).toBe(kind === "500" ? 500 : 0);
    fake!.outage = undefined;
    await adapter.post({ platform: "discord", channelId: ACME }, CARD);
    expect([...fake!.messages.values()].map((m) => m.channelId)).toEqual([ACME]);
  });

  it("interaction callbacks stay up unless the outage says so", async () => {
    fake = await newFakeDiscord().start();
    app = await startDiscordApp({ fake });
    fake.outage = { kind: "500", untilMs: Date.now() + 60_000 };
    const reply = await app.driver.command("ben", "open", [{ name: "severity", value: "P3" }, { name: "title", value: "Lag" }, { name: "org", value: "acme" }]);
    expect(reply.text).toContain("Opened INC-1");
    fake.outage = { kind: "500", untilMs: Date.now() + 60_000, interactions: true };
    const raw = slashInteraction("ben", "list");
    fake.pushInteraction(raw);
    await fake.waitFor((f) => f.calls.some((c) => c.params.token === raw.token && c.status === 500), 5000);
    expect(fake.interactions.get(raw.id)?.callback).toBeUndefined();
  });
});

/** Rounds of delivery, one fake second apart, until `done` or `max` rounds; returns the rounds used. */
async function rounds(a: DiscordApp, max: number, done: () => boolean | Promise<boolean>): Promise<number> {
  for (let round = 1; round <= max; round++) {
    await a.h.deliver();
    if (await done()) return round;
    a.h.clock.advance(1000);
  }
  return Infinity;
}

const OUTAGES: [string, Kind][] = [
  ["429 on the route, retry_after 1 s", { kind: "429", retryAfter: 1 }],
  ["global 429, retry_after 1 s", { kind: "429", retryAfter: 1, global: true }],
  ["500", { kind: "500" }],
  ["hang", { kind: "hang" }],
  ["reset", { kind: "reset" }],
];

describe("Vigil's delivery through a Discord outage", () => {
  it.each(OUTAGES)("%s: nothing lost, card once, thread lines in order in their thread, the backlog moves within 5 s of recovery", async (_, outage) => {
    fake = await newFakeDiscord().start();
    app = await startDiscordApp({ fake, overrides: { requestTimeoutMs: 200 } });
    const a = app;
    fake.outage = { ...outage, untilMs: Number.POSITIVE_INFINITY };
    const str = (name: string, value: string) => ({ name, value });
    await a.driver.command("ben", "open", [str("severity", "P3"), str("title", "Outage"), str("org", "acme")]);
    await a.driver.command("ben", "open", [str("severity", "P3"), str("title", "Elsewhere"), str("org", "globex")]);
    for (const text of ["one", "two", "three"]) await a.driver.command("ben", "note", [str("incident", "1"), str("text", text)]);

    // Half a minute of outage on the fake clock: everything waits, nothing is given up.
    expect(await rounds(a, 30, () => false)).toBe(Infinity);
    expect(fake.calls.filter((c) => c.route.startsWith("POST /channels") && c.status === 200)).toEqual([]);
    expect((await a.h.store.outbox.listFailed())).toEqual([]);

    fake.outage = undefined;
    // discord.js keeps a 429's bucket (or the global pause) for its retry_after, and its own
    // 50 requests/s budget per second, in real time; the fake clock's rounds are faster.
    await sleep(1100);
    const moved = await rounds(a, 30, () => channelPosts(fake!, ACME).length + channelPosts(fake!, GLOBEX).length > 0);
    expect(moved).toBeLessThanOrEqual(6); // the first round is the moment of recovery: ≤ 5 fake seconds after it
    expect(await rounds(a, 120, async () => (await a.h.store.outbox.pendingSummary()).count === 0)).toBeLessThan(Infinity);

    const card = cardMessage(fake, 1, ACME);
    expect(channelPosts(fake, ACME).map((c) => c.response.id)).toEqual([card.id]);
    expect(threadTexts(fake, card.id)).toEqual(["Ben Okafor opened INC-1.", "📝 Ben Okafor: one", "📝 Ben Okafor: two", "📝 Ben Okafor: three"]);
    expect(threadTexts(fake, cardMessage(fake, 2, GLOBEX).id)).toEqual(["Ben Okafor opened INC-2."]);
    expect(await a.h.store.outbox.listFailed()).toEqual([]);
    // Every create carried the row's nonce with enforce_nonce.
    const creates = fake.callsTo(MESSAGES).filter((c) => c.params.channel !== "interaction");
    expect(creates.every((c) => /^vigil-\d+$/.test(c.body.nonce) && c.body.enforce_nonce === true)).toBe(true);
  });
});
