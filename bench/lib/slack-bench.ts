// Shared pieces of the Slack benchmarks: Vigil wired as in production (real Bolt on Vigil's
// HTTP server, real core, SQLite, system clock, background outbox loop) against the fake
// Slack Web API, a bare Bolt app for comparison, a load generator in a worker thread, and
// percentile maths. Everything listens on 127.0.0.1, port 0.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { createSlackAdapter, SLACK_EVENTS_PATH } from "../../adapters/slack/index.js";
import { createVigil, type Vigil } from "../../src/app/vigil.js";
import { parsePolicy } from "../../src/config/load-policy.js";
import type { Policy } from "../../src/core/policy.js";
import { mountAlertRoutes } from "../../src/infra/http/alert-routes.js";
import { VigilHttpServer } from "../../src/infra/http/http-server.js";
import { openSqliteStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";
import { randomIds } from "../../src/infra/system/random-ids.js";
import { systemClock } from "../../src/infra/system/system-clock.js";
import type { Logger } from "../../src/ports/logger.js";
import type { FakeSlack } from "../../test/fakes/fake-slack.js";

export const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-bench-0001";

/** What a bench module exports for `npm run bench`. */
export interface BenchResult {
  name: string;
  /** Markdown lines (table rows and notes). */
  lines: string[];
}

/** Latency summary in milliseconds. */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a list of latencies (ms). */
export function summarise(latencies: number[]): Summary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: rank(50), p90: rank(90), p99: rank(99), max: sorted.at(-1) ?? 0, mean };
}

/** `12.3 ms` */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** A logger that only counts, so a benchmark can say whether anything went wrong. */
export class CountingLogger implements Logger {
  readonly counts = { info: 0, warn: 0, error: 0 };
  readonly errors: string[] = [];
  info(): void {
    this.counts.info++;
  }
  warn(_fields: Record<string, unknown>, message: string): void {
    this.counts.warn++;
    if (this.errors.length < 5) this.errors.push(`warn: ${message}`);
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.counts.error++;
    if (this.errors.length < 5) this.errors.push(`error: ${message} ${String(fields.err ?? "")}`);
  }
}

/**
 * The example policy plus `extraOrganisations` customers `bench-NNN`, each with its own Slack
 * channel, so a benchmark can open incidents without running into Slack's per-channel pacing.
 */
export function benchPolicy(extraOrganisations = 0): Policy {
  const file = new URL("../../vigil.example.yaml", import.meta.url);
  const result = parsePolicy(readFileSync(file, "utf8"));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  const policy = result.policy;
  for (let i = 0; i < extraOrganisations; i++) {
    const id = `bench-${String(i).padStart(3, "0")}`;
    policy.organisations.push({ id, name: `Bench ${i}`, channels: { slack: `C0BENCH${String(i).padStart(4, "0")}` } });
  }
  return policy;
}

/** A migrated SQLite file in its own temporary folder. */
export async function openBenchStore(): Promise<{ store: PrismaStore; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-bench-"));
  const store = await openSqliteStore(`file:${path.join(dir, "vigil.db")}`);
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Vigil with the Slack adapter, composed as src/main.ts does, listening on 127.0.0.1. */
export interface VigilUnderTest {
  vigil: Vigil;
  store: PrismaStore;
  logger: CountingLogger;
  url: string;
  /** Where `POST /alerts/<source>` listens, when started with `alerts: true`. */
  alertsUrl: string;
  close(): Promise<void>;
}

export async function startVigil(fake: FakeSlack, policy: Policy, options: { alerts?: boolean } = {}): Promise<VigilUnderTest> {
  const { store, cleanup } = await openBenchStore();
  const logger = new CountingLogger();
  const http = new VigilHttpServer(async () => ({ ok: true }));
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    router: http,
    organisations: policy.organisations.map((o) => ({ id: o.id, name: o.name })),
    logger,
  });
  const vigil = createVigil({ store, clock: systemClock, ids: randomIds, logger, policy, adapters: [adapter] });
  await vigil.start({ background: true });
  // The alert receivers on the same port, as src/main.ts mounts them.
  const intake = vigil.alerts;
  if (options.alerts && policy.alerts && intake) mountAlertRoutes(http, policy.alerts, (signals) => intake.receive(signals), systemClock);
  const port = await http.listen(0, "127.0.0.1");
  return {
    vigil,
    store,
    logger,
    url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    alertsUrl: `http://127.0.0.1:${port}/alerts`,
    async close() {
      await vigil.stop();
      await http.close();
      await cleanup();
    },
  };
}

/** A Bolt app that only acks slash commands: same HTTPReceiver options, its own server and port. */
export async function startBareBolt(fake: FakeSlack): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: [SLACK_EVENTS_PATH],
    logLevel: LogLevel.ERROR,
    unhandledRequestTimeoutMillis: 3001,
  });
  const app = new App({
    token: BOT_TOKEN,
    receiver,
    deferInitialization: true,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command(/^\//, async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = await receiver.start({ port: 0, host: "127.0.0.1" });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, close: () => receiver.stop() };
}

/** A slash command's form body as Slack posts it. */
export function slashBody(fake: FakeSlack, fields: { text: string; userId?: string; triggerId: string; channelId?: string }): string {
  return new URLSearchParams({
    token: "bench",
    team_id: "T0001",
    team_domain: "vigil-bench",
    channel_id: fields.channelId ?? "C0ACMEINC",
    channel_name: "bench",
    user_id: fields.userId ?? "U0BEN",
    user_name: "ben",
    command: "/incident",
    text: fields.text,
    api_app_id: "A0VIGIL",
    is_enterprise_install: "false",
    response_url: fake.responseUrl(`T0001/${fields.triggerId}/bench`),
    trigger_id: fields.triggerId,
  }).toString();
}

/** Result of one load run: per-request latency (ms) and HTTP status, in request order. */
export interface LoadResult {
  latencies: number[];
  statuses: number[];
  wallMs: number;
}

/** POSTs every body, signed, with `concurrency` requests in flight, from a worker thread. */
export function runLoad(options: { url: string; bodies: string[]; concurrency: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
      workerData: { url: options.url, secret: SIGNING_SECRET, bodies: options.bodies, concurrency: options.concurrency },
    });
    worker.once("message", (result: LoadResult) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

/** Resolves when `predicate` holds (checked every 5 ms), rejects after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** True when `moduleUrl` is the script node was started with (run directly, not imported). */
export function isMain(moduleUrl: string): boolean {
  return !!process.argv[1] && moduleUrl === pathToFileURL(path.resolve(process.argv[1])).href;
}

/** "load 1.2 on 2 cores": how busy the machine was, since neighbours skew tail latencies. */
export function machineLoad(): string {
  return `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;
}

/** Prints a bench result as run-all would write it. */
export function printResult(result: BenchResult): void {
  process.stdout.write(`## ${result.name}\n\n${result.lines.join("\n")}\n`);
}
