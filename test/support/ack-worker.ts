// A second bot process for the concurrency test: acks incidents 1..N on a shared SQLite
// file as one person, starting at an agreed wall-clock instant, and prints each reply.
import { createVigil } from "../../src/app/vigil.js";
import { openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import { systemClock } from "../../src/infra/system/system-clock.js";
import { examplePolicy, MemoryLogger } from "./harness.js";

const [url, person, count, startAt] = process.argv.slice(2);
const store = await openSqliteStore(url);
const vigil = createVigil({ store, clock: systemClock, ids: { newId: () => "", newReference: () => "REF" }, logger: new MemoryLogger(), policy: examplePolicy(), adapters: [] });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const replies = [];
for (let n = 1; n <= Number(count); n++) {
  const reply = await vigil.handle({
    kind: "command",
    eventId: `${person}-${n}`,
    actor: { platform: "console", userId: person, displayName: person },
    at: { platform: "console", channelId: "dm" },
    text: `/incident ack ${n}`,
  });
  replies.push({ n, outcome: reply.outcome, text: reply.message.text });
}
process.stdout.write(JSON.stringify(replies));
await store.close();
