import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Platform, Reply } from "../../ports/chat.js";
import type { HttpListener } from "../../ports/http.js";
import type { Metrics } from "../../ports/metrics.js";

/**
 * Vigil's metrics in Prometheus text format: inbound events by platform and outcome, outbox
 * results by platform, and — read from the store at scrape time — messages still pending.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly inbound: Counter<"platform" | "outcome">;
  private readonly outbox: Counter<"platform" | "result">;

  constructor(pendingMessages: () => Promise<number>, options: { processMetrics?: boolean } = {}) {
    this.inbound = new Counter({ name: "vigil_inbound_events_total", help: "Inbound chat events answered, by platform and outcome.", labelNames: ["platform", "outcome"], registers: [this.registry] });
    this.outbox = new Counter({ name: "vigil_outbox_messages_total", help: "Outbox deliveries by platform and result (sent, retry, failed).", labelNames: ["platform", "result"], registers: [this.registry] });
    new Gauge({
      name: "vigil_outbox_pending_messages",
      help: "Messages waiting in the outbox.",
      registers: [this.registry],
      async collect() {
        this.set(await pendingMessages());
      },
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "vigil_" });
  }

  inboundHandled(platform: Platform, outcome: Reply["outcome"]): void {
    this.inbound.inc({ platform, outcome });
  }

  outboxResult(platform: Platform, result: "sent" | "retry" | "failed"): void {
    this.outbox.inc({ platform, result });
  }

  /** The /metrics handler. */
  readonly listener: HttpListener = async (_req, res) => {
    const body = await this.registry.metrics();
    res.writeHead(200, { "content-type": this.registry.contentType }).end(body);
  };
}
