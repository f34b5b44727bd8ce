import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHarness } from "../support/harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const INCIDENTS = 10;

function worker(url: string, person: string, startAt: number): Promise<{ n: number; outcome: string; text: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "test/support/ack-worker.ts"), url, person, String(INCIDENTS), String(startAt)], { cwd: ROOT });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker ${person} exited ${code}: ${err}`))));
  });
}

describe("two bot processes on one SQLite file", () => {
  it("acknowledging the same incidents at the same moment: exactly one ack each, the loser told who won", async () => {
    const h = await createHarness();
    try {
      for (let i = 0; i < INCIDENTS; i++) await h.as("ana", `/incident open P2 Incident ${i + 1} --org acme`);
      const url = `file:${h.dbFile}`;
      const startAt = Date.now() + 4000; // both processes are up by then (tsx start-up ≈ 1–2 s)
      const [ana, ben] = await Promise.all([worker(url, "ana", startAt), worker(url, "ben", startAt)]);
      for (let n = 1; n <= INCIDENTS; n++) {
        const incident = await h.store.incidents.findByNumber(n);
        const acks = (await h.store.timeline.list(incident!.id)).filter((e) => e.kind === "acknowledged");
        expect(acks).toHaveLength(1);
        const pair = [ana[n - 1], ben[n - 1]];
        const winner = pair.find((r) => r.outcome === "ok")!;
        const loser = pair.find((r) => r.outcome === "refused")!;
        expect(winner.text).toBe(`INC-${n} acknowledged.`);
        const winnerName = winner === ana[n - 1] ? "Ana Lima" : "Ben Okafor";
        expect(loser.text).toMatch(new RegExp(`^INC-${n} was acknowledged by ${winnerName} \\d+ s ago\\.$`));
        expect(incident?.acknowledgedById).toBe(acks[0].actorId);
      }
    } finally {
      await h.close();
    }
  }, 60_000);
});
