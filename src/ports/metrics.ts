import type { Platform, Reply } from "../core/chat-types.js";

/** One SLA nudge that went out: which clock, the incident's severity, and what kind. */
export interface NudgeSent {
  clock: string;
  severity: string;
  kind: "warning" | "breach" | "repeat";
}

/** Counters the app reports; an implementation exposes them (Prometheus at /metrics). */
export interface Metrics {
  /** An inbound event was answered with this outcome. */
  inboundHandled(platform: Platform, outcome: Reply["outcome"]): void;
  /** An outbox row was delivered, put back for a retry, or given up on. */
  outboxResult(platform: Platform, result: "sent" | "retry" | "failed"): void;
  /** SLA nudges committed by a sweep (a breach counts as a nudge and as a breach). */
  nudgesSent?(nudges: readonly NudgeSent[]): void;
  /** An alert webhook was received from `source` (e.g. "alertmanager") with this outcome. */
  alertReceived?(source: string, outcome: string): void;
}
