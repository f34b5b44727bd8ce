// 5,000 CSAT survey prompts to 5,000 Telegram chats through the fake Bot API, with the
// platform-wide limit set to 300 messages/s (the fake enforces 300/s overall and 1/s per chat
// and answers 429 to anything faster). Goal: achieved rate ≥ 97 % of the limit, zero 429s
// provoked, zero messages lost, all within 90 s.
//
// Setup (not timed): 5,000 contacts with a Telegram identity, one closed incident each, and
// the survey scheduled through the real survey service (surveys, timeline, outbox rows, timers
// in SQLite). Timed: Vigil as in production — system clock, background outbox loop, the real
// node-telegram-bot-api adapter — from starting the delivery loop until the fake has received
// every prompt.
//
//   npx tsx bench/telegram-survey.bench.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { scheduleSurvey } from "../src/app/customer/survey-service.js";
import { Notifier } from "../src/app/incident/notifier.js";
import { createVigil } from "../src/app/vigil.js";
import { openSqliteStore } from "../src/infra/prisma/prisma-store.js";
import { systemClock } from "../src/infra/system/system-clock.js";
import { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { examplePolicy, MemoryLogger } from "../test/support/harness.js";

const CHATS = 5_000;
const LIMIT_PER_SECOND = 300;
const GOAL_SHARE = 0.97;
const BOUND_MS = 90_000;
const FIRST_CHAT = 100_000_000;

/** A bench's result, as bench/run-all.ts writes it. */
export interface BenchResult {
  name: string;
  lines: string[];
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-tg-"));
  const fake = await new FakeTelegram({ globalPerSecond: LIMIT_PER_SECOND, perChatPerSecond: 1 }).start();
  const store = await openSqliteStore(`file:${path.join(dir, "vigil.db")}`);
  const adapter = createTelegramAdapter({ token: "123456:BENCH", apiUrl: fake.apiUrl, globalPerSecond: LIMIT_PER_SECOND, pollTimeoutSec: 1 });
  const policy = examplePolicy();
  const vigil = createVigil({ store, clock: systemClock, ids: { newId: () => "", newReference: () => "REF" }, logger: new MemoryLogger(), policy, adapters: [adapter] });
  try {
    await vigil.start({ background: false });
    const setupMs = await schedule(store, policy);
    const started = performance.now();
    vigil.dispatcher.start();
    const sent = () => fake.callsTo("sendMessage").filter((c) => c.status === 200).length;
    while (sent() < CHATS && performance.now() - started < BOUND_MS) await new Promise((r) => setTimeout(r, 20));
    const wallMs = performance.now() - started;
    await vigil.stop();
    return report(fake, await store.outbox.list(), wallMs, setupMs);
  } finally {
    await store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// 5,000 contacts with Telegram ids, a closed incident each, and the survey scheduled through
// the survey service exactly as closing an incident does, in batches of 500 per transaction.
async function schedule(store: Awaited<ReturnType<typeof openSqliteStore>>, policy: ReturnType<typeof examplePolicy>): Promise<number> {
  const started = performance.now();
  const now = new Date();
  const ctx = { store, clock: systemClock, ids: { newId: () => "", newReference: () => "" }, logger: new MemoryLogger(), policy, platforms: ["telegram" as const] };
  const notify = new Notifier(ctx);
  for (let batch = 0; batch < CHATS / 500; batch++) {
    await store.transaction(async (tx) => {
      for (let i = batch * 500; i < (batch + 1) * 500; i++) {
        const id = `bench-${i}`;
        await tx.directory.upsertPerson({ id, name: `Contact ${i}`, role: "contact", organisationId: "acme", identities: [{ platform: "telegram", externalId: String(FIRST_CHAT + i) }] });
        const incident = await tx.incidents.create({
          title: `Bench incident ${i}`, description: "", severity: "P3", status: "closed", organisationId: "acme", reporterId: id, assigneeId: "ben",
          tier: 0, openedAt: now, resolvedAt: now, closedAt: now, updatedAt: now,
        });
        await scheduleSurvey({ ctx, tx, now, notify }, incident);
      }
    });
  }
  return performance.now() - started;
}

function report(fake: FakeTelegram, rows: { status: string; kind: string }[], wallMs: number, setupMs: number): BenchResult {
  const ok = fake.callsTo("sendMessage").filter((c) => c.status === 200);
  const chats = new Set(ok.map((c) => String(c.params.chat_id)));
  const spanMs = ok.length > 1 ? ok[ok.length - 1].atMs - ok[0].atMs : 0;
  const rate = spanMs > 0 ? ((ok.length - 1) * 1000) / spanMs : 0;
  // Without the first second, whose figure the dispatcher's initial burst flatters.
  const steadyFrom = ok.findIndex((c) => c.atMs >= ok[0].atMs + 1000);
  const steadySpan = ok.length > 1 && steadyFrom > 0 ? ok[ok.length - 1].atMs - ok[steadyFrom].atMs : 0;
  const steady = steadySpan > 0 ? ((ok.length - 1 - steadyFrom) * 1000) / steadySpan : 0;
  const share = Math.min(rate, steady) / LIMIT_PER_SECOND;
  const lost = CHATS - chats.size;
  const failed = rows.filter((r) => r.status !== "sent").length;
  const pass = share >= GOAL_SHARE && fake.rateLimited === 0 && lost === 0 && failed === 0 && wallMs < BOUND_MS;
  return {
    name: "Telegram survey prompts: 5,000 chats at a 300/s platform limit",
    lines: [
      "| figure | value | goal |",
      "|---|---|---|",
      `| prompts delivered (distinct chats) | ${chats.size} / ${CHATS} | all |`,
      `| achieved rate, first to last delivery | ${rate.toFixed(1)} msg/s = ${((rate / LIMIT_PER_SECOND) * 100).toFixed(1)} % of ${LIMIT_PER_SECOND}/s | ≥ ${GOAL_SHARE * 100} % |`,
      `| steady rate, after the first second | ${steady.toFixed(1)} msg/s = ${((steady / LIMIT_PER_SECOND) * 100).toFixed(1)} % | ≥ ${GOAL_SHARE * 100} % |`,
      `| 429s provoked at the fake | ${fake.rateLimited} | 0 |`,
      `| lost (not delivered) / outbox rows not sent | ${lost} / ${failed} | 0 / 0 |`,
      `| wall time of delivery | ${(wallMs / 1000).toFixed(1)} s | < ${BOUND_MS / 1000} s |`,
      "",
      `Setup (5,000 contacts, closed incidents and surveys scheduled through the survey service in SQLite): ${(setupMs / 1000).toFixed(1)} s, not timed.`,
      `Load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores. Result: ${pass ? "PASS" : "FAIL"}.`,
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await run();
  process.stdout.write(`## ${result.name}\n\n${result.lines.join("\n")}\n`);
}
