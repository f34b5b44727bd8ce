// The SLA sweeper's tick with 1,000 due timers among 10,000 and among 1,000,000 open
// incidents (each with SLA facts, a timer and a timeline entry), on SQLite through the real
// PrismaStore and Vigil. Goal: tick time grows ≤ 1.3× from 10k to 1M and stays < 200 ms at 1M.
//
// Each due timer is a P3's restore warning (a nudge: ledger row, timeline entry, thread
// message, re-armed timer). Each size runs in its own process (neither inherits the other's
// warmed-up JIT); three ticks on other groups of 1,000 warm it up, as a long-running bot is,
// then five ticks on five fresh groups of 1,000 are measured. At 10k, a separate line measures
// 1,000 response breaches that each also escalate the incident automatically (heavier, rarer).
//
//   npx tsx bench/sla-tick.bench.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createVigil } from "../src/app/vigil.js";
import { parsePolicy } from "../src/config/load-policy.js";
import { migrateSqlite } from "../src/infra/prisma/migrate-sqlite.js";
import { openSqliteStore } from "../src/infra/prisma/prisma-store.js";
import type { ChatAdapter } from "../src/ports/chat.js";
import type { Logger } from "../src/ports/logger.js";
import { seed, type SeedPlan } from "./lib/sla-seed.js";

const MIN = 60_000;
const NOW = Date.parse("2026-11-02T09:00:00Z");
const DUE = 1000;
const SIZES = [10_000, 1_000_000];
// Minutes after NOW of the warm-up and measured ticks; each finds its own 1,000 timers due a minute earlier.
const WARM_UP = [0, 3, 5];
const MEASURED = [10, 15, 20, 25, 30];
const POLICY = `
timezone: Asia/Shanghai
people: [{ id: ana, name: Ana Lima, role: lead }, { id: ben, name: Ben Okafor, role: engineer }]
organisations: [{ id: acme, name: ACME Corp }]
oncall: [ben]
`;

/** What a bench module exports for `npm run bench`. */
export interface BenchResult {
  name: string;
  lines: string[];
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
// Outbox rows are written for a live platform, but nothing is delivered during the bench.
const console_: ChatAdapter = {
  platform: "console",
  start: async () => undefined,
  stop: async () => undefined,
  post: async (to) => ({ platform: "console", channelId: to.channelId, messageId: "1" }),
  update: async () => undefined,
};

interface Measured {
  seedMs: number;
  ticks: number[];
  claimed: number[];
  breachTick?: { ms: number; nudges: number; escalations: number };
}

function plan(total: number, withBreaches: boolean): SeedPlan {
  const groups = [...WARM_UP, ...MEASURED].map((m) => ({ size: DUE, dueAt: NOW + (m - 1) * MIN }));
  return { total, now: NOW, groups, ...(withBreaches ? { breaches: { size: DUE, breachAt: NOW + 40 * MIN } } : {}) };
}

async function measure(total: number): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-sla-bench-"));
  try {
    const url = `file:${path.join(dir, "bench.db")}`;
    migrateSqlite(url);
    const seedMs = seed(url, plan(total, total === SIZES[0]));
    const store = await openSqliteStore(url);
    const policy = parsePolicy(POLICY);
    if (!policy.ok) throw new Error(policy.errors.join("\n"));
    let now = NOW;
    const clock = { now: () => new Date(now) };
    const ids = { newId: () => "x", newReference: () => "R" };
    const vigil = createVigil({ store, clock, ids, logger: quiet, policy: policy.policy, adapters: [console_] });
    for (const m of WARM_UP) {
      now = NOW + m * MIN;
      await vigil.sweeper.tick();
    }
    const result: Measured = { seedMs, ticks: [], claimed: [] };
    for (const m of MEASURED) {
      now = NOW + m * MIN;
      const started = performance.now();
      const tick = await vigil.sweeper.tick();
      result.ticks.push(performance.now() - started);
      result.claimed.push(tick.claimed);
    }
    if (total === SIZES[0]) {
      now = NOW + 41 * MIN;
      const started = performance.now();
      const tick = await vigil.sweeper.tick();
      result.breachTick = { ms: performance.now() - started, nudges: tick.nudges, escalations: tick.escalations };
    }
    await store.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Measure one size in a fresh process (this file with `--size`). */
function measureApart(size: number): Measured {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ["--import", "tsx", self, "--size", String(size)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench for ${size} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measured;
}

/** Run the benchmark and describe it as Markdown lines. */
export async function run(): Promise<BenchResult> {
  const results = new Map<number, Measured>();
  for (const size of SIZES) results.set(size, measureApart(size));
  const small = results.get(SIZES[0])!;
  const large = results.get(SIZES[1])!;
  const ratio = median(large.ticks) / median(small.ticks);
  const lines = [
    "| open incidents | due timers per tick | tick (median of 5) | tick (max) | seeding |",
    "|---:|---:|---:|---:|---:|",
    ...SIZES.map((size) => {
      const r = results.get(size)!;
      return `| ${size.toLocaleString("en")} | ${r.claimed.join(", ")} | ${ms(median(r.ticks))} | ${ms(Math.max(...r.ticks))} | ${(r.seedMs / 1000).toFixed(1)} s |`;
    }),
    "",
    `Growth 10k → 1M: ${ratio.toFixed(2)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? "met" : "not met"}); at 1M: ${ms(median(large.ticks))} (goal < 200 ms: ${median(large.ticks) < 200 ? "met" : "not met"}).`,
  ];
  if (small.breachTick) {
    const b = small.breachTick;
    lines.push(`Heavier path, 10k open: 1,000 response breaches that each escalate (${b.nudges} nudges, ${b.escalations} escalations incl. card refresh) in ${ms(b.ms)}.`);
  }
  return { name: "SLA sweeper tick", lines };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const sizeArg = process.argv.indexOf("--size");
  if (sizeArg > 0) process.stdout.write(JSON.stringify(await measure(Number(process.argv[sizeArg + 1]))));
  else {
    const result = await run();
    process.stdout.write(`## ${result.name}\n\n${result.lines.join("\n")}\n`);
  }
}
