// Commands per second through the app boundary (vigil.handle: parse, rights, one SERIALIZABLE
// transaction with timeline and outbox rows, event-id dedupe) with 1, 2 and 3 replicas — each
// its own process with its own connection pool — on one PostgreSQL database. One command in
// five opens an incident (all replicas contend for the incident number), four add a note to
// one of 50 open incidents (replicas contend for the same incidents). Goal (issues 12 and 15):
// ≥ 500 commands/s with one replica, growing with replicas.
//
//   npx tsx bench/pg-replicas.bench.ts
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { migratePostgres } from "../src/infra/prisma/migrate-postgres.js";
import { benchPostgres, type BenchPostgres } from "./lib/bench-postgres.js";

const PER_REPLICA = 400;
const CONCURRENCY = 8;
const GOAL_ONE = 500;
const WORKER = path.join(import.meta.dirname, "lib/pg-replica-worker.ts");

interface WorkerResult {
  ok: number;
  outcomes: Record<string, number>;
  errors: Record<string, number>;
  cpuMs: number;
}

function startWorker(url: string, tag: string, count = PER_REPLICA, mode = "mixed") {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, url, String(count), String(CONCURRENCY), tag, mode], { stdio: ["pipe", "pipe", "inherit"] });
  // Lines are queued, so one that arrives before it is asked for is not lost.
  const queued: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => (waiting.length ? waiting.shift()!(line) : queued.push(line)));
  let exited: Error | undefined;
  const failures: ((e: Error) => void)[] = [];
  child.once("exit", (code) => {
    exited = new Error(`worker ${tag} exited ${code} before answering`);
    for (const f of failures.splice(0)) f(exited);
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      if (queued.length) return resolve(queued.shift()!);
      if (exited) return reject(exited);
      waiting.push(resolve);
      failures.push(reject);
    });
  return { child, next };
}

// The database's own count of committed and rolled-back transactions: every serialization
// conflict the store retried is one rollback.
async function transactions(url: string): Promise<{ commits: number; rollbacks: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_stat_clear_snapshot()");
    const row = (await client.query<{ c: string; r: string }>("SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = current_database()")).rows[0];
    return { commits: Number(row.c), rollbacks: Number(row.r) };
  } finally {
    await client.end();
  }
}

interface Round {
  replicas: number;
  total: number;
  perSecond: number;
  ok: number;
  notOk: Record<string, number>;
  errors: Record<string, number>;
  rollbacksPerCommand: number;
  /** CPU per command of the replicas and of the server (undefined when the server is not local). */
  replicaCpuMs: number;
  serverCpuMs?: number;
  load: string;
}

async function round(server: BenchPostgres, url: string, replicas: number): Promise<Round> {
  const workers = Array.from({ length: replicas }, (_, i) => startWorker(url, `r${replicas}-${i}`));
  await Promise.all(workers.map((w) => w.next())); // "ready"
  // Statistics reach pg_stat_database a moment after a session reports them; a second apart is enough.
  await new Promise((r) => setTimeout(r, 1000));
  const before = await transactions(url);
  const serverBefore = server.cpuMs();
  const load = os.loadavg()[0].toFixed(1);
  const started = performance.now();
  const results = workers.map((w) => w.next());
  for (const w of workers) w.child.stdin!.write("go\n");
  const done = (await Promise.all(results)).map((l) => JSON.parse(l) as WorkerResult);
  const seconds = (performance.now() - started) / 1000;
  // A worker that does not end by itself after answering must not keep the bench alive.
  for (const w of workers) setTimeout(() => w.child.kill("SIGKILL"), 10_000).unref();
  await new Promise((r) => setTimeout(r, 1000));
  const after = await transactions(url);
  const serverAfter = server.cpuMs();
  const total = replicas * PER_REPLICA;
  const notOk: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const d of done) {
    for (const [k, n] of Object.entries(d.outcomes)) if (k !== "ok") notOk[k] = (notOk[k] ?? 0) + n;
    for (const [k, n] of Object.entries(d.errors)) errors[k] = (errors[k] ?? 0) + n;
  }
  const r = { replicas, total, perSecond: total / seconds, ok: done.reduce((a, d) => a + d.ok, 0), notOk, errors, rollbacksPerCommand: (after.rollbacks - before.rollbacks) / total,
    replicaCpuMs: done.reduce((a, d) => a + d.cpuMs, 0) / total,
    serverCpuMs: serverBefore === undefined || serverAfter === undefined ? undefined : (serverAfter - serverBefore) / total,
    load,
  };
  process.stderr.write(`pg-replicas: ${JSON.stringify(r)}\n`);
  return r;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const server = await benchPostgres();
  try {
    const rounds: Round[] = [];
    for (const replicas of [1, 2, 3]) {
      const url = await server.createDatabase();
      await migratePostgres(url);
      await seedIncidents(url);
      rounds.push(await round(server, url, replicas));
    }
    const [one, two, three] = rounds;
    const met = (ok: boolean) => (ok ? "**met**" : "**not met**");
    const failed = rounds.filter((r) => r.ok < r.total);
    return {
      name: "Commands per second on PostgreSQL with 1, 2 and 3 replicas",
      lines: [
        "| replicas | commands | in flight | commands/s (fleet) | answered ok | transactions rolled back per command (conflicts retried) | CPU per command: replicas / server | load average at start |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
        ...rounds.map((r) => `| ${r.replicas} | ${r.total} | ${CONCURRENCY} per replica | ${r.perSecond.toFixed(0)}/s | ${r.ok} of ${r.total} | ${r.rollbacksPerCommand.toFixed(2)} | ${r.replicaCpuMs.toFixed(2)} ms / ${r.serverCpuMs === undefined ? "n/a" : `${r.serverCpuMs.toFixed(2)} ms`} | ${r.load} |`),
        "",
        `Goals (issues 12 and 15): ≥ ${GOAL_ONE} commands/s with one replica: ${one.perSecond.toFixed(0)}/s — ${met(one.perSecond >= GOAL_ONE)}; growing with replicas: ${one.perSecond.toFixed(0)} → ${two.perSecond.toFixed(0)} → ${three.perSecond.toFixed(0)}/s — ${met(two.perSecond > one.perSecond && three.perSecond > two.perSecond)}.`,
        failed.length
          ? `Not answered ok: ${failed.map((r) => `${r.replicas} replica(s): ${Object.entries(r.notOk).map(([k, n]) => `${n}× ${k}`).join(", ")}${Object.keys(r.errors).length ? ` (${Object.entries(r.errors).map(([k, n]) => `${n}× "${k}"`).join("; ")})` : ""}`).join("; ")}.`
          : "Every command was answered ok.",
        `Mix: one command in five \`/incident open\` (every replica takes the next incident number from one PostgreSQL sequence), four \`/incident note\` on 50 incidents. Server: ${server.describe}; replicas and PostgreSQL share the same 2 cores, so this measures contention and correctness under it, not the scaling of separate hosts. CPU per command (user + system, of the replica processes and of every PostgreSQL process) moves less with the neighbours' load than commands/s: 2 cores give at most 2,000 ms of CPU a second to share.`,
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
