import { afterEach, describe, expect, it } from "vitest";
import { PlatformRateLimiter } from "../../src/app/rate-limiter.js";
import type { RateLimit } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { createHarness, type Harness } from "../support/harness.js";

const telegramLike = (globalPerSecond: number): RateLimit => ({
  perChannelPerSecond: 1,
  burst: 1,
  globalPerSecond,
  channelLimit: (id) => (id.startsWith("-") ? { perChannelPerSecond: 20 / 60, burst: 1 } : undefined),
});

async function enqueue(h: Harness, platform: "telegram" | "console", channels: string[]): Promise<void> {
  await h.store.transaction(async (tx) => {
    for (const channelId of channels) await tx.outbox.enqueue({ platform, channelId, kind: "post", message: { text: `to ${channelId}` }, createdAt: h.clock.now() });
  });
}

describe("outbox: a platform-wide rate limit", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("claims only what the platform's budget allows; the rest stays queued untouched (no herd of deferred rows)", async () => {
    const telegram = new RecordingAdapter("telegram", telegramLike(50));
    h = await createHarness({ adapters: [telegram, new RecordingAdapter("console")] });
    const chats = Array.from({ length: 40 }, (_, i) => String(1000 + i));
    await enqueue(h, "telegram", chats);
    const queuedAt = h.clock.now().getTime();
    expect(await h.deliver()).toBe(13); // a quarter of a second of budget (50/s)
    const waiting = (await h.store.outbox.list()).filter((r) => r.status === "pending");
    expect(waiting).toHaveLength(27);
    // Not claimed, so not pushed back one by one: attempts and due times are as enqueued.
    expect(waiting.every((r) => r.attempts === 0 && r.nextAttemptAt.getTime() === queuedAt)).toBe(true);
    h.clock.advance(100);
    expect(await h.deliver()).toBe(5);
    h.clock.advance(60_000);
    expect(await h.deliver()).toBe(13); // an idle minute does not bank a burst beyond the bucket
    expect(telegram.calls.map((c) => (c.op === "post" ? c.to.channelId : ""))).toEqual(chats.slice(0, 31));
  });

  it("never holds up another platform while one is out of budget", async () => {
    const telegram = new RecordingAdapter("telegram", telegramLike(10));
    const team = new RecordingAdapter("console");
    h = await createHarness({ adapters: [telegram, team] });
    await enqueue(h, "telegram", ["1", "2", "3", "4", "5"]);
    await enqueue(h, "console", ["a", "b", "c"]);
    expect(await h.deliver()).toBe(6);
    expect(team.calls).toHaveLength(3);
    expect(telegram.calls).toHaveLength(3);
  });

  it("paces a group at 20 messages per minute and a private chat at one per second", async () => {
    const telegram = new RecordingAdapter("telegram", telegramLike(30));
    h = await createHarness({ adapters: [telegram] });
    await enqueue(h, "telegram", ["-100", "-100", "-100", "7001", "7001"]);
    await h.deliver();
    const sent = () => telegram.calls.map((c) => (c.op === "post" ? c.to.channelId : ""));
    expect(sent()).toEqual(["-100", "7001"]);
    h.clock.advance(1000);
    await h.deliver();
    expect(sent()).toEqual(["-100", "7001", "7001"]);
    h.clock.advance(2000);
    await h.deliver();
    expect(sent()).toEqual(["-100", "7001", "7001", "-100"]);
    h.clock.advance(3000);
    await h.deliver();
    expect(sent()).toEqual(["-100", "7001", "7001", "-100", "-100"]);
    // Pacing is not a failure: no attempt was counted.
    expect((await h.store.outbox.list()).every((r) => r.status === "sent" && r.attempts === 0)).toBe(true);
  });
});

describe("PlatformRateLimiter", () => {
  it("holds a quarter of a second of budget and says when half of it is back", () => {
    const limiter = new PlatformRateLimiter();
    const limit = telegramLike(300);
    const t0 = new Date("2026-11-02T09:00:00Z");
    expect(limiter.available("telegram", limit, t0)).toBe(75);
    limiter.take("telegram", 75);
    expect(limiter.available("telegram", limit, t0)).toBe(0);
    expect(limiter.wakeInMs("telegram", limit, t0)).toBe(124);
    limiter.refund("telegram", limit);
    expect(limiter.available("telegram", limit, t0)).toBe(1);
    expect(limiter.available("telegram", limit, new Date(t0.getTime() + 10_000))).toBe(75);
    expect(limiter.available("console", undefined, t0)).toBe(Infinity);
  });

  it("never allows more than the platform's rate in any one second, burst included", () => {
    const limiter = new PlatformRateLimiter();
    const limit = telegramLike(30);
    const t0 = new Date("2026-11-02T09:00:00Z").getTime();
    const granted: number[] = [];
    // A sender with a backlog asks every 10 ms for three seconds and takes all it is given.
    for (let t = t0; t < t0 + 3000; t += 10) {
      const n = limiter.available("telegram", limit, new Date(t));
      limiter.take("telegram", n);
      // Each goes out 0-40 ms after its claim (the claim's database round trip varies).
      for (let i = 0; i < n; i++) {
        const at = t + ((t / 10) % 5) * 10;
        limiter.sent("telegram", new Date(at));
        granted.push(at);
      }
    }
    const most = Math.max(...granted.map((t) => granted.filter((u) => u >= t && u < t + 1000).length));
    // A quarter-second burst on top of 30/s would give 38 in the first second.
    expect(most).toBe(30);
    expect(granted.length).toBeGreaterThanOrEqual(89);
  });
});
