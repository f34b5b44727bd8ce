import { afterEach, describe, expect, it } from "vitest";
import { OutboxDispatcher } from "../../src/app/outbox-dispatcher.js";
import { openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import type { ProcessIdentity } from "../../src/ports/process-identity.js";
import type { Store } from "../../src/ports/store.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { MemoryLogger } from "../support/harness.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

const DEAD_PID = 4242;
const identity = (id: string, host = "host-1"): ProcessIdentity => ({ id, host, pid: 1000, isAlive: (pid) => pid !== DEAD_PID });

describe("outbox: the crash window", () => {
  const db = tempDatabaseUrl();
  let store: Store;
  const clock = new FakeClock();
  afterEach(async () => {
    await store.close();
    db.cleanup();
  });

  /** A process that claimed the first row of channel A and died (kill -9) before recording it. */
  async function crashedWhileSending(host = "host-1"): Promise<void> {
    store = await openSqliteStore(db.url);
    for (const text of ["first", "second"]) await store.outbox.enqueue({ platform: "console", channelId: "A", kind: "post", message: { text }, createdAt: clock.now() });
    await store.outbox.registerInstance({ id: "dead", host, pid: DEAD_PID, startedAt: clock.now(), heartbeatAt: clock.now() });
    const claimed = await store.transaction((tx) => tx.outbox.claimDue(clock.now(), new Date(clock.now().getTime() + 30_000), 10, {}, "dead"));
    expect(claimed.map((r) => r.message.text)).toEqual(["first"]);
  }

  const dispatcher = (chat: RecordingAdapter, id: string) => new OutboxDispatcher(store, clock, new MemoryLogger(), new Map([["console", chat]]), {}, undefined, [], identity(id));

  it("a new process on the same host frees a dead process's lease at once: the channel does not stall", async () => {
    await crashedWhileSending();
    const chat = new RecordingAdapter();
    const next = dispatcher(chat, "next");
    // Same instant as the crash: the 30 s lease has not run out, yet nothing waits for it.
    await next.drain();
    await next.drain();
    expect(chat.calls.map((c) => c.message.text)).toEqual(["first", "second"]);
    const [first, second] = chat.calls;
    // The row that was in flight is flagged, so the adapter checks the platform before re-posting.
    expect(first.op === "post" && first.delivery).toEqual({ key: `vigil-1`, mayAlreadyBeSent: true });
    expect(second.op === "post" && second.delivery).toEqual({ key: `vigil-2`, mayAlreadyBeSent: false });
    expect((await store.outbox.listInstances()).map((i) => i.id)).toEqual(["next"]);
  });

  it("a process on another host is judged by its heartbeat: its leases are freed once it is silent for a lease", async () => {
    await crashedWhileSending("host-2");
    const chat = new RecordingAdapter();
    const next = dispatcher(chat, "next");
    await next.drain();
    expect(chat.calls).toEqual([]);
    clock.advance(29_000);
    await next.drain();
    expect(chat.calls).toEqual([]);
    clock.advance(1_000);
    await next.drain();
    await next.drain();
    expect(chat.calls.map((c) => c.message.text)).toEqual(["first", "second"]);
  });

  it("a live process's heartbeat keeps its leases: nobody else sends its row", async () => {
    store = await openSqliteStore(db.url);
    await store.outbox.enqueue({ platform: "console", channelId: "A", kind: "post", message: { text: "slow" }, createdAt: clock.now() });
    await store.outbox.registerInstance({ id: "busy", host: "host-2", pid: 7, startedAt: clock.now(), heartbeatAt: clock.now() });
    await store.transaction((tx) => tx.outbox.claimDue(clock.now(), new Date(clock.now().getTime() + 30_000), 10, {}, "busy"));
    const chat = new RecordingAdapter();
    const other = dispatcher(chat, "other");
    for (let i = 0; i < 4; i++) {
      clock.advance(20_000);
      await store.outbox.heartbeat("busy", clock.now(), new Date(clock.now().getTime() + 30_000));
      await other.drain();
    }
    expect(chat.calls).toEqual([]);
  });

  it("a row a dead sender may have posted keeps that mark while the channel's pace makes it wait", async () => {
    // The dead process had just posted to channel A (its sent row says when), then claimed the next row and died.
    store = await openSqliteStore(db.url);
    await store.outbox.enqueue({ platform: "console", channelId: "A", kind: "post", message: { text: "before" }, createdAt: clock.now() });
    const [before] = await store.transaction((tx) => tx.outbox.claimDue(clock.now(), new Date(clock.now().getTime() + 30_000), 10, {}, "dead"));
    await store.outbox.complete(before.id, "sent", clock.now(), "m0");
    await store.outbox.enqueue({ platform: "console", channelId: "A", kind: "post", message: { text: "in flight" }, createdAt: clock.now() });
    await store.outbox.registerInstance({ id: "dead", host: "host-1", pid: DEAD_PID, startedAt: clock.now(), heartbeatAt: clock.now() });
    await store.transaction((tx) => tx.outbox.claimDue(clock.now(), new Date(clock.now().getTime() + 30_000), 10, {}, "dead"));
    // The next sender resumes the channel's pace from that post: the row waits a second first.
    const chat = new RecordingAdapter("console", { perChannelPerSecond: 1, burst: 1 });
    const next = dispatcher(chat, "next");
    await next.drain();
    expect(chat.calls).toEqual([]);
    clock.advance(1_000);
    await next.drain();
    const [post] = chat.calls;
    // Still flagged: the adapter looks for the copy the dead process may have posted (Slack: by metadata).
    expect(post.op === "post" && post.delivery).toEqual({ key: "vigil-2", mayAlreadyBeSent: true });
  });

  it("a clean stop hands its leases back and leaves no instance behind", async () => {
    store = await openSqliteStore(db.url);
    const chat = new RecordingAdapter();
    const one = dispatcher(chat, "one");
    await one.drain();
    expect((await store.outbox.listInstances()).map((i) => i.id)).toEqual(["one"]);
    await one.stop();
    expect(await store.outbox.listInstances()).toEqual([]);
  });
});
