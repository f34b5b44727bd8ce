import type { Platform, Reply } from "../core/chat-types.js";

/** Counters the app reports; an implementation exposes them (Prometheus at /metrics). */
export interface Metrics {
  /** An inbound event was answered with this outcome. */
  inboundHandled(platform: Platform, outcome: Reply["outcome"]): void;
  /** An outbox row was delivered, put back for a retry, or given up on. */
  outboxResult(platform: Platform, result: "sent" | "retry" | "failed"): void;
}
