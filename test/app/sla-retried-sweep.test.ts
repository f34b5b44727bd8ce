// On PostgreSQL a SERIALIZABLE transaction that lost a conflict to another replica is run
// again (PrismaStore.transaction). The sweep's transaction must be safe to run twice: a fleet
// fault run saw each nudge posted 2-4 times when rows of the rolled-back attempt were kept.
import { afterEach, describe, expect, it } from "vitest";
import type { StoreTx } from "../../src/ports/store.js";
import { dutyLeadPosts, threadTexts } from "../support/chat-views.js";
import { createHarness, type Harness } from "../support/harness.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;

class Conflict extends Error {}

/**
 * The real store's transactions, but the next `conflicts` transactions that write timeline
 * rows fail there, roll back and are run again: what PostgreSQL's retry after a serialization
 * failure does when the conflict surfaces at that statement.
 */
function withConflicts(h: Harness): { arm(n: number): void } {
  const real = h.store.transaction.bind(h.store);
  let conflicts = 0;
  const failing = (tx: StoreTx): StoreTx => {
    const timeline = Object.create(tx.timeline) as StoreTx["timeline"];
    timeline.appendMany = async () => {
      conflicts--;
      throw new Conflict("could not serialize access due to read/write dependencies among transactions");
    };
    return { ...tx, timeline };
  };
  h.store.transaction = async <T>(work: (tx: StoreTx) => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await real((tx) => work(conflicts > 0 ? failing(tx) : tx));
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
      }
    }
  };
  return { arm: (n) => void (conflicts = n) };
}

describe("an SLA sweep run again after a conflict", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("posts each nudge once and writes its timeline entry once", async () => {
    h = await createHarness();
    h.clock.set(T0);
    await h.as("ana", "/incident open P1 Payment API down --org acme");
    await h.deliver();
    const conflicts = withConflicts(h);
    h.clock.set(new Date(T0.getTime() + 15 * MIN));
    conflicts.arm(1);
    await h.tick();
    h.clock.set(new Date(T0.getTime() + 20 * MIN));
    conflicts.arm(1);
    await h.tick();
    await h.deliver();
    expect(threadTexts(h).filter((t) => t.startsWith("⏳ INC-1") || t.startsWith("🔥 INC-1"))).toEqual([
      "⏳ INC-1: response target 20m is 75 % used, 5m left. On call: Ben Okafor.",
      "🔥 INC-1: response target 20m breached. On call: Ben Okafor.",
    ]);
    expect(dutyLeadPosts(h).filter((m) => m.text.startsWith("🔥 INC-1"))).toHaveLength(1);
    const incident = (await h.store.incidents.findByNumber(1))!;
    const slaEntries = (await h.store.timeline.list(incident.id)).filter((e) => e.kind.startsWith("sla_"));
    expect(slaEntries.map((e) => e.details.kind)).toEqual(["warning", "breach"]);
  });
});
