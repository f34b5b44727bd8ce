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
// Unexpected errors are counted by message, so a round that did not answer every command says why.
const errors = new Map<string, number>();
const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (fields: unknown) => {
    const err = (fields as { err?: unknown }).err;
    const key = String(err instanceof Error ? err.message : err).split("\n").slice(-1)[0].slice(0, 160);
    errors.set(key, (errors.get(key) ?? 0) + 1);
  },
};
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

const cpuAtGo = process.cpuUsage();
let next = 0;
let ok = 0;
const outcomes: Record<string, number> = {};
const command = (i: number) => (mode === "open" || i % 5 === 0 ? `/incident open P3 Bench ${tag} ${i} --org acme` : `/incident note INC-${(i % 50) + 1} bench note ${tag} ${i}`);
// Commands in flight and when each started: a replica that stops making progress says where.
const inFlight = new Map<number, number>();
let lastDone = Date.now();
const watchdog = setInterval(() => {
  if (Date.now() - lastDone < 30_000) return;
  const oldest = [...inFlight].sort((a, b) => a[1] - b[1]).slice(0, 3).map(([i, at]) => `${command(i)} (${((Date.now() - at) / 1000).toFixed(0)} s)`);
  process.stderr.write(`pg-replica-worker ${tag}: no command finished for ${((Date.now() - lastDone) / 1000).toFixed(0)} s; ${next} of ${count} started, ${inFlight.size} in flight, oldest: ${oldest.join("; ")}\n`);
}, 10_000);
async function lane(): Promise<void> {
  for (let i = next++; i < Number(count); i = next++) {
    inFlight.set(i, Date.now());
    const reply = await vigil.handle({
      kind: "command",
      eventId: `bench:${tag}:${i}`,
      actor: { platform: "console", userId: "ana", displayName: "ana" },
      at: { platform: "console", channelId: "dm-ana" },
      text: command(i),
    });
    inFlight.delete(i);
    lastDone = Date.now();
    if (reply.outcome === "ok") ok++;
    const key = reply.outcome === "ok" ? "ok" : `${reply.outcome}${reply.code ? ` ${reply.code}` : ""}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
clearInterval(watchdog);
// CPU this replica spent (user + system), a figure the neighbours' load moves less than wall time.
const cpu = process.cpuUsage(cpuAtGo);
process.stdout.write(`${JSON.stringify({ ok, outcomes, errors: Object.fromEntries(errors), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
await store.close();
process.exit(0);
