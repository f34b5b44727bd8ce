import type { AlertFailureKind, AlertHandlingRules } from "./alert-types.js";
import { ALERT_FAILURE_KINDS } from "./alert-types.js";
import { handledInTime, type HandlingFacts } from "./handling-clock.js";

/** One alert-born incident as the report sees it. */
export interface AlertReportItem {
  facts: Pick<HandlingFacts, "openedAt" | "handledAt" | "firstSilencedAt">;
  silences: number;
  failures: AlertFailureKind[];
}

/** The alert figures of a month (product.md, "Reports"; domain.md, "Alerts and escalation"). */
export interface AlertReportFigures {
  received: number;
  incidents: number;
  /** Handled (mitigated, resolved or silenced) within the rule's time… */
  handledInTime: number;
  /** …not, once the time is up; incidents still inside it are neither. */
  missed: number;
  /** handledInTime / (handledInTime + missed), undefined without data. */
  share?: number;
  silences: number;
  failures: Record<AlertFailureKind, number>;
}

/** Compute the month's alert figures as of `now`. */
export function computeAlertReport(rules: AlertHandlingRules, received: number, items: AlertReportItem[], now: Date): AlertReportFigures {
  let met = 0;
  let missed = 0;
  for (const item of items) {
    if (handledInTime(rules, item.facts)) met++;
    else if (item.facts.openedAt.getTime() + rules.handleWithinMs <= now.getTime()) missed++;
  }
  const failures = Object.fromEntries(ALERT_FAILURE_KINDS.map((k) => [k, items.reduce((n, i) => n + i.failures.filter((f) => f === k).length, 0)])) as Record<AlertFailureKind, number>;
  return {
    received,
    incidents: items.length,
    handledInTime: met,
    missed,
    ...(met + missed ? { share: met / (met + missed) } : {}),
    silences: items.reduce((n, i) => n + i.silences, 0),
    failures,
  };
}
