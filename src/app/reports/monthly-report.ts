import { DomainError } from "../../core/errors.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { copy } from "../../core/messages/copy.js";
import { initialFacts } from "../../core/sla/clocks.js";
import { localMonth, monthBounds } from "../../core/sla/local-time.js";
import { computeReport, type ReportItem, type SlaReport } from "../../core/sla/report.js";
import type { Policy } from "../../core/policy.js";
import type { NudgeRecord } from "../../core/sla/sla-types.js";
import type { StoreTx } from "../../ports/store.js";

/** Which month and organisation a report covers. */
export interface ReportRequest {
  /** `YYYY-MM`; the current month (policy time zone) when absent. */
  month?: string;
  organisationId?: string;
}

/** A monthly report with what it covers. */
export interface MonthlyReport {
  month: string;
  organisation?: { id: string; name: string };
  /** When the figures were taken (clocks still running are judged as of then). */
  at: Date;
  figures: SlaReport;
}

// A month of a busy portfolio is a few thousand incidents; this bounds a runaway query.
const MAX_INCIDENTS = 100_000;

/**
 * The monthly SLA report of the incidents opened in a month (product.md, "Reports"); chat
 * (`/incident report`) and the CLI (`npm run report`) both call this.
 * @throws DomainError for an unknown organisation.
 */
export async function buildMonthlyReport(policy: Policy, store: StoreTx, request: ReportRequest, now: Date): Promise<MonthlyReport> {
  const month = request.month ?? localMonth(policy.timezone, now);
  const org = request.organisationId ? policy.organisations.find((o) => o.id === request.organisationId) : undefined;
  if (request.organisationId && !org) {
    const known = policy.organisations.map((o) => o.id).join(", ");
    throw new DomainError("INCIDENT.UNKNOWN_ORG", copy.unknownOrganisation(request.organisationId, known));
  }
  const { from, to } = monthBounds(policy.timezone, month);
  const incidents = await store.incidents.list({ openedFrom: from, openedTo: to, organisationId: org?.id, limit: MAX_INCIDENTS });
  const ids = incidents.map((i) => i.id);
  const facts = new Map((await store.sla.findFacts(ids)).map((f) => [f.incidentId, f]));
  const nudges = new Map<number, NudgeRecord[]>();
  for (const n of await store.sla.listNudges({ incidentIds: ids })) nudges.set(n.incidentId, [...(nudges.get(n.incidentId) ?? []), n]);
  const items: ReportItem[] = incidents.reverse().map((incident) => ({
    incident,
    facts: facts.get(incident.id) ?? initialFacts(incident),
    nudges: nudges.get(incident.id) ?? [],
  }));
  const escalations = await store.timeline.countKinds(ids, [TIMELINE.escalated]);
  return {
    month,
    ...(org ? { organisation: { id: org.id, name: org.name } } : {}),
    at: now,
    figures: computeReport(policy.sla, items, escalations, now),
  };
}
