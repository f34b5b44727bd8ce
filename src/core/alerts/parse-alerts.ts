import type { z } from "zod";
import type { AlertSignal, AlertSource } from "./alert-types.js";
import { alertmanagerPayload, genericPayload, grafanaPayload, type AlertmanagerPayload, type GenericPayload, type GrafanaPayload } from "./payload-schemas.js";

/** How Alertmanager notifications are told apart: one incident per group, or per alert. */
export type AlertmanagerDedup = "group" | "fingerprint";

/** The signals of a payload, or every problem with it as "path: message". */
export type ParsedAlerts = { ok: true; signals: AlertSignal[] } | { ok: false, problems: string[] };

/** Check a decoded JSON body against the receiver's format and turn it into signals. */
export function parseAlerts(source: AlertSource, body: unknown, dedup: AlertmanagerDedup = "group"): ParsedAlerts {
  if (source === "alertmanager") return convert(alertmanagerPayload.safeParse(body), (p) => fromAlertmanager(p, dedup));
  if (source === "grafana") return convert(grafanaPayload.safeParse(body), fromGrafana);
  return convert(genericPayload.safeParse(body), fromGeneric);
}

function convert<T>(result: z.ZodSafeParseResult<T>, map: (payload: T) => AlertSignal[]): ParsedAlerts {
  if (!result.success) return { ok: false, problems: result.error.issues.map(describeIssue) };
  return { ok: true, signals: map(result.data) };
}

/** `alerts[0].status: expected firing or resolved` */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
  const message = issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `“${k}”`).join(", ")}` : issue.message;
  return `${path || "(body)"}: ${message}`;
}

function fromAlertmanager(p: AlertmanagerPayload, dedup: AlertmanagerDedup): AlertSignal[] {
  if (dedup === "fingerprint") {
    return p.alerts.map((a) => ({
      source: "alertmanager",
      sender: "alertmanager",
      key: `alertmanager:${a.fingerprint ?? labelKey(a.labels)}`,
      status: a.status,
      alerts: 1,
      summary: summaryOf(a.annotations, a.labels),
      details: a.annotations.description ?? "",
      labels: a.labels,
      ...(a.labels.severity ? { severity: a.labels.severity } : {}),
    }));
  }
  const firing = p.alerts.filter((a) => a.status === "firing");
  const first = firing[0] ?? p.alerts[0];
  const labels = { ...p.commonLabels, ...p.groupLabels };
  return [{
    source: "alertmanager",
    sender: "alertmanager",
    key: `alertmanager:${p.groupKey}`,
    status: p.status,
    alerts: p.status === "firing" ? firing.length : p.alerts.length,
    summary: p.commonAnnotations.summary ?? summaryOf(first.annotations, { ...first.labels, ...labels }),
    details: p.commonAnnotations.description ?? first.annotations.description ?? "",
    labels,
    ...(labels.severity ?? first.labels.severity ? { severity: labels.severity ?? first.labels.severity } : {}),
    value: `${firing.length} of ${p.alerts.length} firing`,
  }];
}

function fromGrafana(p: GrafanaPayload): AlertSignal[] {
  return p.alerts.map((a) => ({
    source: "grafana",
    sender: "grafana",
    key: `grafana:${a.fingerprint}`,
    status: a.status,
    alerts: 1,
    summary: summaryOf(a.annotations, a.labels),
    details: a.annotations.description ?? "",
    labels: a.labels,
    ...(a.labels.severity ? { severity: a.labels.severity } : {}),
    ...(grafanaValue(a) ? { value: grafanaValue(a) } : {}),
  }));
}

function fromGeneric(p: GenericPayload): AlertSignal[] {
  return [{
    source: "generic",
    sender: p.source ?? "generic",
    key: `generic:${p.dedupKey}`,
    status: p.status,
    alerts: 1,
    summary: p.summary,
    details: p.details,
    labels: p.labels,
    ...(p.severity ? { severity: p.severity } : {}),
    ...(p.org ? { org: p.org } : {}),
    ...(p.value !== undefined ? { value: p.value } : {}),
  }];
}

function summaryOf(annotations: Record<string, string>, labels: Record<string, string>): string {
  const text = annotations.summary ?? annotations.title ?? labels.alertname ?? "alert";
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function grafanaValue(a: GrafanaPayload["alerts"][number]): string | undefined {
  if (a.values && Object.keys(a.values).length) return Object.entries(a.values).map(([k, v]) => `${k}=${String(v)}`).join(", ");
  return a.valueString || undefined;
}

// Older Alertmanagers send no fingerprint: the sorted label set names the alert as well.
function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
}
