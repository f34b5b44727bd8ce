import { describe, expect, it } from "vitest";
import { createHarness } from "../support/harness.js";
import { runSweepWorkers } from "../support/sweep-workers.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;
const INCIDENTS = 30;
// Fake instants both processes tick, in minutes after T0.
const INSTANTS = [15, 20, 45, 50, 60, 80, 90, 110];

describe("two bot processes ticking one SQLite file", () => {
  it("every nudge and escalation happens exactly once", async () => {
    const h = await createHarness();
    try {
      h.clock.set(T0);
      for (let i = 0; i < INCIDENTS; i++) await h.as("ana", `/incident open P1 Outage ${i + 1} --org acme`);
      const before = (await h.store.outbox.list()).length;
      const url = `file:${h.dbFile}`;
      const [a, b] = await runSweepWorkers(url, 2, INSTANTS.map((m) => new Date(T0.getTime() + m * MIN)));
      // Per incident: response warning, breach, repeats at 50/80/110; update warning, breach, repeat at 90.
      expect(a.nudges + b.nudges).toBe(INCIDENTS * 8);
      expect(a.escalations + b.escalations).toBe(INCIDENTS);
      expect(a.nudges > 0 && b.nudges > 0, `both processes acted (a ${a.nudges}, b ${b.nudges})`).toBe(true);
      const rows = (await h.store.outbox.list()).slice(before);
      const threadTexts = rows.filter((r) => r.kind === "thread").map((r) => `${r.incidentId}|${r.message.text}`);
      expect(new Set(threadTexts).size).toBe(threadTexts.length);
      expect(threadTexts).toHaveLength(INCIDENTS * (8 + 1));
      for (let n = 1; n <= INCIDENTS; n++) {
        const incident = (await h.store.incidents.findByNumber(n))!;
        const entries = await h.store.timeline.list(incident.id);
        const keys = entries.filter((e) => e.kind.startsWith("sla_")).map((e) => `${e.details.clock}|${e.details.kind}|${e.details.repeat}`);
        expect(keys.sort()).toEqual([
          "response|breach|0", "response|repeat|1", "response|repeat|2", "response|repeat|3", "response|warning|0",
          "update|breach|0", "update|repeat|1", "update|warning|0",
        ]);
        expect(entries.filter((e) => e.kind === "escalated")).toHaveLength(1);
        expect(incident.tier).toBe(1);
      }
    } finally {
      await h.close();
    }
  }, 180_000); // two tsx processes starting on a loaded CI machine
});
