import { afterEach, describe, expect, it } from "vitest";
import { deadLetterLines, replayDeadLetters } from "../../src/app/outbox-admin.js";
import { ChatDeliveryError } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { createHarness, deliverAll, type Harness } from "../support/harness.js";

const texts = (chat: RecordingAdapter, channel: string) => chat.inChannel(channel).map((c) => c.message.title ?? c.message.text);

describe("outbox: rate limits are never failures", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("a 429 storm longer than any attempt budget loses nothing and uses no attempt", async () => {
    h = await createHarness();
    h.chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("ratelimited", 1000), times: 40 });
    await h.as("ana", "/incident open P2 Storm --org acme");
    await h.as("ben", "/incident note 1 still raining");
    await deliverAll(h, 200);
    expect(texts(h.chat, "acme-incidents")).toEqual(["INC-1 · P2 · Storm", "Ana Lima opened INC-1.", "📝 Ben Okafor: still raining"]);
    const rows = (await h.store.outbox.list()).filter((r) => r.channelId === "acme-incidents");
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["sent", 0], ["sent", 0], ["sent", 0]]);
    const [card, ...lines] = h.chat.inChannel("acme-incidents");
    for (const line of lines) expect(line.op === "post" && line.to.threadId).toBe(card.op === "post" && card.ref.messageId);
  });

  it("waits Retry-After plus a jitter of at most a quarter of it (capped at 1 s)", async () => {
    h = await createHarness({ dispatcher: { random: () => 1 } });
    h.chat.failures.push({ channelId: "duty-lead", error: new ChatDeliveryError("ratelimited", 2000), times: 1 });
    await h.as("ana", "/incident open P1 Jitter --org acme");
    await h.deliver();
    const duty = (await h.store.outbox.list()).find((r) => r.channelId === "duty-lead")!;
    expect(duty.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(2500);
  });

  it("a platform-wide 429 pauses every channel of that platform, not the others", async () => {
    const telegram = new RecordingAdapter("telegram");
    const team = new RecordingAdapter("console");
    h = await createHarness({ adapters: [telegram, team] });
    await h.store.transaction(async (tx) => {
      for (const [platform, channelId] of [["telegram", "1"], ["telegram", "2"], ["console", "a"]] as const) {
        await tx.outbox.enqueue({ platform, channelId, kind: "post", message: { text: `to ${channelId}` }, createdAt: h.clock.now() });
      }
    });
    telegram.failures.push({ channelId: "1", error: new ChatDeliveryError("flood wait", 5000, false, false, true), times: 1 });
    await h.deliver();
    expect(team.calls).toHaveLength(1);
    // Chat 2 was in the same batch as the 429 and got through; a new row for it must wait.
    await h.store.outbox.enqueue({ platform: "telegram", channelId: "2", kind: "post", message: { text: "later" }, createdAt: h.clock.now() });
    h.clock.advance(4000);
    await h.deliver();
    expect(telegram.calls.map((c) => c.message.text)).toEqual(["to 2"]);
    h.clock.advance(1000);
    await h.deliver();
    expect(telegram.calls.map((c) => c.message.text).sort()).toEqual(["later", "to 1", "to 2"]);
    expect((await h.store.outbox.list()).every((r) => r.status === "sent" && r.attempts === 0)).toBe(true);
  });
});

describe("outbox: dead letters", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("a permanent error dead-letters the row, alerts the duty lead elsewhere, and the row can be replayed in order", async () => {
    h = await createHarness();
    h.chat.failures.push({ channelId: "acme-incidents", error: new ChatDeliveryError("channel_not_found", undefined, true), times: 2 });
    await h.as("ana", "/incident open P3 Misconfigured --org acme");
    await deliverAll(h);
    const dead = await h.store.outbox.listFailed();
    expect(dead.map((r) => [r.channelId, r.kind, r.lastError])).toEqual([
      ["acme-incidents", "card", "channel_not_found"],
      ["acme-incidents", "thread", "channel_not_found"],
    ]);
    const alerts = h.chat.inChannel("duty-lead").filter((c) => c.message.title === "⚠️ Vigil could not deliver a message");
    expect(alerts).toHaveLength(2);
    expect(alerts[0].message.text).toContain(`Outbox row ${dead[0].id} to console channel acme-incidents was given up: channel_not_found.`);
    expect(alerts[0].message.text).toContain(`npm run outbox -- retry ${dead[0].id}`);
    expect((await deadLetterLines(h.store))[0]).toMatch(new RegExp(`^#${dead[0].id}  console/acme-incidents  card  attempts 1  channel_not_found`));

    // The channel is fixed (the failure was injected twice: the card, then its re-post for the line).
    expect(await replayDeadLetters(h.store, h.clock, [dead[0].id, 999])).toEqual({ replayed: 1, notDead: [999] });
    expect(await replayDeadLetters(h.store, h.clock, "all")).toEqual({ replayed: 1, notDead: [] });
    await deliverAll(h);
    const [card, line] = h.chat.inChannel("acme-incidents");
    expect(card.op === "post" && [card.to.threadId, card.message.title]).toEqual([undefined, "INC-1 · P3 · Misconfigured"]);
    expect(line.op === "post" && [line.to.threadId, line.message.text]).toEqual([card.op === "post" && card.ref.messageId, "Ana Lima opened INC-1."]);
    expect(await deadLetterLines(h.store)).toEqual(["No dead-lettered messages."]);
  });

  it("a dead alert does not alert about itself", async () => {
    h = await createHarness();
    h.chat.failures.push({ error: new ChatDeliveryError("invalid_auth", undefined, true), times: 100 });
    await h.as("ana", "/incident open P1 Everything --org acme");
    await deliverAll(h);
    const rows = await h.store.outbox.list();
    expect(rows.every((r) => r.status === "failed")).toBe(true);
    // Card and line in acme-incidents alert duty-lead; the failed alerts (and the duty-lead post) alert no one.
    const alerts = rows.filter((r) => r.messageKey?.startsWith("dead-letter-alert"));
    expect(alerts.map((a) => [a.channelId, a.messageKey])).toEqual([
      ["duty-lead", `dead-letter-alert:${rows[0].id}`],
      ["duty-lead", `dead-letter-alert:${rows[1].id}`],
    ]);
    expect(h.chat.calls).toEqual([]);
  });
});

describe("outbox: a platform whose adapter is down", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("keeps its rows waiting untouched (no attempt, no claim) while the others flow, and sends them once it connects", async () => {
    const telegram = new RecordingAdapter("telegram");
    let refusals = 2;
    const start = telegram.start.bind(telegram);
    telegram.start = async (onEvent) => {
      if (refusals-- > 0) throw new Error("Network request failed: getMe");
      return start(onEvent);
    };
    const team = new RecordingAdapter("console");
    h = await createHarness({ adapters: [telegram, team], supervisor: { baseDelayMs: 20, maxDelayMs: 20 } });
    expect(h.vigil.adapters.isUp("telegram")).toBe(false);
    await h.store.outbox.enqueue({ platform: "telegram", channelId: "5001", kind: "post", message: { text: "for telegram" }, createdAt: h.clock.now() });
    await h.store.outbox.enqueue({ platform: "console", channelId: "a", kind: "post", message: { text: "for the team" }, createdAt: h.clock.now() });
    expect(await h.deliver()).toBe(1);
    const waiting = (await h.store.outbox.list()).find((r) => r.platform === "telegram")!;
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    for (let i = 0; i < 100 && !h.vigil.adapters.isUp("telegram"); i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.vigil.adapters.statuses().find((s) => s.platform === "telegram")).toMatchObject({ up: true, failures: 0 });
    expect(await h.deliver()).toBe(1);
    expect(telegram.calls.map((c) => c.message.text)).toEqual(["for telegram"]);
  });
});

describe("outbox: after an outage", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("the backlog moves within a probe interval of the platform answering again, in every channel, in order", async () => {
    // Backoff with its full ceiling (random 1): after 70 s of 500s a row would wait until 127 s.
    h = await createHarness({ dispatcher: { random: () => 1, probeMs: 2000 } });
    h.chat.failures.push({ error: new ChatDeliveryError("HTTP 500"), times: 10_000 });
    await h.as("ana", "/incident open P2 Outage --org acme");
    await h.as("ben", "/incident note 1 still down");
    for (let t = 0; t < 70_000; t += 100) {
      await h.deliver();
      h.clock.advance(100);
    }
    expect(h.chat.calls).toEqual([]);
    const attempts = (await h.store.outbox.list()).map((r) => r.attempts);
    h.chat.failures.length = 0;
    const recovered = h.clock.now().getTime();
    let movedAfterMs: number | undefined;
    for (let t = 0; t < 60_000 && h.chat.inChannel("duty-lead").length + h.chat.inChannel("acme-incidents").length < 4; t += 100) {
      await h.deliver();
      if (movedAfterMs === undefined && h.chat.calls.length > 0) movedAfterMs = h.clock.now().getTime() - recovered;
      h.clock.advance(100);
    }
    // One probe interval (2 s ± 25 %), then every channel's backlog at the platform's pace.
    expect(movedAfterMs).toBeLessThanOrEqual(2500);
    expect(texts(h.chat, "acme-incidents")).toEqual(["INC-1 · P2 · Outage", "Ana Lima opened INC-1.", "📝 Ben Okafor: still down"]);
    expect(h.chat.inChannel("duty-lead")).toHaveLength(1);
    const [card, ...lines] = h.chat.inChannel("acme-incidents");
    for (const line of lines) expect(line.op === "post" && line.to.threadId).toBe(card.op === "post" && card.ref.messageId);
    // Nothing was given up, and the rows had backed off well past the recovery.
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(5);
    expect((await h.store.outbox.list()).every((r) => r.status === "sent")).toBe(true);
    expect(h.logger.lines.some((l) => l.message === "platform answers again; its backed-off messages are due now")).toBe(true);
  });
});
