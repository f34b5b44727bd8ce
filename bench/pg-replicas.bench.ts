// Commands per second through the app boundary (vigil.handle: parse, rights, one SERIALIZABLE
// transaction with timeline and outbox rows, event-id dedupe) with 1, 2 and 3 replicas — each
// its own process with its own connection pool — on one PostgreSQL database. One command in
// five opens an incident (all replicas contend for the incident number), four add a note to
// one of 50 open incidents (replicas contend for the same incidents).
//
//   npx tsx bench/pg-replicas.bench.ts
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { migratePostgres } from "../src/infra/prisma/migrate-postgres.js";
import { benchPostgres } from "./lib/bench-postgres.js";

const PER_REPLICA = 400;
const CONCURRENCY = 8;
const WORKER = path.join(import.meta.dirname, "lib/pg-replica-worker.ts");

function startWorker(url: string, tag: string, count = PER_REPLICA, mode = "mixed") {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, url, String(count), String(CONCURRENCY), tag, mode], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`worker ${tag} exited ${code}`)));
  });
  return { child, next };
}

async function round(url: string, replicas: number): Promise<{ perSecond: number; ok: number; total: number }> {
  const workers = Array.from({ length: replicas }, (_, i) => startWorker(url, `r${replicas}-${i}`));
  await Promise.all(workers.map((w) => w.next())); // "ready"
  const started = performance.now();
  const results = workers.map((w) => w.next());
  for (const w of workers) w.child.stdin!.write("go\n");
  const done = (await Promise.all(results)).map((l) => JSON.parse(l) as { ok: number });
  const seconds = (performance.now() - started) / 1000;
  const ok = done.reduce((a, d) => a + d.ok, 0);
  return { perSecond: (replicas * PER_REPLICA) / seconds, ok, total: replicas * PER_REPLICA };
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const server = await benchPostgres();
  try {
    const rows: string[] = [];
    for (const replicas of [1, 2, 3]) {
      const url = await server.createDatabase();
      await migratePostgres(url);
      await seedIncidents(url);
      const r = await round(url, replicas);
      rows.push(`| ${replicas} | ${r.total} | ${CONCURRENCY} per replica | ${r.perSecond.toFixed(0)}/s | ${r.ok} of ${r.total} |`);
    }
    return {
      name: "Commands per second on PostgreSQL with 1, 2 and 3 replicas",
      lines: [
        "| replicas | commands | in flight | commands/s (fleet) | answered ok |",
        "|---:|---:|---|---:|---:|",
        ...rows,
        "",
        `Server: ${server.describe}; replicas and PostgreSQL share the same 2 cores, so this measures contention and correctness under it, not the scaling of separate hosts.`,
      ],
    };
  } finally {
    server.stop();
  }
}

// 50 open incidents to add notes to, opened through a replica like any other command.
async function seedIncidents(url: string): Promise<void> {
  const w = startWorker(url, "seed", 50, "open");
  await w.next(); // ready
  const done = w.next();
  w.child.stdin!.write("go\n");
  await done;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await run();
  process.stdout.write(`${result.lines.join("\n")}\n`);
}
