// The monthly SLA report as a chat message and as CSV (for `npm run report -- --csv`).
import { SEVERITIES } from "../incident/types.js";
import { formatDuration } from "../sla/duration.js";
import { clocksWithFigures, type SlaReport, type TimeStats } from "../sla/report.js";
import { CLOCKS } from "../sla/sla-types.js";
import type { OutboundMessage } from "../chat-types.js";
import { percent, slaCopy } from "./copy-sla.js";

/** What a rendered report covers. */
export interface ReportView {
  month: string;
  /** The organisation's name, or undefined for every organisation. */
  organisation?: string;
  figures: SlaReport;
}

function times(name: string, s: TimeStats): string {
  if (s.medianMs === undefined || s.p90Ms === undefined) return slaCopy.reportNoTimes(name);
  return slaCopy.reportTimes(name, s.count, formatDuration(s.medianMs), formatDuration(s.p90Ms));
}

function goalLine(r: SlaReport): string {
  const g = r.portfolio;
  const share = (within: number, beyond: number) => (within + beyond ? percent(within / (within + beyond)) : "–");
  const verdict = g.met === undefined ? slaCopy.goalNoData : g.met ? slaCopy.goalMet : slaCopy.goalMissed;
  return slaCopy.reportGoal(verdict, share(g.within3, g.beyond3), share(g.within7, g.beyond7), g.pending);
}

/** The report as text lines (chat and terminal). */
export function reportLines(view: ReportView): string[] {
  const r = view.figures;
  const counts = SEVERITIES.filter((s) => r.bySeverity[s]).map((s) => `${s} ${r.bySeverity[s]}`).join(" · ");
  const severityLines = SEVERITIES.filter((s) => r.bySeverity[s]).map((s) => {
    const parts = clocksWithFigures(r, s).map((c) => {
      const t = r.clocks[s][c]!;
      return slaCopy.reportClockPart(c, t.met, t.met + t.missed, t.pending);
    });
    return slaCopy.reportSeverityLine(s, parts.join(" · "));
  });
  const breaches = CLOCKS.filter((c) => r.breaches.byClock[c]).map((c) => `${slaCopy.clock(c)} ${r.breaches.byClock[c]}`).join(" · ");
  return [
    slaCopy.reportIncidents(r.incidents, counts),
    ...(severityLines.length ? [slaCopy.reportWithin, ...severityLines] : []),
    times("MTTA", r.mtta),
    times("MTTR (to restore)", r.mttr),
    slaCopy.reportBreaches(r.breaches.total, breaches),
    slaCopy.reportEscalations(r.escalations),
    goalLine(r),
  ];
}

/** The report as a chat message. */
export function reportMessage(view: ReportView): OutboundMessage {
  return { title: slaCopy.reportTitle(view.month, view.organisation ?? slaCopy.allOrganisations), text: reportLines(view).join("\n") };
}

const csvCell = (value: string | number | undefined) => {
  const text = value === undefined ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report as CSV: one row per figure, `section,severity,clock,met,missed,running,value`. */
export function reportCsv(view: ReportView): string {
  const r = view.figures;
  const rows: (string | number | undefined)[][] = [["month", "organisation", "section", "severity", "clock", "met", "missed", "running", "value"]];
  const row = (...cells: (string | number | undefined)[]) => rows.push([view.month, view.organisation ?? "", ...cells]);
  for (const s of SEVERITIES) {
    row("incidents", s, "", "", "", "", r.bySeverity[s]);
    for (const c of clocksWithFigures(r, s)) {
      const t = r.clocks[s][c]!;
      row("within target", s, c, t.met, t.missed, t.pending, t.met + t.missed ? (t.met / (t.met + t.missed)).toFixed(4) : "");
    }
  }
  row("mtta median ms", "", "", "", "", "", r.mtta.medianMs);
  row("mtta p90 ms", "", "", "", "", "", r.mtta.p90Ms);
  row("mttr median ms", "", "", "", "", "", r.mttr.medianMs);
  row("mttr p90 ms", "", "", "", "", "", r.mttr.p90Ms);
  row("breaches", "", "", "", "", "", r.breaches.total);
  row("escalations", "", "", "", "", "", r.escalations);
  row("portfolio goal met", "", "", "", "", "", r.portfolio.met === undefined ? "" : String(r.portfolio.met));
  return `${rows.map((cells) => cells.map(csvCell).join(",")).join("\n")}\n`;
}
