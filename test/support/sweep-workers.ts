// Launches bot processes (test/support/sla-worker.ts) that tick one shared SQLite file at agreed
// fake instants. They start their slots together only once every one of them is up, and take
// turns ticking an instant first, so neither a slow start-up nor a systematically faster process
// on a loaded machine leaves one process all the work.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** What one worker's ticks did. */
export type SweepTotals = { claimed: number; nudges: number; escalations: number; digests: number };

function startWorker(url: string, slotMs: number, index: number, instants: readonly Date[]) {
  const args = ["--import", "tsx", path.join(ROOT, "test/support/sla-worker.ts"), url, String(slotMs), String(index), ...instants.map((d) => d.toISOString())];
  const child = spawn(process.execPath, args, { cwd: ROOT });
  let out = "";
  let err = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (d) => {
    out += d;
    if (out.includes("ready\n")) markReady();
  });
  child.stderr.on("data", (d) => (err += d));
  const done = new Promise<SweepTotals>((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.slice(out.indexOf("ready\n") + 6))) : reject(new Error(`worker exited ${code}: ${err}`)),
    ),
  );
  return { ready, start: (at: number) => child.stdin.end(`${at}\n`), done };
}

/** Run `count` workers over the same instants, one slot of `slotMs` each, and collect their totals. */
export async function runSweepWorkers(url: string, count: number, instants: readonly Date[], slotMs = 400): Promise<SweepTotals[]> {
  const workers = Array.from({ length: count }, (_, index) => startWorker(url, slotMs, index, instants));
  await Promise.all(workers.map((w) => w.ready));
  const startAt = Date.now() + 500;
  for (const w of workers) w.start(startAt);
  return Promise.all(workers.map((w) => w.done));
}
