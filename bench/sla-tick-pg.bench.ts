// The SLA sweeper's tick on PostgreSQL: 1,000 due timers among 10,000 and among 1,000,000
// open incidents, through the real PrismaStore (PostgreSQL client) and Vigil — the same plan,
// warm-up and measured ticks as sla-tick.bench.ts on SQLite. Goal: < 200 ms at 1M and growth
// 10k → 1M ≤ 1.3×. Each size runs in its own process on its own database.
//
//   npx tsx bench/sla-tick-pg.bench.ts
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createVigil } from "../src/app/vigil.js";
import { parsePolicy } from "../src/config/load-policy.js";
import { migratePostgres } from "../src/infra/prisma/migrate-postgres.js";
import { openPostgresStore } from "../src/infra/prisma/prisma-store.js";
import type { ChatAdapter } from "../src/ports/chat.js";
import type { Logger } from "../src/ports/logger.js";
import { benchPostgres } from "./lib/bench-postgres.js";
import { seedPostgres } from "./lib/sla-seed-pg.js";

const MIN = 60_000;
const NOW = Date.parse("2026-11-02T09:00:00Z");
const DUE = 1000;
const SIZES = [10_000, 1_000_000];
const WARM_UP = [0, 3, 5];
const MEASURED = [10, 15, 20, 25, 30];
const POLICY = `
timezone: Asia/Shanghai
people: [{ id: ana, name: Ana Lima, role: lead }, { id: ben, name: Ben Okafor, role: engineer }]
organisations: [{ id: acme, name: ACME Corp }]
oncall: [ben]
`;

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
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
}

async function measure(url: string, total: number): Promise<Measured> {
  await migratePostgres(url);
  const groups = [...WARM_UP, ...MEASURED].map((m) => ({ size: DUE, dueAt: NOW + (m - 1) * MIN }));
  const seedMs = await seedPostgres(url, { total, now: NOW, groups });
  const store = await openPostgresStore(url);
  const policy = parsePolicy(POLICY);
  if (!policy.ok) throw new Error(policy.errors.join("\n"));
  let now = NOW;
  const clock = { now: () => new Date(now) };
  const vigil = createVigil({ store, clock, ids: { newId: () => "x", newReference: () => "R" }, logger: quiet, policy: policy.policy, adapters: [console_] });
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
  await store.close();
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

function measureApart(url: string, size: number): Measured {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ["--import", "tsx", self, "--size", String(size), "--url", url], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench for ${size} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measured;
}

/** Run the benchmark and describe it as Markdown lines. */
export async function run(): Promise<{ name: string; lines: string[] }> {
  const server = await benchPostgres();
  try {
    const results = new Map<number, Measured>();
    for (const size of SIZES) results.set(size, measureApart(await server.createDatabase(), size));
    const small = results.get(SIZES[0])!;
    const large = results.get(SIZES[1])!;
    const ratio = median(large.ticks) / median(small.ticks);
    return {
      name: "SLA sweeper tick on PostgreSQL",
      lines: [
        "| open incidents | due timers per tick | tick (median of 5) | tick (max) | seeding |",
        "|---:|---:|---:|---:|---:|",
        ...SIZES.map((size) => {
          const r = results.get(size)!;
          return `| ${size.toLocaleString("en")} | ${r.claimed.join(", ")} | ${ms(median(r.ticks))} | ${ms(Math.max(...r.ticks))} | ${(r.seedMs / 1000).toFixed(1)} s |`;
        }),
        "",
        `Growth 10k → 1M: ${ratio.toFixed(2)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? "met" : "not met"}); at 1M: ${ms(median(large.ticks))} (goal < 200 ms: ${median(large.ticks) < 200 ? "met" : "not met"}).`,
        `Server: ${server.describe}, on the same 2 cores as Vigil.`,
      ],
    };
  } finally {
    server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
  if (process.argv.includes("--size")) {
    process.stdout.write(JSON.stringify(await measure(arg("--url"), Number(arg("--size")))));
  } else {
    const result = await run();
    process.stdout.write(`${result.lines.join("\n")}\n`);
  }
}
