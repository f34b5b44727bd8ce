import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHarness } from "../support/harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T0 = new Date("2026-11-02T09:00:00Z");
const MIN = 60_000;
const INCIDENTS = 30;
// Fake instants both processes tick, in minutes after T0.
const INSTANTS = [15, 20, 45, 50, 60, 80, 90, 110];

type Totals = { claimed: number; nudges: number; escalations: number; digests: number };

function worker(url: string, startAt: number, slotMs: number): Promise<Totals> {
  const instants = INSTANTS.map((m) => new Date(T0.getTime() + m * MIN).toISOString());
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", path.join(ROOT, "test/support/sla-worker.ts"), url, String(startAt), String(slotMs), ...instants];
    const child = spawn(process.execPath, args, { cwd: ROOT });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe("two bot processes ticking one SQLite file", () => {
  it("every nudge and escalation happens exactly once", async () => {
    const h = await createHarness();
    try {
      h.clock.set(T0);
      for (let i = 0; i < INCIDENTS; i++) await h.as("ana", `/incident open P1 Outage ${i + 1} --org acme`);
      const before = (await h.store.outbox.list()).length;
      const url = `file:${h.dbFile}`;
      const startAt = Date.now() + 4000; // both processes are up by then (tsx start-up ≈ 1–2 s)
      const [a, b] = await Promise.all([worker(url, startAt, 400), worker(url, startAt, 400)]);
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
  }, 60_000);
});
