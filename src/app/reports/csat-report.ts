// The CSAT part of the monthly report: average, distribution, response rate (answered / sent),
// complaints, and the same per assignee at close time.
import { csatByAssignee, csatFigures, type CsatFigures } from "../../core/survey/csat.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { copy } from "../../core/messages/copy.js";
import type { Policy } from "../../core/policy.js";
import { monthBounds } from "../../core/sla/local-time.js";
import type { StoreTx } from "../../ports/store.js";
import { nameOf } from "../incident/person-names.js";

/** CSAT figures of one month, overall and per assignee, with the lines a report shows. */
export interface CsatReport {
  month: string;
  organisationId?: string;
  overall: CsatFigures;
  byAssignee: { assigneeId?: string; name: string; figures: CsatFigures }[];
  lines: string[];
}

/**
 * CSAT of the surveys created (at close) in `month` (`2026-11`, in the policy's time zone),
 * optionally for one organisation. Complaints are counted with the survey that raised them.
 */
export async function csatReport(store: StoreTx, policy: Policy, month: string, organisationId?: string): Promise<CsatReport> {
  const { from, to } = monthBounds(policy.timezone, month);
  const period = { from, to, ...(organisationId ? { organisationId } : {}) };
  const surveys = await store.followUps.listSurveys(period);
  const ids = [...new Set(surveys.map((s) => s.incidentId))];
  const complaints = (await Promise.all(ids.map((id) => store.followUps.listComplaintsForIncident(id)))).flat();
  const overall = csatFigures(surveys, complaints);
  const byAssignee = await Promise.all(
    csatByAssignee(surveys, complaints).map(async (row) => ({
      ...row,
      name: (await nameOf(store, row.assigneeId)) ?? copy.nobody,
    })),
  );
  return { month, ...(organisationId ? { organisationId } : {}), overall, byAssignee, lines: csatLines(overall, byAssignee) };
}

/** The lines shown in chat and printed by `npm run report`. */
export function csatLines(overall: CsatFigures, byAssignee: CsatReport["byAssignee"]): string[] {
  if (overall.sent === 0) return [say.csatTitle, say.csatNone];
  return [
    say.csatTitle,
    say.csatSummary(overall.average, overall.answered, overall.sent, overall.responseRate),
    say.csatDistribution(overall.distribution),
    say.csatComplaints(overall.complaints, overall.complaintsOpen),
    ...byAssignee.map((a) => `• ${say.csatAssignee(a.name, a.figures.average, a.figures.answered, a.figures.sent, a.figures.complaints)}`),
  ];
}

/**
 * CSAT rows for the report's CSV, in its columns (`month,organisation,section,severity,clock,
 * met,missed,running,value`): the assignee's name goes in `section` after a colon.
 */
export function csatCsvRows(report: CsatReport, organisation: string): string {
  const rows: (string | number | undefined)[][] = [];
  const row = (section: string, value: string | number | undefined) => rows.push([report.month, organisation, section, "", "", "", "", "", value]);
  const figures = (prefix: string, f: CsatFigures) => {
    row(`${prefix}surveys sent`, f.sent);
    row(`${prefix}surveys answered`, f.answered);
    row(`${prefix}response rate`, f.responseRate?.toFixed(4));
    row(`${prefix}average`, f.average?.toFixed(4));
    row(`${prefix}complaints`, f.complaints);
  };
  figures("csat ", report.overall);
  report.overall.distribution.forEach((count, i) => row(`csat score ${i + 1}`, count));
  row("csat complaints open", report.overall.complaintsOpen);
  for (const a of report.byAssignee) figures(`csat by assignee: ${a.name}: `, a.figures);
  return rows.map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}

function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
