import type { Severity } from "../incident/types.js";

/** The receivers Vigil listens on, one path each: `POST /alerts/<source>`. */
export const ALERT_SOURCES = ["alertmanager", "grafana", "generic"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/**
 * One alert as Vigil understands it, whatever sent it. A payload that carries a group
 * (Alertmanager, Grafana) becomes one signal per dedup key it names.
 */
export interface AlertSignal {
  source: AlertSource;
  /** The tool that sent it: the generic payload's `source` (e.g. `zabbix`), else the receiver. */
  sender: string;
  /** Identifies "the same alert" across notifications, namespaced by source (`grafana:c6ea…`). */
  key: string;
  status: "firing" | "resolved";
  /** How many alerts of the payload this signal stands for (a group counts each member). */
  alerts: number;
  summary: string;
  details: string;
  /** Labels of the alert (or the group's common labels), matched by routing rules. */
  labels: Record<string, string>;
  /** The severity word the sender gave (`critical`, `warning`, `P2`…), if any. */
  severity?: string;
  /** An organisation the sender asked for (the generic receiver's `org`). */
  org?: string;
  /** The last value the monitoring system reported, shown on the card. */
  value?: string;
}

/** Where an alert goes and how its incident behaves (resolved from the policy's routes). */
export interface AlertTarget {
  /** The route's name, or `default` when no rule matched. */
  route: string;
  organisationId: string;
  severity: Severity;
  assigneeId?: string;
  /** The escalation tier the route starts the incident at (above the first tier); absent: the first. */
  tier?: number;
  /** `resolved` mitigates the incident (a person still resolves and closes it). */
  autoMitigate: boolean;
  /** What a firing alert does to its incident once a person resolved or closed it. */
  afterResolve: "reopen" | "new";
  /** No rule matched: the duty lead is told so someone routes it. */
  unrouted: boolean;
}

/** The alert-handling rules of the contract (domain.md, "Alerts and escalation"), in ms. */
export interface AlertHandlingRules {
  /** An alert-born incident must be mitigated, resolved or silenced within this. */
  handleWithinMs: number;
  /** Graded failures for an incident still not handled after these. */
  unhandledAfterMs: readonly [number, number];
  /** A repeat of the same alert is announced in the thread at most this often (unless silenced). */
  repeatEveryMs: number;
}

export const DEFAULT_HANDLING: AlertHandlingRules = {
  handleWithinMs: 30 * 60_000,
  unhandledAfterMs: [8 * 3_600_000, 12 * 3_600_000],
  repeatEveryMs: 30 * 60_000,
};

/**
 * The three graded failures: the same alert again while nobody acknowledged it, and still
 * unhandled at the first (8 h) and second (12 h) step of `unhandledAfterMs`.
 */
export const ALERT_FAILURE_KINDS = ["repeat_unacknowledged", "unhandled_first", "unhandled_second"] as const;
export type AlertFailureKind = (typeof ALERT_FAILURE_KINDS)[number];

/** What the once-only ledger records: the graded failures and the missed handling target. */
export type AlertLedgerKind = AlertFailureKind | "handling_overdue";
