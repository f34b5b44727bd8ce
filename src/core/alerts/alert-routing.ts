import { SEVERITIES, type Severity } from "../incident/types.js";
import type { AlertHandlingRules, AlertSignal, AlertSource, AlertTarget } from "./alert-types.js";
import type { AlertmanagerDedup } from "./parse-alerts.js";

/** What a route decides; absent fields fall back to the default route's. */
export interface RouteSettings {
  organisationId?: string;
  /** A fixed severity; otherwise the severity word is looked up in `severityMap`. */
  severity?: Severity;
  /** The label carrying the severity word (the generic payload's `severity` field is used too). */
  severityLabel?: string;
  severityMap?: Record<string, Severity>;
  assigneeId?: string;
  /** The escalation tier (index into the policy's tiers) the incident starts at; 0 when absent. */
  tier?: number;
  autoMitigate?: boolean;
  afterResolve?: "reopen" | "new";
}

/** A routing rule: every `match` equality and every `matchRegex` must hold. */
export interface AlertRouteRule extends RouteSettings {
  name: string;
  /** Label (or field: source, receiver, summary, severity, org) → exact value. */
  match: Record<string, string>;
  matchRegex: Record<string, RegExp>;
}

/** How far a signed request's timestamp may be from now before it is refused as a replay (Slack's window). */
export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

/** How a receiver proves a request comes from the configured sender. */
export type ReceiverAuth =
  | { kind: "bearer"; token: string }
  /**
   * An HMAC-SHA256 of the body under `secret` in `header`; with `timestampHeader` (Grafana's
   * "Timestamp Header") the sender signs `<unix seconds>:<body>` and a request whose timestamp
   * is more than `maxSkewMs` from now is refused as a replay.
   */
  | { kind: "hmac"; secret: string; header: string; timestampHeader?: string; maxSkewMs: number };

/** The `alerts:` section of the policy file, compiled. */
export interface AlertConfig {
  /** Only configured receivers listen; each has its own secret. */
  receivers: Partial<Record<AlertSource, ReceiverAuth>>;
  maxBodyBytes: number;
  alertmanagerDedup: AlertmanagerDedup;
  routes: AlertRouteRule[];
  /**
   * Where and how what no rule matches goes; its settings are also every rule's defaults. Its
   * `severity` is the fallback for alerts that name none (rules' `severity` is fixed).
   */
  defaultRoute: RouteSettings & { organisationId: string; severity: Severity };
  handling: AlertHandlingRules;
}

/** Prometheus' usual severity words; P1–P4 are understood as themselves. */
export const DEFAULT_SEVERITY_MAP: Record<string, Severity> = { critical: "P1", error: "P2", warning: "P3", info: "P4" };

/** Choose the route of a signal: the first rule that matches, else the default route. */
export function routeAlert(config: AlertConfig, signal: AlertSignal, organisationIds: readonly string[]): AlertTarget {
  const rule = config.routes.find((r) => matches(r, signal));
  // The default route's severity is the fallback when the alert names none, not a fixed one.
  const { severity: fallback, ...d } = config.defaultRoute;
  const askedOrg = signal.org && organisationIds.includes(signal.org) ? signal.org : undefined;
  const settings: RouteSettings = { ...d, ...(askedOrg ? { organisationId: askedOrg } : {}), ...defined(rule ?? {}) };
  return {
    route: rule?.name ?? "default",
    organisationId: settings.organisationId ?? d.organisationId,
    severity: severityOf(settings, signal, fallback),
    ...(settings.assigneeId ? { assigneeId: settings.assigneeId } : {}),
    ...(settings.tier ? { tier: settings.tier } : {}),
    autoMitigate: settings.autoMitigate ?? false,
    afterResolve: settings.afterResolve ?? "reopen",
    unrouted: !rule && !askedOrg,
  };
}

function matches(rule: AlertRouteRule, signal: AlertSignal): boolean {
  const value = (key: string) => signal.labels[key] ?? fieldOf(signal, key);
  return Object.entries(rule.match).every(([k, v]) => value(k) === v) && Object.entries(rule.matchRegex).every(([k, re]) => re.test(value(k) ?? ""));
}

function fieldOf(signal: AlertSignal, key: string): string | undefined {
  const fields: Record<string, string | undefined> = { source: signal.sender, receiver: signal.source, summary: signal.summary, severity: signal.severity, org: signal.org };
  return fields[key];
}

function severityOf(settings: RouteSettings, signal: AlertSignal, fallback: Severity): Severity {
  if (settings.severity) return settings.severity;
  const word = (signal.labels[settings.severityLabel ?? "severity"] ?? signal.severity)?.trim();
  if (!word) return settings.severity ?? fallback;
  const upper = word.toUpperCase();
  if ((SEVERITIES as readonly string[]).includes(upper)) return upper as Severity;
  const map = settings.severityMap ?? DEFAULT_SEVERITY_MAP;
  return map[word.toLowerCase()] ?? settings.severity ?? fallback;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
