import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { createVigil, type Vigil } from "../../../src/app/vigil.js";
import { parsePolicy } from "../../../src/config/load-policy.js";
import type { Policy } from "../../../src/core/policy.js";
import { PrometheusMetrics } from "../../../src/infra/metrics/prometheus-metrics.js";
import { mountAlertRoutes } from "../../../src/infra/http/alert-routes.js";
import { VigilHttpServer } from "../../../src/infra/http/http-server.js";
import { openSqliteStore, type PrismaStore } from "../../../src/infra/prisma/prisma-store.js";
import type { OutboundMessage, Reply } from "../../../src/ports/chat.js";
import { RecordingAdapter } from "../../fakes/recording-adapter.js";
import { FakeClock } from "../../support/fake-clock.js";
import { MemoryLogger } from "../../support/harness.js";

/** The example policy file as data, edited by `edit`, then validated like at start. */
export function alertPolicy(edit: (file: Record<string, any>) => void = () => {}): Policy {
  const file = parse(readFileSync(new URL("../../../vigil.example.yaml", import.meta.url), "utf8")) as Record<string, any>;
  edit(file);
  const result = parsePolicy(stringify(file));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.policy;
}

/** A fixture payload of test/fixtures/alerts as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/alerts/${name}.json`, import.meta.url), "utf8");
}

export const TOKENS = { alertmanager: "change-me-alertmanager-0001", grafana: "change-me-grafana-000000001", generic: "change-me-generic-000000001" };

/** Vigil with its HTTP server on a free port, a real SQLite file, a fake clock and a recording chat. */
export interface AlertRig {
  vigil: Vigil;
  store: PrismaStore;
  clock: FakeClock;
  chat: RecordingAdapter;
  url: string;
  /** The Prometheus metrics the receivers count into (`vigil_alerts_received_total`). */
  metrics: PrometheusMetrics;
  /** POST a body to /alerts/<source> with the example token (or the headers given). */
  post(source: string, body: string, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  /** Run a command as a person on the console. */
  as(personId: string, text: string): Promise<Reply>;
  /** Deliver the whole outbox. */
  deliver(): Promise<void>;
  /** Thread lines posted in a channel; posts in the duty-lead channel. */
  thread(channel?: string): string[];
  dutyLead(): string[];
  /** Cards as last sent to a channel (post or edit), by message id. */
  lastCards(channel?: string): OutboundMessage[];
  close(): Promise<void>;
}

let events = 0;

export async function startAlertRig(dbUrl: string, options: { policy?: Policy; clock?: FakeClock } = {}): Promise<AlertRig> {
  const policy = options.policy ?? alertPolicy();
  const store = await openSqliteStore(dbUrl);
  const clock = options.clock ?? new FakeClock("2026-11-02T09:00:00Z");
  const chat = new RecordingAdapter("console");
  const ids = { newId: () => `id-${++events}`, newReference: () => `REF${++events}` };
  const vigil = createVigil({ store, clock, ids, logger: new MemoryLogger(), policy, adapters: [chat] });
  await vigil.start({ background: false });
  const http = new VigilHttpServer(async () => ({ ok: true }));
  const outbox = { pending: 0, oldestPendingAt: undefined, deadLetters: 0 };
  const metrics = new PrometheusMetrics({ outbox: async () => outbox, now: () => clock.now() }, { processMetrics: false });
  if (policy.alerts) {
    mountAlertRoutes(http, policy.alerts, (signals) => vigil.alerts!.receive(signals), clock, (source, outcome) => metrics.alertReceived(source, outcome));
  }
  const port = await http.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  const posts = (channel: string) => chat.inChannel(channel).flatMap((c) => (c.op === "post" ? [c] : []));
  return {
    vigil, store, clock, chat, url, metrics,
    async post(source, body, headers) {
      const res = await fetch(`${url}/alerts/${source}`, {
        method: "POST",
        headers: headers ?? { "content-type": "application/json", authorization: `Bearer ${TOKENS[source as keyof typeof TOKENS] ?? "x"}` },
        body,
      });
      const text = await res.text();
      // The server's own 404 (no receiver mounted there) is plain text.
      return { status: res.status, json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
    },
    as: (personId, text) =>
      vigil.handle({ kind: "command", eventId: `evt-${++events}`, actor: { platform: "console", userId: personId, displayName: personId }, at: { platform: "console", channelId: `dm-${personId}` }, text }),
    async deliver() {
      for (let i = 0; i < 100; i++) {
        await vigil.dispatcher.drain();
        if ((await store.outbox.pendingSummary()).count === 0) return;
        clock.advance(1000);
      }
    },
    thread: (channel = "acme-incidents") => posts(channel).filter((c) => c.to.threadId).map((c) => c.message.text),
    dutyLead: () => posts("duty-lead").map((c) => c.message.text),
    lastCards(channel = "acme-incidents") {
      const latest = new Map<string, OutboundMessage>();
      for (const c of chat.inChannel(channel)) {
        if (c.op === "post" && !c.to.threadId && c.message.fields) latest.set(c.ref.messageId, c.message);
        if (c.op === "update") latest.set(c.ref.messageId, c.message);
      }
      return [...latest.values()];
    },
    async close() {
      await vigil.stop();
      await http.close();
      await store.close();
    },
  };
}

/** A card field's value. */
export function field(card: OutboundMessage | undefined, label: string): string | undefined {
  return card?.fields?.find((f) => f.label === label)?.value;
}
