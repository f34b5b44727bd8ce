// Composition root: config → store → services → adapters → HTTP. The only file that knows
// every concrete implementation.
import "./infra/system/small-heap.js";
import { createConsoleAdapter } from "../adapters/console/index.js";
import { createVigil } from "./app/vigil.js";
import { anyChatPlatform, platformAdapters } from "./chat-adapters.js";
import { loadEnv } from "./config/env.js";
import { loadPolicyFile } from "./config/load-policy.js";
import { mountMetrics } from "./operations-endpoints.js";
import type { ChatAdapter } from "./ports/chat.js";
import { VigilHttpServer, type HealthCheck } from "./infra/http/http-server.js";
import { readyzListener } from "./infra/http/readyz.js";
import { mountAlertRoutes } from "./infra/http/alert-routes.js";
import { PrometheusMetrics } from "./infra/metrics/prometheus-metrics.js";
import { openStore } from "./infra/open-store.js";
import { isPostgresUrl } from "./infra/prisma/postgres-client.js";
import { gateSingletons, joinFleet } from "./fleet.js";
import type { PostgresLeaderElection } from "./infra/cluster/postgres-leader.js";
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
  // The console is a conversation: its log is short readable lines unless LOG_FORMAT=json.
  const logger = createLogger(env.LOG_LEVEL ?? (consoleMode ? "warn" : "info"), env.LOG_FORMAT ?? (consoleMode ? "text" : "json"));
  // memory: (demos), postgres://… (several replicas) or an SQLite file: URL (the default).
  const store = await openStore(env.DATABASE_URL);
  const adapters: ChatAdapter[] = [];
  let vigil: ReturnType<typeof createVigil> | undefined;
  let scheduler: SlaScheduler | undefined;
  const metrics = new PrometheusMetrics({
    outbox: async () => {
      const outbox = await store.outbox.pendingSummary();
      return { pending: outbox.count, oldestPendingAt: outbox.oldestCreatedAt, deadLetters: outbox.failed };
    },
    adapters: () => adapters.flatMap((a) => (a.connected ? [{ platform: a.platform, connected: a.connected() }] : [])),
    now: () => systemClock.now(),
  });
  const health: HealthCheck = async () => {
    const outbox = await store.outbox.pendingSummary();
    return { ok: true, details: { database: "ok", pendingMessages: outbox.count } };
  };
  const http = new VigilHttpServer(health);
  const metricsEndpoint = mountMetrics(env, http, health, metrics.listener);
  let leading = false;
  http.mount(
    "/readyz",
    // A follower of a fleet runs no SLA scheduler: only the leader's is judged.
    readyzListener({ store, adapters: () => vigil?.adapters.statuses() ?? [], scheduler: () => (clustered && !leading ? undefined : scheduler), now: () => systemClock.now() }),
  );
  // On PostgreSQL several replicas may run: connections that must exist once wait for leadership.
  const clustered = isPostgresUrl(env.DATABASE_URL) && !consoleMode;
  const platforms = platformAdapters(env, policy, store, http, logger, systemClock);
  const { adapters: fleetAdapters, gated } = clustered ? gateSingletons(platforms, env) : { adapters: platforms, gated: [] };
  adapters.push(...fleetAdapters);
  let election: PostgresLeaderElection | undefined;
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
          await metricsEndpoint.close();
          await store.close();
          process.exit(0);
        },
      }),
    );
  }
  const dispatcher = { giveUpAfterMs: env.VIGIL_OUTBOX_GIVE_UP_HOURS * 3_600_000 };
  vigil = createVigil({ store, clock: systemClock, ids: randomIds, logger, policy, adapters, metrics, dispatcher, identity: processIdentity() });
  const alertIntake = vigil.alerts;
  const receivers = policy.alerts && alertIntake ? mountAlertRoutes(http, policy.alerts, (signals) => alertIntake.receive(signals), systemClock, (source, outcome) => metrics.alertReceived(source, outcome)) : [];
  // Catches up on every SLA threshold missed while the bot was down, then ticks every 15 s.
  scheduler = new SlaScheduler(vigil.sweeper, logger, 15, (seconds) => metrics.tickDuration.observe(seconds));
  if (clustered) {
    const [app, sla] = [vigil, scheduler];
    await app.start({ background: false });
    // Every replica takes commands, so every replica's inbox beats and takes up dead ones' rows.
    app.inbox.start();
    election = await joinFleet(
      env.DATABASE_URL,
      gated,
      {
        releaseLeases: async () => {
          await app.dispatcher.lease.freeDeadNow();
          logger.info({ timers: await store.releaseTimerLeases?.() }, "cluster: freed the previous leader's timer leases");
        },
        startBackground: async () => ((leading = true), app.dispatcher.start(), await sla.start()),
        stopBackground: async () => ((leading = false), await sla.stop(), await app.dispatcher.pause()),
        outboxChanged: () => app.dispatcher.kick(),
      },
      logger,
    );
  } else {
    await vigil.start({ background: true });
    await scheduler.start();
  }
  const metricsAt = await metricsEndpoint.listen();
  if (metricsAt) logger.info(metricsAt, "metrics listening");
  // The console demo listens for alerts too (on 127.0.0.1 only), so `curl` can fire a test
  // alert at it: when someone types at it, or when PORT is given. Piped runs without PORT
  // (scripts, tests running side by side) stay off the network.
  if (consoleMode && receivers.length && (process.stdin.isTTY || process.env.PORT !== undefined)) await listenForAlerts(http, env.PORT, receivers);
  if (!consoleMode) {
    const port = await http.listen(env.PORT);
    logger.info({ port, adapters: adapters.map((a) => a.platform) }, "Vigil listening");
    const shutdown = async (signal: string) => {
      logger.info({ signal }, "Vigil stopping");
      await election?.stop();
      await scheduler?.stop();
      await vigil.stop();
      await http.close();
      await metricsEndpoint.close();
      await store.close();
      process.exit(0);
    };
    process.once("SIGINT", (s) => void shutdown(s));
    process.once("SIGTERM", (s) => void shutdown(s));
  }
}

async function listenForAlerts(http: VigilHttpServer, wanted: number, receivers: string[]): Promise<void> {
  try {
    const port = await http.listen(wanted, "127.0.0.1");
    process.stderr.write(`Vigil listens for alerts on http://127.0.0.1:${port}/alerts/{${receivers.join(",")}}\n`);
  } catch (error) {
    process.stderr.write(`Vigil cannot listen for alerts on port ${wanted} (${(error as NodeJS.ErrnoException).code ?? "error"}); the console works without them.\n`);
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
