// The alert part of the monthly report: alerts received, incidents from alerts, the share
// handled within the handling rule's time, silences, and graded failures by kind.
import { computeAlertReport, type AlertReportFigures, type AlertReportItem } from "../../core/alerts/alert-report.js";
import { DEFAULT_HANDLING, type AlertFailureKind } from "../../core/alerts/alert-types.js";
import { ALERT_FAILURE_KINDS } from "../../core/alerts/alert-types.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import type { Policy } from "../../core/policy.js";
import { formatDuration } from "../../core/sla/duration.js";
import { monthBounds } from "../../core/sla/local-time.js";
import type { StoreTx } from "../../ports/store.js";
import { handlingFacts } from "./handling-timer.js";

/** The month's alert figures with the lines a report shows. */
export interface AlertReport {
  figures: AlertReportFigures;
  lines: string[];
}

/**
 * Alert figures of `month` (policy time zone), optionally for one organisation: alerts
 * received in the month, and the incidents alerts opened in it, judged as of `now`.
 */
export async function alertReport(tx: StoreTx, policy: Policy, month: string, now: Date, organisationId?: string): Promise<AlertReport> {
  const rules = policy.alerts?.handling ?? DEFAULT_HANDLING;
  const { from, to } = monthBounds(policy.timezone, month);
  const totals = await tx.alerts.totals(from, to);
  const incidents = await tx.incidents.findByIds([...new Set([...totals.incidentIds, ...totals.receivedByIncident.keys()])]);
  const inScope = new Set(incidents.filter((i) => !organisationId || i.organisationId === organisationId).map((i) => i.id));
  const received = [...totals.receivedByIncident].reduce((n, [id, count]) => n + (inScope.has(id) ? count : 0), 0);
  const born = incidents.filter((i) => inScope.has(i.id) && totals.incidentIds.includes(i.id));
  const silences = await tx.alerts.silencesOf(born.map((i) => i.id));
  const items: AlertReportItem[] = [];
  for (const incident of born) {
    const facts = await handlingFacts(tx, incident);
    const failures = [...facts.recorded].filter((k): k is AlertFailureKind => (ALERT_FAILURE_KINDS as readonly string[]).includes(k));
    items.push({ facts, silences: silences.filter((s) => s.incidentId === incident.id).length, failures });
  }
  const figures = computeAlertReport(rules, received, items, now);
  return { figures, lines: alertCopy.reportLines(figures, formatDuration(rules.handleWithinMs), unhandledNames(rules.unhandledAfterMs)) };
}

function unhandledNames(steps: readonly [number, number]): readonly [string, string] {
  return [formatDuration(steps[0]), formatDuration(steps[1])];
}
