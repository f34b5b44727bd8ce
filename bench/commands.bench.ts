// The core at the speed of its database: /incident open, ack, note and resolve through
// vigil.handle, one at a time, on a fresh SQLite file through the real PrismaStore (recording
// chat adapter, system clock, no delivery loop: the figure is the command, not the platform).
// Between two commands, outside the timing, the outbox is drained into the recording adapter, as
// in production the previous command's messages went out first (otherwise every card change
// would take the place of a card row still waiting: a different path, one UPDATE more).
// Every SQL statement the Prisma client sends is counted (BEGIN and COMMIT included). In the
// same run the same writes go directly through better-sqlite3 on another fresh file: the floor,
// and the ratio Vigil / floor says what the layers above the database cost.
// A second pass runs the same cycles on another file under a CPU profile (bench/lib/cpu-shares.ts).
// Goals (issue 15): ≥ 1,000 commands/s, p50 ≤ 2 ms and p99 ≤ 10 ms per command, ≤ 8 statements per ack,
// and the database, not the mapper, as the cost.
//
//   npx tsx bench/commands.bench.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createVigil } from "../src/app/vigil.js";
import { migrateSqlite } from "../src/infra/prisma/migrate-sqlite.js";
import { openSqliteStore } from "../src/infra/prisma/prisma-store.js";
import { randomIds } from "../src/infra/system/random-ids.js";
import { systemClock } from "../src/infra/system/system-clock.js";
import type { InboundEvent } from "../src/ports/chat.js";
import type { Logger } from "../src/ports/logger.js";
import { RecordingAdapter } from "../test/fakes/recording-adapter.js";
import { examplePolicy } from "../test/support/harness.js";
import { openFloor, type CommandKind } from "./lib/sqlite-floor.js";
import { cpuShares, PARTS, type Part } from "./lib/cpu-shares.js";
import { isMain, machineLoad, ms, printResult, summarise, type BenchResult, type Summary } from "./lib/slack-bench.js";

const WARMUP_CYCLES = 30;
/** One cycle is open, ack, note, resolve of a new incident. */
const CYCLES = 250;
const KINDS: CommandKind[] = ["open", "ack", "note", "resolve"];
const GOAL = { perSecond: 1000, p50: 2, p99: 10, ackStatements: 8 };

interface Measured {
  latencies: Record<CommandKind, number[]>;
  statements: Record<CommandKind, number[]>;
  wallMs: number;
}

const empty = <T>(make: () => T) => Object.fromEntries(KINDS.map((k) => [k, make()])) as Record<CommandKind, T>;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const commandText = (kind: CommandKind, n: number) =>
  ({ open: "/incident open P2 Disk full on db-1 --org acme", ack: `/incident ack ${n}`, note: `/incident note ${n} Cleaning old logs`, resolve: `/incident resolve ${n} Added a disk` })[kind];

/**
 * Runs `cycles` open/ack/note/resolve cycles; `each` runs one command and returns its statement
 * count; `between` runs before each command, outside its timing and outside the commands' wall clock.
 */
async function cyclesOf(cycles: number, first: number, each: (kind: CommandKind, n: number) => Promise<number>, into?: Measured, between?: () => Promise<void>): Promise<void> {
  const started = performance.now();
  let aside = 0;
  for (let c = 0; c < cycles; c++) {
    for (const kind of KINDS) {
      const b0 = performance.now();
      await between?.();
      aside += performance.now() - b0;
      const t0 = performance.now();
      const statements = await each(kind, first + c);
      into?.latencies[kind].push(performance.now() - t0);
      into?.statements[kind].push(statements);
    }
  }
  if (into) into.wallMs = performance.now() - started - aside;
}

/** Runs the measured cycles; `around` wraps them (the CPU profile of the second pass). */
async function measureVigil(dir: string, file = "vigil.db", around: (work: () => Promise<void>) => Promise<void> = (work) => work()): Promise<Measured> {
  let statements = 0;
  const store = await openSqliteStore(`file:${path.join(dir, file)}`, { onStatement: () => void statements++ });
  const vigil = createVigil({ store, clock: systemClock, ids: randomIds, logger: quiet, policy: examplePolicy(), adapters: [new RecordingAdapter("console")] });
  await vigil.start({ background: false });
  let events = 0;
  const each = async (kind: CommandKind, n: number) => {
    const who = kind === "open" ? "ana" : "ben";
    const event: InboundEvent = { kind: "command", eventId: `bench-${++events}`, actor: { platform: "console", userId: who, displayName: who }, at: { platform: "console", channelId: `dm-${who}` }, text: commandText(kind, n) };
    statements = 0;
    const reply = await vigil.handle(event);
    if (reply.outcome !== "ok") throw new Error(`${event.text}: ${reply.outcome} ${reply.message.text}`);
    return statements;
  };
  const result: Measured = { latencies: empty(() => []), statements: empty(() => []), wallMs: 0 };
  try {
    const drain = () => vigil.dispatcher.drain().then(() => undefined);
    await cyclesOf(WARMUP_CYCLES, 1, each, undefined, drain);
    await around(() => cyclesOf(CYCLES, WARMUP_CYCLES + 1, each, result, drain));
  } finally {
    await vigil.stop();
    await store.close();
  }
  return result;
}

async function measureFloor(dir: string): Promise<Measured> {
  const file = path.join(dir, "floor.db");
  migrateSqlite(`file:${file}`);
  const floor = openFloor(file);
  let events = 0;
  const each = async (kind: CommandKind, n: number) => (floor.run(kind, `floor-${++events}`, n), 0);
  const result: Measured = { latencies: empty(() => []), statements: empty(() => []), wallMs: 0 };
  try {
    await cyclesOf(WARMUP_CYCLES, 1, each);
    await cyclesOf(CYCLES, WARMUP_CYCLES + 1, each, result);
  } finally {
    floor.close();
  }
  return result;
}

const perSecond = (m: Measured) => (CYCLES * KINDS.length) / (m.wallMs / 1000);
const all = (m: Measured) => KINDS.flatMap((k) => m.latencies[k]);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const verdict = (ok: boolean) => (ok ? "met" : "not met");
const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
const PRISMA: Part = "Prisma (client, query compiler WASM, adapter)";
const SQLITE: Part = "SQLite (better-sqlite3's native calls)";

function lines(vigil: Measured, floor: Measured, cpu: { shares: Record<Part, number>; samples: number }, load: string): string[] {
  const row = (name: string, v: Summary, f: Summary, statements: string) =>
    `| ${name} | ${ms(v.p50)} / ${ms(v.p99)} | ${ms(f.p50)} / ${ms(f.p99)} | ${(v.p50 / f.p50).toFixed(0)}× | ${statements} |`;
  const total = summarise(all(vigil));
  const ack = mean(vigil.statements.ack);
  return [
    "| command | Vigil p50 / p99 | floor p50 / p99 | Vigil / floor (p50) | SQL statements (incl. BEGIN, COMMIT) |",
    "|---|---|---|---|---|",
    ...KINDS.map((k) => row(`\`/incident ${k}\``, summarise(vigil.latencies[k]), summarise(floor.latencies[k]), mean(vigil.statements[k]).toFixed(0))),
    row("all four", total, summarise(all(floor)), mean(KINDS.flatMap((k) => vigil.statements[k])).toFixed(1)),
    "",
    `Commands/s one at a time: Vigil ${perSecond(vigil).toFixed(0)}, floor ${perSecond(floor).toFixed(0)} (floor / Vigil ${(perSecond(floor) / perSecond(vigil)).toFixed(0)}×).`,
    `Goals: ≥ ${GOAL.perSecond.toLocaleString("en")} commands/s: ${perSecond(vigil).toFixed(0)} — **${verdict(perSecond(vigil) >= GOAL.perSecond)}**; ` +
      `p50 ≤ ${GOAL.p50} ms: ${ms(total.p50)} — **${verdict(total.p50 <= GOAL.p50)}**; p99 ≤ ${GOAL.p99} ms: ${ms(total.p99)} — **${verdict(total.p99 <= GOAL.p99)}**; ` +
      `≤ ${GOAL.ackStatements} statements per ack: ${ack.toFixed(0)} — **${verdict(ack <= GOAL.ackStatements)}**.`,
    "",
    "| where the CPU goes (the same cycles again, under a CPU profile) | share of busy samples |",
    "|---|---:|",
    ...PARTS.map((p) => `| ${p} | ${(cpu.shares[p] * 100).toFixed(0)} % |`),
    "",
    `Goal (issue 15: "the database, not the mapper, is the cost"; before the work Prisma took 65 % and SQLite 6 %): Prisma ${pct(cpu.shares[PRISMA])}, SQLite ${pct(cpu.shares[SQLITE])} — ` +
      `**${verdict(cpu.shares[SQLITE] >= cpu.shares[PRISMA])}** (met when SQLite's share is at least Prisma's). ${cpu.samples.toLocaleString("en")} samples at 100 µs, the outbox drains between commands included.`,
    `Setup: ${CYCLES} cycles of open → ack → note → resolve (${CYCLES * KINDS.length} commands) after ${WARMUP_CYCLES} warm-up cycles, ` +
      `one command at a time through vigil.handle on a fresh SQLite file (WAL, synchronous=NORMAL), recording chat adapter, system clock, no delivery loop; the outbox drained between commands, outside the timings and the commands/s wall clock (the previous command's messages went out, as in production). ` +
      `Floor: the same rows written with better-sqlite3 prepared statements, one BEGIN IMMEDIATE transaction per command. Node ${process.version}, ${load} at start (shared machine: tails move with the neighbours).`,
  ];
}

/** Run the benchmark and describe it as Markdown lines. */
export async function run(): Promise<BenchResult> {
  const load = machineLoad();
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-commands-bench-"));
  try {
    const vigil = await measureVigil(dir);
    const floor = await measureFloor(dir);
    let cpu = { shares: {} as Record<Part, number>, samples: 0 };
    await measureVigil(dir, "vigil-profiled.db", async (work) => void (cpu = await cpuShares(work)));
    return { name: "Commands through the core on SQLite (open, ack, note, resolve) against the better-sqlite3 floor", lines: lines(vigil, floor, cpu, load) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  printResult(await run());
}
