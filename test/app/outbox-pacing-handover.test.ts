import { afterEach, describe, expect, it } from "vitest";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { createHarness, type Harness } from "../support/harness.js";

/**
 * A channel's pace holds across senders: a process that restarts, or a replica that takes over
 * sending, resumes from the messages the previous sender just sent instead of a full burst.
 */
describe("outbox pacing across a handover", () => {
  const opened: Harness[] = [];
  afterEach(async () => {
    // The second harness shares the first one's database: close it first.
    for (const h of opened.reverse()) await h.close();
    opened.length = 0;
  });

  it("the next sender spends only what the last one left of the channel's burst", async () => {
    const pace = { perChannelPerSecond: 1, burst: 3 };
    const first = new RecordingAdapter("console", pace);
    const a = await createHarness({ adapters: [first] });
    opened.push(a);
    await a.store.transaction(async (tx) => {
      for (let n = 1; n <= 8; n++) await tx.outbox.enqueue({ platform: "console", channelId: "busy", kind: "post", message: { text: `m${n}` }, createdAt: a.clock.now() });
    });
    await a.deliver();
    expect(first.calls.map((c) => c.message.text)).toEqual(["m1", "m2", "m3"]);

    // The first sender dies; another process on the same database takes over a second later.
    const second = new RecordingAdapter("console", pace);
    const b = await createHarness({ adapters: [second], sharedStore: a.store });
    opened.push(b);
    b.clock.set(a.clock.now());
    b.clock.advance(1000);
    await b.deliver();
    // The burst was spent a second ago: Slack's bucket has one token back, so a full burst would be 3 over.
    expect(second.calls).toHaveLength(0);
    b.clock.advance(1000);
    await b.deliver();
    expect(second.calls.map((c) => c.message.text)).toEqual(["m4"]);
    b.clock.advance(1000);
    await b.deliver();
    expect(second.calls.map((c) => c.message.text)).toEqual(["m4", "m5"]);
  });

  it("a channel quiet for longer than its burst window starts with the full burst", async () => {
    const pace = { perChannelPerSecond: 1, burst: 3 };
    const first = new RecordingAdapter("console", pace);
    const a = await createHarness({ adapters: [first] });
    opened.push(a);
    const enqueue = (texts: string[]) =>
      a.store.transaction(async (tx) => {
        for (const text of texts) await tx.outbox.enqueue({ platform: "console", channelId: "quiet", kind: "post", message: { text }, createdAt: a.clock.now() });
      });
    await enqueue(["m1", "m2"]);
    await a.deliver();
    const second = new RecordingAdapter("console", pace);
    const b = await createHarness({ adapters: [second], sharedStore: a.store });
    opened.push(b);
    b.clock.set(a.clock.now());
    b.clock.advance(3000);
    await enqueue(["m3", "m4", "m5"]);
    await b.deliver();
    expect(second.calls.map((c) => c.message.text)).toEqual(["m3", "m4", "m5"]);
  });
});
