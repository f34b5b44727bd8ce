// Launches bot processes (test/support/sla-worker.ts) that tick one shared SQLite file at agreed
// fake instants. Every instant starts for all of them together, once each has finished the one
// before ("go <i>" on stdin, "done <i>" on stdout), and they take turns ticking it first, so
// neither a slow start-up nor a process that is still busy on a loaded machine leaves one
// process all the work; within an instant they still contend for every timer.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** What one worker's ticks did. */
export type SweepTotals = { claimed: number; nudges: number; escalations: number; digests: number };

function startWorker(url: string, index: number, instants: readonly Date[], onDone: (i: number) => void) {
  const args = ["--import", "tsx", path.join(ROOT, "test/support/sla-worker.ts"), url, String(index), ...instants.map((d) => d.toISOString())];
  const child = spawn(process.execPath, args, { cwd: ROOT });
  let err = "";
  let totals: SweepTotals | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "ready") markReady();
    else if (line.startsWith("done ")) onDone(Number(line.slice(5)));
    else if (line.startsWith("totals ")) totals = JSON.parse(line.slice(7));
  });
  child.stderr.on("data", (d) => (err += d));
  const done = new Promise<SweepTotals>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 && totals ? resolve(totals) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
  return { ready, go: (i: number) => child.stdin.write(`go ${i}\n`), done };
}

/** Run `count` workers over the same instants, together instant by instant, and collect their totals. */
export async function runSweepWorkers(url: string, count: number, instants: readonly Date[]): Promise<SweepTotals[]> {
  const finished = instants.map(() => 0);
  const workers: ReturnType<typeof startWorker>[] = [];
  const onDone = (i: number) => {
    if (++finished[i] === count && i + 1 < instants.length) for (const w of workers) w.go(i + 1);
  };
  for (let index = 0; index < count; index++) workers.push(startWorker(url, index, instants, onDone));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go(0);
  return Promise.all(workers.map((w) => w.done));
}
