import { afterEach, describe, expect, it } from "vitest";
import { ChatDeliveryError, type ChatAdapter, type OutboundMessage } from "../../../src/ports/chat.js";
import type { FakeDiscord } from "../../fakes/fake-discord.js";
import { DISCORD_IDS, newFakeDiscord } from "../../fakes/fake-discord-interactions.js";
import { cardMessage, channelPosts, newDiscordAdapter, startDiscordApp, threadTexts, type DiscordApp } from "./discord-rig.js";
import { deliverAll } from "../../support/harness.js";

const { acme: ACME, globex: GLOBEX } = DISCORD_IDS;
const CARD: OutboundMessage = { title: "INC-9 · P2 · Disk full", text: "INC-9 [Open] Disk full", fields: [{ label: "Status", value: "Open" }] };
const MESSAGES = "POST /channels/:channel/messages";

let fake: FakeDiscord | undefined;
let app: DiscordApp | undefined;
const adapters: ChatAdapter[] = [];
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await fake?.close();
  await app?.close();
  fake = app = undefined;
});

/** A started adapter on `f` (outbound calls need no gateway, but start() is what Vigil does). */
async function adapterOn(f: FakeDiscord): Promise<ChatAdapter> {
  const { adapter } = newDiscordAdapter(f);
  await adapter.start(async () => ({ outcome: "ok", message: { text: "" } }));
  adapters.push(adapter);
  return adapter;
}

async function failure(promise: Promise<unknown>): Promise<ChatDeliveryError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChatDeliveryError);
  return error as ChatDeliveryError;
}

describe("outbound errors become ChatDeliveryError at once", () => {
  it("asks the outbox for 1 message/s per channel with a burst of 5", async () => {
    fake = await newFakeDiscord().start();
    expect((await adapterOn(fake)).rateLimit).toEqual({ perChannelPerSecond: 1, burst: 5 });
  });

  it("a 429 surfaces immediately with its Retry-After in ms, and is retryable", async () => {
    fake = await newFakeDiscord().start();
    const adapter = await adapterOn(fake);
    fake.failNext(MESSAGES, { status: 429, retryAfter: 30 });
    const started = Date.now();
    const error = await failure(adapter.post({ platform: "discord", channelId: ACME }, CARD));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(error.retryAfterMs).toBeLessThan(31_000);
    expect(fake.callsTo(MESSAGES)).toHaveLength(1);
  });

  it.each([
    [10003, 404, "Unknown Channel"],
    [50001, 403, "Missing Access"],
    [50013, 403, "Missing Permissions"],
  ])("%i %s is permanent", async (code, status, message) => {
    fake = await newFakeDiscord().start();
    const adapter = await adapterOn(fake);
    fake.failNext(MESSAGES, { status, code, message });
    const error = await failure(adapter.post({ platform: "discord", channelId: ACME }, CARD));
    expect(error).toMatchObject({ permanent: true, message: `create message: ${code} ${message}` });
    fake.failNext("PATCH /channels/:channel/messages/:message", { status, code, message });
    expect((await failure(adapter.update({ platform: "discord", channelId: ACME, messageId: "300000000000000999" }, CARD))).permanent).toBe(true);
  });

  it("editing a deleted message (10008 Unknown Message) says the message is gone", async () => {
    fake = await newFakeDiscord().start();
    const adapter = await adapterOn(fake);
    fake.failNext("PATCH /channels/:channel/messages/:message", { status: 404, code: 10008, message: "Unknown Message" });
    const error = await failure(adapter.update({ platform: "discord", channelId: ACME, messageId: "300000000000000999" }, CARD));
    expect(error).toMatchObject({ permanent: true, messageGone: true });
  });

  it("a 5xx is retryable and not retried by the client (the outbox retries)", async () => {
    fake = await newFakeDiscord().start();
    const adapter = await adapterOn(fake);
    fake.failNext(MESSAGES, { status: 502, code: 0, message: "Bad Gateway" });
    expect((await failure(adapter.post({ platform: "discord", channelId: ACME }, CARD))).permanent).toBe(false);
    expect(fake.callsTo(MESSAGES)).toHaveLength(1);
  });
});

describe("card threads", () => {
  it("starts one thread per card on first use, even for messages racing to it, then posts into it", async () => {
    fake = await newFakeDiscord().start();
    const adapter = await adapterOn(fake);
    const card = await adapter.post({ platform: "discord", channelId: ACME }, CARD);
    const to = { platform: "discord" as const, channelId: ACME, threadId: card.messageId };
    const refs = await Promise.all([adapter.post(to, { text: "one" }), adapter.post(to, { text: "two" })]);
    expect(fake.callsTo("POST /channels/:channel/messages/:message/threads").map((c) => [c.status, c.body])).toEqual([
      [201, { name: "INC-9 · P2 · Disk full", auto_archive_duration: 10080 }],
    ]);
    expect(refs.map((r) => r.channelId)).toEqual([card.messageId, card.messageId]);
    expect(threadTexts(fake, card.messageId).sort()).toEqual(["one", "two"]);
  });

  it("after a restart (empty memory) finds the card's existing thread through the card message", async () => {
    fake = await newFakeDiscord().start();
    const before = await adapterOn(fake);
    const card = await before.post({ platform: "discord", channelId: ACME }, CARD);
    const to = { platform: "discord" as const, channelId: ACME, threadId: card.messageId };
    await before.post(to, { text: "before the restart" });
    await before.stop();

    const after = await adapterOn(fake);
    const ref = await after.post(to, { text: "after the restart" });
    expect(fake.callsTo("POST /channels/:channel/messages/:message/threads").map((c) => c.status)).toEqual([201, 400]);
    expect(fake.callsTo("GET /channels/:channel/messages/:message").map((c) => c.params.message)).toEqual([card.messageId]);
    expect(ref.channelId).toBe(card.messageId);
    expect(threadTexts(fake, card.messageId)).toEqual(["before the restart", "after the restart"]);
    expect(fake.threads.size).toBe(1);
  });
});

describe("429 on one channel delays that channel only", () => {
  it("ACME's card waits for its Retry-After while Globex's card and thread go out at once", async () => {
    app = await startDiscordApp();
    const a = app;
    await a.driver.command("ben", "open", [{ name: "severity", value: "P3" }, { name: "title", value: "Replica lag" }, { name: "org", value: "acme" }]);
    await a.driver.command("ben", "open", [{ name: "severity", value: "P3" }, { name: "title", value: "Checkout errors" }, { name: "org", value: "globex" }]);
    a.fake.failNext(MESSAGES, { status: 429, retryAfter: 30, channel: ACME });

    const started = Date.now();
    await a.h.deliver();
    a.h.clock.advance(1000);
    await a.h.deliver();
    // The client did not sleep out the 30 s, and Globex was not queued behind ACME.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(channelPosts(a.fake, GLOBEX)).toHaveLength(1);
    expect(threadTexts(a.fake, cardMessage(a.fake, 2, GLOBEX).id)).toEqual(["Ben Okafor opened INC-2."]);
    expect(channelPosts(a.fake, ACME)).toEqual([]);
    const waiting = (await a.h.store.outbox.list()).filter((r) => r.status === "pending");
    expect(waiting.map((r) => [r.channelId, r.kind])).toEqual([[ACME, "card"], [ACME, "thread"]]);
    expect(waiting[0].nextAttemptAt.getTime() - a.h.clock.now().getTime()).toBeGreaterThan(28_000);

    a.h.clock.advance(20_000);
    await a.h.deliver();
    expect(channelPosts(a.fake, ACME)).toEqual([]);
    a.h.clock.advance(11_000);
    await deliverAll(a.h);
    expect(channelPosts(a.fake, ACME)).toHaveLength(1);
    expect(threadTexts(a.fake, cardMessage(a.fake, 1).id)).toEqual(["Ben Okafor opened INC-1."]);
    expect(a.fake.callsTo(MESSAGES).filter((c) => c.params.channel === ACME).map((c) => c.status)).toEqual([429, 200]);
  });
});
