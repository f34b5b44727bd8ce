import { afterEach, describe, expect, it } from "vitest";
import type { Address, MessageRef, OutboundMessage, PostDelivery } from "../../src/ports/chat.js";
import type { ProcessIdentity } from "../../src/ports/process-identity.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { createHarness, type Harness } from "../support/harness.js";

// Both "replicas" live on one host and neither dies: only leadership moves.
const replica = (id: string, pid: number): ProcessIdentity => ({ id, host: "host-1", pid, isAlive: () => true });

/** A platform whose posts wait until `open()`: a send still on its way. */
class SlowAdapter extends RecordingAdapter {
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private arrived!: () => void;
  /** Resolves once a post is waiting at the gate. */
  readonly waiting = new Promise<void>((resolve) => (this.arrived = resolve));
  open(): void {
    this.release();
  }
  override async post(to: Address, message: OutboundMessage, delivery?: PostDelivery): Promise<MessageRef> {
    this.arrived();
    await this.gate;
    return super.post(to, message, delivery);
  }
}

/**
 * A fleet leader that loses its lock without dying (its database session ended) stops sending
 * and stands by, but keeps taking commands: what it has in flight stays its own, so neither
 * the next leader's sender nor another replica's inbox sends it a second time.
 */
describe("a demoted sender", () => {
  const opened: Harness[] = [];
  afterEach(async () => {
    for (const h of opened.reverse()) await h.close();
    opened.length = 0;
  });

  it("keeps its instance: another replica's inbox does not take up (and answer again) the command it is answering", async () => {
    const a = await createHarness({ identity: replica("a", 101) });
    opened.push(a);
    const b = await createHarness({ sharedStore: a.store, identity: replica("b", 102) });
    opened.push(b);
    const event = { kind: "command" as const, eventId: "slack:cmd:1", actor: { platform: "console" as const, userId: "ana", displayName: "ana" }, at: { platform: "console" as const, channelId: "dm-ana" }, text: "/incident open P3 Disk full --org acme" };
    expect(await a.vigil.inbox.accept(event, { channelId: "dm-ana", userId: "ana" })).toBe(true);
    // Demoted while that command's reply is on its way: the sender stops, the replica stays.
    a.vigil.dispatcher.start();
    await a.vigil.dispatcher.pause();
    expect(await b.vigil.inbox.takeUp()).toBe(0);
    expect((await a.store.inbox.list()).map((r) => [r.eventId, r.owner])).toEqual([["slack:cmd:1", "a"]]);
  });

  it("finishes the row in flight and claims nothing more; the next leader sends the rest, each once", async () => {
    const slow = new SlowAdapter();
    const a = await createHarness({ adapters: [slow], identity: replica("a", 101) });
    opened.push(a);
    const next = new RecordingAdapter();
    const b = await createHarness({ adapters: [next], sharedStore: a.store, identity: replica("b", 102) });
    opened.push(b);
    await a.store.transaction(async (tx) => {
      for (const text of ["one", "two"]) await tx.outbox.enqueue({ platform: "console", channelId: "X", kind: "post", message: { text }, createdAt: a.clock.now() });
    });
    const sending = a.deliver();
    await slow.waiting;
    const demoted = a.vigil.dispatcher.pause();
    // The new leader frees what dead processes held; the demoted one lives, so "one" stays its own.
    await b.vigil.dispatcher.lease.freeDeadNow();
    await b.deliver();
    expect(next.calls).toEqual([]);
    slow.open();
    await Promise.all([sending, demoted]);
    await b.deliver();
    expect(slow.calls.map((c) => c.op === "post" && c.message.text)).toEqual(["one"]);
    expect(next.calls.map((c) => c.op === "post" && c.message.text)).toEqual(["two"]);
  });
});
