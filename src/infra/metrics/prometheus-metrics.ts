import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Platform, Reply } from "../../ports/chat.js";
import type { HttpListener } from "../../ports/http.js";
import type { Metrics, NudgeSent } from "../../ports/metrics.js";

/** What the outbox looks like at scrape time (read from the store). */
export interface OutboxSnapshot {
  pending: number;
  /** When the oldest pending row was written; absent when none is pending. */
  oldestPendingAt?: Date;
  /** Rows given up on, kept for inspection. */
  deadLetters: number;
}

/** Where scrape-time gauges read from. */
export interface MetricsSources {
  outbox: () => Promise<OutboxSnapshot>;
  /** Each running adapter and whether it is connected to its platform now. */
  adapters?: () => { platform: Platform; connected: boolean }[];
  /** The time the oldest-pending age is measured against (the injected clock). */
  now: () => Date;
}

/**
 * Vigil's metrics in Prometheus text format. Names are Vigil's own (`vigil_…`); prom-client's
 * default process metrics keep their standard names (`process_…`, `nodejs_…`) so stock Node
 * dashboards work.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly inbound: Counter<"platform" | "outcome">;
  private readonly outbox: Counter<"platform" | "result">;
  private readonly nudges: Counter<"clock" | "severity" | "kind">;
  private readonly breaches: Counter<"clock" | "severity">;
  private readonly alerts: Counter<"source" | "outcome">;
  /** SLA tick durations; the scheduler observes every tick. */
  readonly tickDuration: Histogram;

  constructor(sources: MetricsSources, options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.inbound = new Counter({ name: "vigil_inbound_events_total", help: "Inbound chat events answered, by platform and outcome.", labelNames: ["platform", "outcome"], registers });
    this.outbox = new Counter({ name: "vigil_outbox_messages_total", help: "Outbox deliveries by platform and result (sent, retry, failed).", labelNames: ["platform", "result"], registers });
    this.nudges = new Counter({ name: "vigil_sla_nudges_total", help: "SLA nudges sent, by clock, severity and kind (warning, breach, repeat).", labelNames: ["clock", "severity", "kind"], registers });
    this.breaches = new Counter({ name: "vigil_sla_breaches_total", help: "SLA targets missed, by clock and severity.", labelNames: ["clock", "severity"], registers });
    this.alerts = new Counter({ name: "vigil_alerts_received_total", help: "Alert webhooks received, by source and outcome.", labelNames: ["source", "outcome"], registers });
    this.tickDuration = new Histogram({ name: "vigil_sla_tick_duration_seconds", help: "Duration of SLA sweeper ticks.", buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
    this.scrapeGauges(sources);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  private scrapeGauges(sources: MetricsSources): void {
    const registers = [this.registry];
    // One store read per scrape, shared by the three outbox gauges.
    let snapshot: Promise<OutboxSnapshot> | undefined;
    const read = () => (snapshot ??= sources.outbox().finally(() => setImmediate(() => (snapshot = undefined))));
    new Gauge({ name: "vigil_outbox_pending_messages", help: "Messages waiting in the outbox.", registers, async collect() { this.set((await read()).pending); } });
    new Gauge({
      name: "vigil_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest message waiting in the outbox (0 when none).",
      registers,
      async collect() {
        const oldest = (await read()).oldestPendingAt;
        this.set(oldest ? Math.max(0, (sources.now().getTime() - oldest.getTime()) / 1000) : 0);
      },
    });
    new Gauge({ name: "vigil_outbox_dead_letters", help: "Outbox messages given up on (dead letters), kept for inspection.", registers, async collect() { this.set((await read()).deadLetters); } });
    new Gauge({
      name: "vigil_adapter_connected",
      help: "1 when the platform's adapter is connected, else 0.",
      labelNames: ["platform"],
      registers,
      collect() {
        for (const a of sources.adapters?.() ?? []) this.set({ platform: a.platform }, a.connected ? 1 : 0);
      },
    });
  }

  inboundHandled(platform: Platform, outcome: Reply["outcome"]): void {
    this.inbound.inc({ platform, outcome });
  }

  outboxResult(platform: Platform, result: "sent" | "retry" | "failed"): void {
    this.outbox.inc({ platform, result });
  }

  nudgesSent(nudges: readonly NudgeSent[]): void {
    for (const n of nudges) {
      this.nudges.inc({ clock: n.clock, severity: n.severity, kind: n.kind });
      if (n.kind === "breach") this.breaches.inc({ clock: n.clock, severity: n.severity });
    }
  }

  alertReceived(source: string, outcome: string): void {
    this.alerts.inc({ source, outcome });
  }

  /** The /metrics handler. */
  readonly listener: HttpListener = async (_req, res) => {
    const body = await this.registry.metrics();
    res.writeHead(200, { "content-type": this.registry.contentType }).end(body);
  };
}
