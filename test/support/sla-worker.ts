// A bot process for the multi-process sweep tests: ticks the sweeper on a shared SQLite file at
// agreed fake instants, all processes starting each instant together (the launcher's "go"), and
// prints what its ticks did. It says "ready" once its store is open, so a slow start-up on a
// loaded machine cannot leave one process to do all the work.
import { createInterface } from "node:readline";
import { createVigil } from "../../src/app/vigil.js";
import { openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "./fake-clock.js";
import { examplePolicy, MemoryLogger } from "./harness.js";

const [url, index, ...instants] = process.argv.slice(2);
// Instants alternate which process ticks first (by LEAD_MS): both still contend for every
// instant, but neither can win them all by always starting a hair earlier.
const LEAD_MS = 150;
const store = await openSqliteStore(url);
const clock = new FakeClock();
const ids = { newId: () => "", newReference: () => "REF" };
const vigil = createVigil({ store, clock, ids, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [new RecordingAdapter()] });
const totals = { claimed: 0, nudges: 0, escalations: 0, digests: 0 };
process.stdout.write("ready\n");
// The launcher says "go <i>" once every process finished instant i - 1, so a process still busy
// with the previous instant can never be first to every next one (on a loaded machine one
// process used to win all 240 nudges).
const lines = createInterface({ input: process.stdin });
const go = lines[Symbol.asyncIterator]();
for (const [i, instant] of instants.entries()) {
  const line = await go.next();
  if (line.done || line.value.trim() !== `go ${i}`) throw new Error(`expected go ${i}, got ${line.value}`);
  if ((i + Number(index)) % 2 !== 0) await new Promise((resolve) => setTimeout(resolve, LEAD_MS));
  clock.set(instant);
  for (let k = 0; k < 3; k++) {
    const result = await vigil.sweeper.tick();
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result[key];
  }
  process.stdout.write(`done ${i}\n`);
}
lines.close();
await store.close();
process.stdout.write(`totals ${JSON.stringify(totals)}\n`);
