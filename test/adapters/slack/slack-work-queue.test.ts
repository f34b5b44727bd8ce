import { afterEach, describe, expect, it } from "vitest";
import { WorkQueue } from "../../../adapters/slack/work-queue.js";
import { sendSignedBodiesFromWorker, sendSlashCommand, slackFixture } from "../../fakes/fake-slack-requests.js";
import { SIGNING_SECRET, startSlackRig, type SlackRig } from "./slack-rig.js";

function busyWait(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // the core's SQLite work is synchronous CPU like this
  }
}

describe("WorkQueue", () => {
  it("runs items one at a time in arrival order and passes results and errors through", async () => {
    const queue = new WorkQueue(1);
    const log: string[] = [];
    const item = (name: string, fail = false) =>
      queue.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([item("a"), item("b", true), item("c")]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("allows `concurrency` items at once", async () => {
    const queue = new WorkQueue(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        queue.run(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it("idle() waits for running and queued items", async () => {
    const queue = new WorkQueue(1);
    await queue.idle();
    let done = 0;
    for (let i = 0; i < 3; i++) void queue.run(async () => void (await new Promise((r) => setTimeout(r, 5)), done++));
    expect(queue.backlog).toBe(2); // the first one has started
    await queue.idle();
    expect(done).toBe(3);
  });

  it("rejects a concurrency below 1", () => {
    expect(() => new WorkQueue(0)).toThrow(RangeError);
  });
});

describe("acks while the core is busy", () => {
  let rig: SlackRig;
  afterEach(async () => {
    await rig.close();
  });

  // A core item here takes 100 ms of synchronous CPU. A request needs a few turns of the
  // event loop before it is acknowledged (connection, body, Bolt), and one item may run per
  // turn, so an ack may wait a few items — but never the whole backlog.
  const BLOCK_MS = 100;
  // When each core item finished (wall clock, shared with the worker thread's clock).
  let completedAt: number[] = [];
  const busyCore = (r: SlackRig) => {
    completedAt = [];
    r.reply = () => {
      busyWait(BLOCK_MS);
      completedAt.push(Date.now());
      return { outcome: "ok", message: { text: "done" } };
    };
  };
  // Assertions count core items, not milliseconds, so a loaded machine cannot flip them.
  const itemsDoneBefore = (at: number) => completedAt.filter((t) => t < at).length;
  const bodies = (r: SlackRig, tag: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      new URLSearchParams({
        ...slackFixture<Record<string, string>>("slash-command"),
        trigger_id: `${tag}.${i}`,
        response_url: r.fake.responseUrl(`T0001/${tag}/${i}`),
      }).toString(),
    );

  it("works on one request at a time, so a request arriving meanwhile waits for a few items, not for all", async () => {
    rig = await startSlackRig();
    busyCore(rig);
    // Twenty at once, then one more while the core works on the first few. Were the waiting
    // ones started together, the last one would wait for all of them (~19 × 100 ms).
    const delays = [...Array(20).fill(0), 250];
    const answers = await sendSignedBodiesFromWorker(rig.url, SIGNING_SECRET, bodies(rig, "wave", 21), delays);
    expect(answers.map((a) => a.status)).toEqual(Array(21).fill(200));
    await rig.fake.waitFor((c) => c.filter((x) => x.method === "response_url").length === 21, 20_000);
    expect(itemsDoneBefore(answers[20].receivedAt!)).toBeLessThan(15);
  });

  it("stop() lets acknowledged requests finish before it resolves", async () => {
    rig = await startSlackRig();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = 0;
    rig.reply = async () => {
      await gate;
      finished++;
      return { outcome: "ok", message: { text: "done" } };
    };
    const answers = await Promise.all(
      [0, 1, 2].map((i) =>
        sendSlashCommand(rig.url, SIGNING_SECRET, {
          ...slackFixture<Record<string, string>>("slash-command"),
          trigger_id: `stop.${i}`,
          response_url: rig.fake.responseUrl(`T0001/stop/${i}`),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    let stopped = false;
    const stopping = rig.adapter.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(3);
  });
});
