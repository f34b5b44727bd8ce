// Several Vigil replicas on one PostgreSQL database, in one process: each replica has its own
// connection pool (its own sessions), as separate hosts would.
import { afterEach, describe, expect, it } from "vitest";
import { createVigil } from "../../src/app/vigil.js";
import { openPostgresStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import type { Address, InboundEvent, MessageRef, OutboundMessage } from "../../src/ports/chat.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "../support/fake-clock.js";
import { examplePolicy, MemoryLogger } from "../support/harness.js";
import { tempPgDatabase } from "../support/temp-pg.js";

/** A recording adapter that takes a while per call and logs into a log shared by replicas. */
class SlowAdapter extends RecordingAdapter {
  constructor(
    private readonly log: { replica: number; channelId: string; text: string }[],
    private readonly replica: number,
  ) {
    super("console");
  }
  override async post(to: Address, message: OutboundMessage): Promise<MessageRef> {
    await new Promise((r) => setTimeout(r, 1 + Math.random() * 4));
    this.log.push({ replica: this.replica, channelId: to.channelId, text: message.text ?? "" });
    return super.post(to, message);
  }
}

describe("replicas on one PostgreSQL database", () => {
  const opened: PrismaStore[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await dropDatabase?.();
  }, 120_000);

  async function replicas(n: number) {
    const db = await tempPgDatabase();
    dropDatabase = db.cleanup;
    const stores: PrismaStore[] = [];
    // Started together: the advisory lock lets one of them migrate, the others wait.
    stores.push(...(await Promise.all(Array.from({ length: n }, () => openPostgresStore(db.url, 4)))));
    opened.push(...stores);
    return stores;
  }

  it("two replicas handling the same delivery at once apply it once and give the same answer", async () => {
    const [a, b] = await replicas(2);
    const clock = new FakeClock();
    const policy = examplePolicy();
    const make = (store: PrismaStore) =>
      createVigil({ store, clock, ids: { newId: () => "x", newReference: () => "R" }, logger: new MemoryLogger(), policy, adapters: [new RecordingAdapter()] });
    const [va, vb] = [make(a), make(b)];
    await Promise.all([va.start({ background: false }), vb.start({ background: false })]);
    const event: InboundEvent = {
      kind: "command",
      eventId: "slack:cmd:retried-trigger",
      actor: { platform: "console", userId: "ana", displayName: "ana" },
      at: { platform: "console", channelId: "dm" },
      text: "/incident open P2 Disk full --org acme",
    };
    for (let round = 0; round < 5; round++) {
      const e = { ...event, eventId: `${event.eventId}-${round}`, text: `/incident open P2 Disk full ${round} --org acme` };
      const [ra, rb] = await Promise.all([va.handle(e), vb.handle(e)]);
      expect(rb).toEqual(ra);
      expect(ra.outcome).toBe("ok");
    }
    const incidents = await a.incidents.list({ limit: 100 });
    expect(incidents.map((i) => i.title).sort()).toEqual([0, 1, 2, 3, 4].map((r) => `Disk full ${r}`));
    expect(incidents.map((i) => i.number).sort()).toEqual([1, 2, 3, 4, 5]);
    // One card and one thread line per incident in the incident channel, not two.
    const rows = (await b.outbox.list()).filter((r) => r.channelId === "acme-incidents");
    expect(rows).toHaveLength(10);
    await Promise.all([va.stop(), vb.stop()]);
  }, 120_000);

  it("three replicas sending at once keep every channel's order and send each message once", async () => {
    const stores = await replicas(3);
    const [first] = stores;
    // More channels than one claim takes (50 heads), so the replicas must share the work.
    const channels = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const T0 = new Date("2026-11-02T09:00:00Z");
    await first.transaction((tx) =>
      tx.outbox.enqueueMany(
        Array.from({ length: 180 }, (_, i) => ({
          platform: "console" as const,
          channelId: channels[i % channels.length],
          kind: "post" as const,
          message: { text: `m${i}` },
          createdAt: T0,
        })),
      ),
    );
    const log: { replica: number; channelId: string; text: string }[] = [];
    const clock = new FakeClock(T0);
    const vigils = stores.map((store, i) =>
      createVigil({ store, clock, ids: { newId: () => "x", newReference: () => "R" }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [new SlowAdapter(log, i)] }),
    );
    await Promise.all(vigils.map((v) => v.start({ background: false })));
    for (let round = 0; (await first.outbox.pendingSummary()).count > 0; round++) {
      if (round > 200) throw new Error(`still pending: ${JSON.stringify(await first.outbox.pendingSummary())}`);
      await Promise.all(vigils.map((v) => v.dispatcher.drain()));
    }

    expect(log).toHaveLength(180);
    for (const [c, channel] of channels.entries()) {
      const sent = log.filter((l) => l.channelId === channel).map((l) => l.text);
      expect(sent).toEqual(Array.from({ length: 3 }, (_, k) => `m${k * channels.length + c}`));
    }
    // The work really was shared: more than one replica sent.
    expect(new Set(log.map((l) => l.replica)).size).toBeGreaterThan(1);
    await Promise.all(vigils.map((v) => v.stop()));
  }, 120_000);
});
