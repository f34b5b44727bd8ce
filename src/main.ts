// Composition root: config → store → services → adapters → HTTP. The only file that knows
// every concrete implementation.
import { createConsoleAdapter } from "../adapters/console/index.js";
import { createVigil } from "./app/vigil.js";
import { anyChatPlatform, platformAdapters } from "./chat-adapters.js";
import { loadEnv } from "./config/env.js";
import { loadPolicyFile } from "./config/load-policy.js";
import type { ChatAdapter } from "./ports/chat.js";
import { VigilHttpServer } from "./infra/http/http-server.js";
import { readyzListener } from "./infra/http/readyz.js";
import { MemoryStore } from "./infra/memory/memory-store.js";
import { PrometheusMetrics } from "./infra/metrics/prometheus-metrics.js";
import { openSqliteStore } from "./infra/prisma/prisma-store.js";
import { SlaScheduler } from "./infra/scheduler/sla-scheduler.js";
import { createLogger } from "./infra/system/pino-logger.js";
import { processIdentity } from "./infra/system/process-identity.js";
import { randomIds } from "./infra/system/random-ids.js";
import { systemClock } from "./infra/system/system-clock.js";

const EXIT_BAD_CONFIG = 2;

async function main(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the environment alone configures Vigil.
  }
  const env = loadEnv();
  const policyResult = loadPolicyFile(env.policyPath);
  if (!policyResult.ok) {
    process.stderr.write(`Vigil cannot start: ${env.policyPath} has ${policyResult.errors.length} problem(s):\n`);
    for (const line of policyResult.errors) process.stderr.write(`  ${line}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
  const policy = policyResult.policy;
  const consoleMode = !anyChatPlatform(env);
  const logger = createLogger(env.LOG_LEVEL ?? (consoleMode ? "warn" : "info"));
  // "memory:" keeps everything in RAM (demos); anything else is an SQLite file URL.
  const store = env.DATABASE_URL === "memory:" ? new MemoryStore() : await openSqliteStore(env.DATABASE_URL);
  const adapters: ChatAdapter[] = [];
  let vigil: ReturnType<typeof createVigil> | undefined;
  let scheduler: SlaScheduler | undefined;
  const metrics = new PrometheusMetrics(async () => (await store.outbox.pendingSummary()).count);
  const http = new VigilHttpServer(async () => {
    const outbox = await store.outbox.pendingSummary();
    return { ok: true, details: { database: "ok", pendingMessages: outbox.count } };
  });
  http.mount("/metrics", metrics.listener);
  http.mount(
    "/readyz",
    readyzListener({ store, adapters: () => vigil?.adapters.statuses() ?? [], scheduler: () => scheduler, now: () => systemClock.now() }),
  );
  adapters.push(...platformAdapters(env, policy, store, http, logger));
  if (consoleMode) {
    const interactive = Boolean(process.stdin.isTTY);
    adapters.push(
      createConsoleAdapter({
        input: process.stdin,
        output: process.stdout,
        interactive,
        people: policy.people.map((p) => ({ id: p.id, name: p.name, role: p.role })),
        newEventId: () => randomIds.newId(),
        afterEvent: async () => void (await vigil?.dispatcher.drain()),
        onEnd: async () => {
          await scheduler?.stop();
          await deliverEverything(vigil!);
          await vigil!.stop();
          await http.close();
          await store.close();
          process.exit(0);
        },
      }),
    );
  }
  const dispatcher = { giveUpAfterMs: env.VIGIL_OUTBOX_GIVE_UP_HOURS * 3_600_000 };
  vigil = createVigil({ store, clock: systemClock, ids: randomIds, logger, policy, adapters, metrics, dispatcher, identity: processIdentity() });
  await vigil.start({ background: true });
  // Catches up on every SLA threshold missed while the bot was down, then ticks every 15 s.
  scheduler = new SlaScheduler(vigil.sweeper, logger);
  await scheduler.start();
  if (!consoleMode) {
    const port = await http.listen(env.PORT);
    logger.info({ port, adapters: adapters.map((a) => a.platform) }, "Vigil listening");
    const shutdown = async (signal: string) => {
      logger.info({ signal }, "Vigil stopping");
      await scheduler?.stop();
      await vigil.stop();
      await http.close();
      await store.close();
      process.exit(0);
    };
    process.once("SIGINT", (s) => void shutdown(s));
    process.once("SIGTERM", (s) => void shutdown(s));
  }
}

// At end of piped input: wait until the outbox is empty (or only holds rows for later).
async function deliverEverything(vigil: ReturnType<typeof createVigil>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    await vigil.dispatcher.drain();
    const { count, nextDueAt } = await vigil.dispatcher.pending();
    if (count === 0) return;
    const wait = Math.min(1000, Math.max(50, (nextDueAt?.getTime() ?? 0) - systemClock.now().getTime()));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Vigil failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
