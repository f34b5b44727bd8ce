// One replica for pg-replicas.bench.ts: a Vigil on the shared PostgreSQL database that, after
// "go" on stdin, handles `count` commands through the app boundary (vigil.handle) with
// `concurrency` in flight, then prints how many succeeded. Mode "open" only opens incidents.
import { createInterface } from "node:readline";
import { createVigil } from "../../src/app/vigil.js";
import { loadPolicyFile } from "../../src/config/load-policy.js";
import { openPostgresStore } from "../../src/infra/prisma/prisma-store.js";
import type { ChatAdapter } from "../../src/ports/chat.js";

const [url, count, concurrency, tag, mode] = process.argv.slice(2);
const policy = loadPolicyFile(new URL("../../vigil.example.yaml", import.meta.url).pathname);
if (!policy.ok) throw new Error(policy.errors.join("\n"));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const console_: ChatAdapter = {
  platform: "console",
  start: async () => undefined,
  stop: async () => undefined,
  post: async (to) => ({ platform: "console", channelId: to.channelId, messageId: "1" }),
  update: async () => undefined,
};
const store = await openPostgresStore(url, Number(concurrency) + 2);
const vigil = createVigil({ store, clock: { now: () => new Date() }, ids: { newId: () => "x", newReference: () => "R" }, logger: quiet, policy: policy.policy, adapters: [console_] });
await vigil.start({ background: false });
process.stdout.write("ready\n");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));

let next = 0;
let ok = 0;
const command = (i: number) => (mode === "open" || i % 5 === 0 ? `/incident open P3 Bench ${tag} ${i} --org acme` : `/incident note INC-${(i % 50) + 1} bench note ${tag} ${i}`);
async function lane(): Promise<void> {
  for (let i = next++; i < Number(count); i = next++) {
    const reply = await vigil.handle({
      kind: "command",
      eventId: `bench:${tag}:${i}`,
      actor: { platform: "console", userId: "ana", displayName: "ana" },
      at: { platform: "console", channelId: "dm-ana" },
      text: command(i),
    });
    if (reply.outcome === "ok") ok++;
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
process.stdout.write(`${JSON.stringify({ ok })}\n`);
await store.close();
process.exit(0);
