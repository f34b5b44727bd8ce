import { afterEach, describe, expect, it } from "vitest";
import { deadLetterLines, replayDeadLetters } from "../../../src/app/outbox-admin.js";
import { deliverAll } from "../../support/harness.js";
import { ACME, cardTs, DUTY, startSlackApp, threadPosts, topLevelPosts, type SlackApp } from "./slack-app-rig.js";

// Real Bolt and WebClient against the fake Slack Web API answering 429s, 500s and
// channel_not_found; real core on SQLite; only the clock is fake.

let app: SlackApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const okPosts = (a: SlackApp) => a.fake.callsTo("chat.postMessage").filter((c) => c.response?.ok);

describe("Slack delivery under faults", () => {
  it("a 429 storm longer than the old 10-attempt budget loses nothing: card once, every line in its thread, in order", async () => {
    app = await startSlackApp();
    app.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1, channel: ACME, times: 15 });
    await app.command("ben", "open P2 Storm --org acme");
    await app.command("ben", "note 1 first");
    await app.command("ben", "note 1 second");
    await deliverAll(app.h, 200);
    expect(app.fake.callsTo("chat.postMessage").filter((c) => c.status === 429)).toHaveLength(15);
    const card = cardTs(app.fake, 1);
    expect(topLevelPosts(app.fake, ACME).filter((c) => c.response?.ok)).toHaveLength(1);
    expect(threadPosts(app.fake, card).map((c) => c.params.text)).toEqual(["Ben Okafor opened INC-1.", "📝 Ben Okafor: first", "📝 Ben Okafor: second"]);
    const rows = await app.h.store.outbox.list();
    expect(rows.every((r) => r.status === "sent" && r.attempts === 0)).toBe(true);
  });

  it("a thread line waits for its card through a 500 outage and then goes under it, never top-level", async () => {
    app = await startSlackApp();
    app.fake.failNext("chat.postMessage", { status: 500, channel: ACME, times: 4 });
    await app.command("ben", "open P3 Outage --org acme");
    await app.command("ben", "note 1 while slack is down");
    await deliverAll(app.h, 200);
    const card = cardTs(app.fake, 1);
    const inAcme = okPosts(app).filter((c) => c.params.channel === ACME);
    expect(inAcme.map((c) => c.params.thread_ts ?? "top")).toEqual(["top", card, card]);
    expect(threadPosts(app.fake, card).map((c) => c.params.text)).toEqual(["Ben Okafor opened INC-1.", "📝 Ben Okafor: while slack is down"]);
  });

  it("a channel Vigil is not in dead-letters its rows, alerts the duty lead's channel, and replays once fixed", async () => {
    app = await startSlackApp();
    app.fake.failNext("chat.postMessage", { error: "not_in_channel", channel: ACME, times: 2 });
    await app.command("ben", "open P3 Lonely --org acme");
    await deliverAll(app.h);
    const alerts = okPosts(app).filter((c) => c.params.channel === DUTY);
    expect(alerts.map((c) => String(c.params.text))).toEqual([
      expect.stringContaining("was given up: chat.postMessage: not_in_channel"),
      expect.stringContaining("was given up: chat.postMessage: not_in_channel"),
    ]);
    expect((await deadLetterLines(app.h.store)).length).toBe(2);
    expect(await replayDeadLetters(app.h.store, app.h.clock, "all")).toEqual({ replayed: 2, notDead: [] });
    await deliverAll(app.h);
    const card = cardTs(app.fake, 1);
    expect(threadPosts(app.fake, card).map((c) => c.params.text)).toEqual(["Ben Okafor opened INC-1."]);
    expect(await app.h.store.outbox.listFailed()).toEqual([]);
  });
});
