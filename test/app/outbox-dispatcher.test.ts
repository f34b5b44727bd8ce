import { afterEach, describe, expect, it } from "vitest";
import { createVigil } from "../../src/app/vigil.js";
import { openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import { ChatDeliveryError } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { createHarness, deliverAll, examplePolicy, MemoryLogger, type Harness } from "../support/harness.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

const texts = (h: Harness, channel: string) => h.chat.inChannel(channel).map((c) => c.message.title ?? c.message.text);

describe("outbox dispatcher", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("retries a failing platform with exponential backoff and sends each row exactly once", async () => {
    // Full jitter drawn at its ceiling, so the backoff's doubling shows exactly.
    h = await createHarness({ dispatcher: { random: () => 1 } });
    h.chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("HTTP 500"), times: 2 });
    await h.as("ana", "/incident open P3 Slow --org acme");
    await h.deliver();
    expect(h.chat.inChannel("acme-incidents")).toHaveLength(0);
    let [card] = await h.store.outbox.list();
    expect(card).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
    expect(card.nextAttemptAt.toISOString()).toBe("2026-11-02T09:00:01.000Z");
    h.clock.advance(1000);
    await h.deliver();
    [card] = await h.store.outbox.list();
    expect(card).toMatchObject({ status: "pending", attempts: 2 });
    expect(card.nextAttemptAt.toISOString()).toBe("2026-11-02T09:00:03.000Z");
    h.clock.advance(1000);
    await h.deliver();
    expect(h.chat.inChannel("acme-incidents")).toHaveLength(0);
    h.clock.advance(1000);
    await h.deliver();
    await h.deliver();
    expect(texts(h, "acme-incidents")).toEqual(["INC-1 · P3 · Slow", "Ana Lima opened INC-1."]);
    expect((await h.store.outbox.list()).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("honours Retry-After for one channel while other channels keep flowing, and keeps order", async () => {
    h = await createHarness();
    h.chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("ratelimited", 2000), times: 1 });
    await h.as("ana", "/incident open P1 Outage --org acme");
    await h.as("ben", "/incident ack 1");
    await h.deliver();
    expect(texts(h, "duty-lead")).toEqual(["INC-1"]);
    expect(h.chat.inChannel("acme-incidents")).toHaveLength(0);
    h.clock.advance(1999);
    await h.deliver();
    expect(h.chat.inChannel("acme-incidents")).toHaveLength(0);
    h.clock.advance(1);
    await h.deliver();
    const calls = h.chat.inChannel("acme-incidents").map((c) => `${c.op}:${c.message.title ?? c.message.text}`);
    // The ack came before the card went out: the card is posted once, already acknowledged.
    expect(calls).toEqual(["post:INC-1 · P1 · Outage", "post:Ana Lima opened INC-1.", "post:Ben Okafor acknowledged INC-1."]);
    expect(h.chat.inChannel("acme-incidents")[0].message.fields?.[0]).toEqual({ label: "Status", value: "Acknowledged" });
    expect((await h.store.outbox.list()).every((r) => r.status === "sent")).toBe(true);
  });

  it("card changes made before the card is edited become one edit with the newest state", async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P3 Flappy --org acme");
    await h.deliver();
    h.chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("ratelimited", 1000), times: 1 });
    await h.as("ben", "/incident ack 1");
    await h.deliver();
    // Rate limited (never sent), so the mitigation's state takes the waiting row's place.
    await h.as("ben", "/incident mitigate 1");
    h.clock.advance(1000);
    await h.deliver();
    const updates = h.chat.inChannel("acme-incidents").filter((c) => c.op === "update");
    expect(updates.map((u) => u.message.fields?.[0].value)).toEqual(["Mitigated"]);
    expect((await h.store.outbox.list()).filter((r) => r.kind === "card").map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("skips a card edit that may have failed once when a newer one waits behind it, without spending the channel's slot", async () => {
    // One message per second per channel, no burst: a stale edit that took the slot would delay the newest.
    const chat = new RecordingAdapter("console", { perChannelPerSecond: 1, burst: 1 });
    h = await createHarness({ adapters: [chat] });
    await h.as("ana", "/incident open P3 Flappy --org acme");
    await deliverAll(h);
    chat.failures.push({ channelId: "acme-incidents", op: "update", error: new ChatDeliveryError("HTTP 500"), times: 1 });
    await h.as("ben", "/incident ack 1");
    h.clock.advance(1000);
    await h.deliver();
    // The failed edit may have reached Slack: the mitigation queues behind it instead of replacing it.
    await h.as("ben", "/incident mitigate 1");
    h.clock.advance(1000);
    await h.deliver();
    // The stale edit was dropped without the slot: this second's message is the ack's line.
    const lines = () => chat.inChannel("acme-incidents").flatMap((c) => (c.op === "post" && c.to.threadId ? [c.message.text] : []));
    expect(lines().slice(1)).toEqual(["Ben Okafor acknowledged INC-1."]);
    h.clock.advance(1000);
    await h.deliver();
    const updates = chat.inChannel("acme-incidents").filter((c) => c.op === "update");
    expect(updates.map((u) => u.message.fields?.[0].value)).toEqual(["Mitigated"]);
    const cards = (await h.store.outbox.list()).filter((r) => r.kind === "card");
    expect(cards.map((r) => r.status)).toEqual(["sent", "superseded", "sent"]);
  });

  it("a card someone deleted is posted again, and later messages follow the new card", async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P3 Printer on fire --org acme");
    await h.deliver();
    h.chat.failures.push({ channelId: "acme-incidents", op: "update", error: new ChatDeliveryError("message_not_found", undefined, true, true), times: 1 });
    await h.as("ben", "/incident ack 1");
    await h.deliver();
    await h.as("ben", "/incident note 1 extinguisher found");
    await h.deliver();
    const posts = h.chat.inChannel("acme-incidents").filter((c) => c.op === "post" && !c.to.threadId);
    expect(posts.map((p) => p.message.fields?.[0].value)).toEqual(["Open", "Acknowledged"]);
    const newCard = posts[1].op === "post" ? posts[1].ref : undefined;
    expect(await h.store.links.find(1, "console", "acme-incidents")).toEqual(newCard);
    const last = h.chat.inChannel("acme-incidents").at(-1)!;
    expect(last.op === "post" && [last.to.threadId, last.message.text]).toEqual([newCard?.messageId, "📝 Ben Okafor: extinguisher found"]);
    expect((await h.store.outbox.list()).filter((r) => r.status === "failed")).toEqual([]);
    expect(h.logger.lines.some((l) => l.message === "incident card was deleted; posting it again")).toBe(true);
  });

  it("paces each channel to the platform's rate (burst, then per second)", async () => {
    const chat = new RecordingAdapter("console", { perChannelPerSecond: 1, burst: 3 });
    h = await createHarness({ adapters: [chat] });
    await h.as("ana", "/incident open P3 Noisy --org acme");
    for (let i = 1; i <= 4; i++) await h.as("ben", `/incident note 1 step ${i}`);
    await h.deliver();
    expect(chat.inChannel("acme-incidents")).toHaveLength(3);
    h.clock.advance(1000);
    await h.deliver();
    expect(chat.inChannel("acme-incidents")).toHaveLength(4);
    h.clock.advance(2000);
    await h.deliver();
    expect(chat.inChannel("acme-incidents").map((c) => c.message.title ?? c.message.text)).toEqual([
      "INC-1 · P3 · Noisy",
      "Ana Lima opened INC-1.",
      "📝 Ben Okafor: step 1",
      "📝 Ben Okafor: step 2",
      "📝 Ben Okafor: step 3",
      "📝 Ben Okafor: step 4",
    ]);
  });

  it("gives up on a permanent error without blocking the channel; later thread messages still go out", async () => {
    h = await createHarness();
    h.chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("channel_not_found", undefined, true), times: 1 });
    await h.as("ana", "/incident open P3 Gone --org acme");
    await h.deliver();
    const rows = (await h.store.outbox.list()).filter((r) => r.channelId === "acme-incidents");
    expect(rows.map((r) => [r.kind, r.status])).toEqual([["card", "failed"], ["thread", "sent"]]);
    expect(rows[0].lastError).toBe("channel_not_found");
    expect(h.logger.lines.some((l) => l.level === "error" && l.message === "giving up on outbox message")).toBe(true);
    // The thread line went under a re-posted card, not into the channel itself.
    const [card, line] = h.chat.inChannel("acme-incidents");
    expect(card.op === "post" && [card.to.threadId, card.message.title]).toEqual([undefined, "INC-1 · P3 · Gone"]);
    expect(line.op === "post" && line.to.threadId).toBe(card.op === "post" && card.ref.messageId);
  });

  it("keeps retrying a transient error for the whole horizon (24 h by default), then dead-letters it", async () => {
    h = await createHarness({ dispatcher: { random: () => 1 } });
    h.chat.failures.push({ channelId: "duty-lead", error: new Error("socket hang up"), times: 1000 });
    await h.as("ana", "/incident open P1 Down --org acme");
    for (let minutes = 0; minutes < 23 * 60; minutes += 10) {
      await h.deliver();
      h.clock.advance(10 * 60_000);
    }
    let duty = (await h.store.outbox.list()).find((r) => r.channelId === "duty-lead")!;
    expect(duty).toMatchObject({ status: "pending", lastError: "socket hang up" });
    expect(duty.attempts).toBeGreaterThan(100);
    h.clock.advance(60 * 60_000);
    await h.deliver();
    duty = (await h.store.outbox.list()).find((r) => r.channelId === "duty-lead")!;
    expect(duty.status).toBe("failed");
    expect(duty.lastError).toMatch(/^socket hang up \(still failing after 1440 min\)$/);
  });
});

describe("outbox after a crash", () => {
  it("rows left pending by a stopped process are sent by the next one, once", async () => {
    const db = tempDatabaseUrl();
    const policy = examplePolicy();
    const clock = new FakeClock();
    const ids = { newId: () => "x", newReference: () => "R" };
    try {
      const first = await openSqliteStore(db.url);
      const crashed = new RecordingAdapter();
      const before = createVigil({ store: first, clock, ids, logger: new MemoryLogger(), policy, adapters: [crashed] });
      await before.start({ background: false });
      await before.handle({ kind: "command", eventId: "e1", actor: { platform: "console", userId: "ana", displayName: "ana" }, at: { platform: "console", channelId: "dm" }, text: "/incident open P2 Disk --org acme" });
      await first.close();
      expect(crashed.calls).toEqual([]);

      const second = await openSqliteStore(db.url);
      const restarted = new RecordingAdapter();
      const after = createVigil({ store: second, clock, ids, logger: new MemoryLogger(), policy, adapters: [restarted] });
      await after.start({ background: false });
      await after.dispatcher.drain();
      await after.dispatcher.drain();
      const seen = (channel: string) => restarted.inChannel(channel).map((c) => `${c.op}:${c.message.title ?? c.message.text}`);
      expect(seen("acme-incidents")).toEqual(["post:INC-1 · P2 · Disk", "post:Ana Lima opened INC-1."]);
      expect(seen("duty-lead")).toEqual(["post:INC-1"]);
      expect(restarted.calls).toHaveLength(3);
      expect((await second.outbox.pendingSummary()).count).toBe(0);
      await second.close();
    } finally {
      db.cleanup();
    }
  });
});
