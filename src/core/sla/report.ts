/**
 * Monthly SLA figures (product.md, "Reports"), pure arithmetic over the incidents opened in
 * the month, their SLA facts and the ledger of nudges. A clock counts as met when it stopped
 * within its target, missed when it ran past it (stopped or not), and is left out of the
 * share while it still runs within target. Times are wall-clock; shares use the clocks.
 */
import { SEVERITIES, type Incident, type Severity } from "../incident/types.js";
import { clockViews, type ClockView } from "./clocks.js";
import { PORTFOLIO_GOAL } from "./default-policy.js";
import { CLOCKS, type ClockName, type NudgeRecord, type SlaConfig, type SlaFacts } from "./sla-types.js";

/** Met, missed and still-running counts of one clock. */
export interface ClockTally {
  met: number;
  missed: number;
  pending: number;
}

/** Median and 90th percentile of a set of durations. */
export interface TimeStats {
  count: number;
  medianMs?: number;
  p90Ms?: number;
}

/** The portfolio goal: solution for 80 % within 3 days and 100 % within 7 days (P1–P3). */
export interface PortfolioGoal {
  within3: number;
  beyond3: number;
  within7: number;
  beyond7: number;
  /** Unsolved and not yet past 7 days. */
  pending: number;
  /** Undefined while no P1–P3 incident is decided. */
  met?: boolean;
}

/** One month's figures. */
export interface SlaReport {
  incidents: number;
  bySeverity: Record<Severity, number>;
  clocks: Record<Severity, Partial<Record<ClockName, ClockTally>>>;
  mtta: TimeStats;
  mttr: TimeStats;
  breaches: { total: number; byClock: Partial<Record<ClockName, number>> };
  escalations: number;
  portfolio: PortfolioGoal;
}

/** What the report needs to know about one incident. */
export interface ReportItem {
  incident: Incident;
  facts: SlaFacts;
  nudges: readonly NudgeRecord[];
}

/** Median (mean of the two middle values for an even count), or undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0–100): the smallest value with at least p % at or below it. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

function stats(values: number[]): TimeStats {
  return { count: values.length, medianMs: median(values), p90Ms: percentile(values, 90) };
}

function outcome(view: ClockView, item: ReportItem): keyof ClockTally {
  if (view.name === "update") {
    const breached = item.nudges.some((n) => n.clock === "update" && n.kind === "breach");
    if (breached || view.elapsedMs > view.target.targetMs) return "missed";
    return view.stoppedAt ? "met" : "pending";
  }
  if (view.elapsedMs > view.target.targetMs) return "missed";
  return view.stoppedAt ? "met" : "pending";
}

function tally(report: SlaReport, views: readonly ClockView[], item: ReportItem): void {
  const bucket = report.clocks[item.incident.severity];
  for (const view of views) {
    const t = (bucket[view.name] ??= { met: 0, missed: 0, pending: 0 });
    t[outcome(view, item)]++;
  }
}

function addToGoal(goal: PortfolioGoal, resolve: ClockView | undefined): void {
  if (!resolve) return;
  const solved = resolve.stoppedAt !== undefined;
  const took = resolve.elapsedMs;
  // An unsolved incident counts against a bound once it has passed it, and is pending until then.
  if (!solved && took <= PORTFOLIO_GOAL.allWithinMs) goal.pending++;
  if (took > PORTFOLIO_GOAL.firstWithinMs) goal.beyond3++;
  else if (solved) goal.within3++;
  if (took > PORTFOLIO_GOAL.allWithinMs) goal.beyond7++;
  else if (solved) goal.within7++;
}

function verdict(goal: PortfolioGoal): boolean | undefined {
  const decided3 = goal.within3 + goal.beyond3;
  const decided7 = goal.within7 + goal.beyond7;
  if (decided3 === 0 && decided7 === 0) return undefined;
  return (decided3 === 0 || goal.within3 / decided3 >= PORTFOLIO_GOAL.firstShare) && goal.beyond7 === 0;
}

function emptyReport(): SlaReport {
  const per = <T>(make: () => T) => Object.fromEntries(SEVERITIES.map((s) => [s, make()])) as Record<Severity, T>;
  return {
    incidents: 0,
    bySeverity: per(() => 0),
    clocks: per(() => ({})),
    mtta: { count: 0 },
    mttr: { count: 0 },
    breaches: { total: 0, byClock: {} },
    escalations: 0,
    portfolio: { within3: 0, beyond3: 0, within7: 0, beyond7: 0, pending: 0 },
  };
}

/** The figures for these incidents as seen at `now`; `escalations` is counted from the timeline. */
export function computeReport(config: SlaConfig, items: readonly ReportItem[], escalations: number, now: Date): SlaReport {
  const report = emptyReport();
  const acks: number[] = [];
  const restores: number[] = [];
  for (const item of items) {
    const { incident } = item;
    report.incidents++;
    report.bySeverity[incident.severity]++;
    const views = clockViews(config, incident, item.facts, now);
    tally(report, views, item);
    if (incident.acknowledgedAt) acks.push(incident.acknowledgedAt.getTime() - incident.openedAt.getTime());
    const restoredAt = incident.mitigatedAt ?? incident.resolvedAt;
    if (restoredAt) restores.push(restoredAt.getTime() - incident.openedAt.getTime());
    if (incident.severity !== "P4") addToGoal(report.portfolio, views.find((v) => v.name === "resolve"));
    for (const n of item.nudges) {
      if (n.kind !== "breach") continue;
      report.breaches.total++;
      report.breaches.byClock[n.clock] = (report.breaches.byClock[n.clock] ?? 0) + 1;
    }
  }
  report.mtta = stats(acks);
  report.mttr = stats(restores);
  report.escalations = escalations;
  report.portfolio.met = verdict(report.portfolio);
  return report;
}

/** Clocks in display order that have figures for a severity. */
export function clocksWithFigures(report: SlaReport, severity: Severity): ClockName[] {
  return CLOCKS.filter((c) => report.clocks[severity][c] !== undefined);
}
