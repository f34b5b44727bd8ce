// Slack's 3-second rule, measured: how fast Vigil answers a signed slash command with
// HTTP 200 under 50 concurrent requests, against a bare Bolt app that only acks (same
// HTTPReceiver options, its own port), in the same run. Goal: Vigil's p99 ≤ 1.5× the bare app's.
//
// Vigil runs as in production (src/main.ts wiring): real Bolt on Vigil's HTTP server, the real
// core on SQLite, the system clock and the background outbox loop. The measured commands are
// `/incident note INC-n …` on 100 open incidents (each a transaction with a timeline entry,
// an outbox row for the thread reply, and a reply at response_url), so the core is busy the
// whole time; the warm-up opens those incidents. Load comes from a worker thread so the
// client does not share the servers' event loop.
//
//   npx tsx bench/slack-ack.bench.ts
import { FakeSlack } from "../test/fakes/fake-slack.js";
import {
  benchPolicy,
  isMain,
  machineLoad,
  ms,
  printResult,
  runLoad,
  slashBody,
  startBareBolt,
  startVigil,
  summarise,
  until,
  type BenchResult,
  type LoadResult,
} from "./lib/slack-bench.js";

const TOTAL = 1000;
const CONCURRENCY = 50;
const WARMUP = 100;
const ORGANISATIONS = 100;
const ROUNDS = 4;
const GOAL_RATIO = 1.5;

export async function run(): Promise<BenchResult> {
  const load = machineLoad();
  const fake = await new FakeSlack().start();
  const bare = await startBareBolt(fake);
  const app = await startVigil(fake, benchPolicy(ORGANISATIONS));
  const replies = () => fake.calls.filter((c) => c.method === "response_url").length;
  const commands = (tag: string, n: number, text: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => slashBody(fake, { text: text(i), triggerId: `${tag}.${i}` }));
  const opens = (tag: string) =>
    commands(tag, ORGANISATIONS, (i) => `open P3 "Ack bench ${i}" --org bench-${String(i).padStart(3, "0")}`);
  const notes = (tag: string, n: number) => commands(tag, n, (i) => `note INC-${(i % ORGANISATIONS) + 1} Ack bench note ${tag} ${i}`);
  try {
    // Warm-up (JIT, Prisma's first queries, keep-alive sockets); opens the incidents noted on.
    await runLoad({ url: bare.url, bodies: notes("warm-bare", WARMUP), concurrency: CONCURRENCY });
    await runLoad({ url: app.url, bodies: opens("warm-open"), concurrency: CONCURRENCY });
    await until(() => replies() >= ORGANISATIONS, 30_000, "the warm-up incidents");
    await runLoad({ url: app.url, bodies: notes("warm-note", WARMUP), concurrency: CONCURRENCY });
    await until(() => replies() >= ORGANISATIONS + WARMUP, 30_000, "warm-up replies");

    // Alternating rounds, so both apps see the same background noise; each Vigil round is
    // worked off (every reply posted) before the next bare round starts.
    const bareRuns: LoadResult[] = [];
    const vigilRuns: LoadResult[] = [];
    let workMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await runLoad({ url: bare.url, bodies: notes(`bare${round}`, TOTAL / ROUNDS), concurrency: CONCURRENCY }));
      const before = replies();
      const started = performance.now();
      vigilRuns.push(await runLoad({ url: app.url, bodies: notes(`vigil${round}`, TOTAL / ROUNDS), concurrency: CONCURRENCY }));
      await until(() => replies() >= before + TOTAL / ROUNDS, 40_000, "Vigil's replies at response_url");
      workMs += performance.now() - started;
      await until(async () => (await app.store.outbox.pendingSummary()).count === 0, 10_000, "Vigil's thread replies");
    }
    const bareRun = merge(bareRuns);
    const vigilRun = merge(vigilRuns);

    const b = summarise(bareRun.latencies);
    const v = summarise(vigilRun.latencies);
    const ratio = v.p99 / b.p99;
    const met = ratio <= GOAL_RATIO && ok(vigilRun) && ok(bareRun);
    const row = (name: string, s: ReturnType<typeof summarise>, r: LoadResult) =>
      `| ${name} | ${s.n} | ${CONCURRENCY} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | ${Math.round((s.n / r.wallMs) * 1000)}/s | ${statusText(r)} |`;
    return {
      name: "Slack: signed slash command → HTTP 200",
      lines: [
        "| app | requests | concurrent | p50 | p90 | p99 | max | throughput | HTTP |",
        "|---|---|---|---|---|---|---|---|---|",
        row("bare Bolt app (ack only)", b, bareRun),
        row("Vigil (`/incident note`)", v, vigilRun),
        "",
        `Goal: Vigil's p99 ≤ ${GOAL_RATIO}× the bare app's. Measured: ${ratio.toFixed(2)}× (p50 ${(v.p50 / b.p50).toFixed(2)}×) — **${met ? "met" : "not met"}**.`,
        `Vigil's core carried out the ${TOTAL} commands (note written, reply posted at response_url) at ${Math.round(TOTAL / (workMs / 1000))}/s; ` +
          `the acks did not wait for it. The thread replies follow at Slack's pace of 1 message/s per channel.`,
        `Log: ${app.logger.counts.warn} warnings, ${app.logger.counts.error} errors${app.logger.errors.length ? ` (${app.logger.errors.join("; ")})` : ""}.`,
        `Setup: Node ${process.version}, ${load} at start, all traffic on 127.0.0.1; load from a worker thread with keep-alive sockets; ` +
          `${WARMUP} warm-up requests per app first, then ${ROUNDS} alternating rounds of ${TOTAL / ROUNDS} per app; SQLite in a temporary folder.`,
      ],
    };
  } finally {
    await app.close();
    await bare.close();
    await fake.close();
  }
}

function merge(runs: LoadResult[]): LoadResult {
  return {
    latencies: runs.flatMap((r) => r.latencies),
    statuses: runs.flatMap((r) => r.statuses),
    wallMs: runs.reduce((sum, r) => sum + r.wallMs, 0),
  };
}

function ok(r: LoadResult): boolean {
  return r.statuses.every((s) => s === 200);
}

function statusText(r: LoadResult): string {
  const counts = new Map<number, number>();
  for (const s of r.statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n}× ${s}`).join(", ");
}

if (isMain(import.meta.url)) {
  printResult(await run());
}
