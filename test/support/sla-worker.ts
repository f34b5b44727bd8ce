// A bot process for the SLA concurrency test: ticks the sweeper on a shared SQLite file at
// agreed fake instants, each at an agreed wall-clock slot so both processes tick the same
// instant at the same moment, and prints what its ticks did. It says "ready" once its store is
// open and waits for the start time on stdin, so a slow start-up on a loaded machine cannot
// leave one process to do all the work.
import { createVigil } from "../../src/app/vigil.js";
import { openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import { RecordingAdapter } from "../fakes/recording-adapter.js";
import { FakeClock } from "./fake-clock.js";
import { examplePolicy, MemoryLogger } from "./harness.js";

const [url, slotMs, index, ...instants] = process.argv.slice(2);
// Instants alternate which process ticks first (by LEAD_MS): both still contend for every
// instant, but neither can win them all by always starting a hair earlier.
const LEAD_MS = 150;
const store = await openSqliteStore(url);
const clock = new FakeClock();
const ids = { newId: () => "", newReference: () => "REF" };
const vigil = createVigil({ store, clock, ids, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [new RecordingAdapter()] });
const totals = { claimed: 0, nudges: 0, escalations: 0, digests: 0 };
process.stdout.write("ready\n");
const startAt = await new Promise<number>((resolve) =>
  process.stdin.once("data", (d) => {
    process.stdin.destroy();
    resolve(Number(String(d).trim()));
  }),
);
for (const [i, instant] of instants.entries()) {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt + i * Number(slotMs) + ((i + Number(index)) % 2 === 0 ? 0 : LEAD_MS) - Date.now())));
  clock.set(instant);
  for (let k = 0; k < 3; k++) {
    const result = await vigil.sweeper.tick();
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result[key];
  }
}
await store.close();
process.stdout.write(JSON.stringify(totals));
