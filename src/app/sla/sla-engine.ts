import { TIMELINE, TRANSITION_KIND } from "../../core/incident/timeline-kinds.js";
import type { Incident } from "../../core/incident/types.js";
import { clockViews, initialFacts, withSeverity } from "../../core/sla/clocks.js";
import type { SlaFacts } from "../../core/sla/sla-types.js";
import { nextDueAt } from "../../core/sla/thresholds.js";
import type { StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import { settleIncident } from "./sweep-incidents.js";
import type { Run } from "../app-context.js";

/**
 * Timeline kinds that are public updates from the team: each restarts the P1 update clock
 * (product.md: "a note, transition or status message"). Assigning is internal, so it is not one.
 */
export const PUBLIC_UPDATE_KINDS: ReadonlySet<string> = new Set([
  TIMELINE.opened,
  TIMELINE.note,
  TIMELINE.escalated,
  TIMELINE.severityChanged,
  TIMELINE.waiting,
  TIMELINE.resumed,
  TIMELINE.postmortem,
  ...Object.values(TRANSITION_KIND),
]);

/** The incident's SLA facts, or the facts of a fresh incident when none are stored yet. */
export async function factsOf(tx: StoreTx, incident: Incident): Promise<SlaFacts> {
  const [stored] = await tx.sla.findFacts([incident.id]);
  return stored ?? initialFacts(incident);
}

/**
 * Facts after a change was recorded: a severity that brings the update clock starts it, a
 * public update restarts it, and resolving ends a wait (a later reopen must not stay paused).
 */
export function factsAfter(ctx: AppContext, incident: Incident, facts: SlaFacts, kind: string, now: Date): SlaFacts {
  let next = withSeverity(ctx.policy.sla, incident, facts, now);
  if (PUBLIC_UPDATE_KINDS.has(kind)) next = { ...next, lastUpdateAt: now };
  const open = next.pauses.at(-1);
  if (open && !open.to && (incident.status === "resolved" || incident.status === "closed")) {
    next = { ...next, pauses: [...next.pauses.slice(0, -1), { ...open, to: now }] };
  }
  return next;
}

/**
 * Let the SLA engine see a change just recorded on the incident's timeline, in the same
 * transaction: send what was already due (see settleIncident), then update the facts and re-arm
 * the incident's timer in one write, so a commit never leaves a stale timer behind.
 */
export async function rearmDeadlines(run: Run, incident: Incident, kind: string): Promise<void> {
  const { ctx, tx, now } = run;
  const stored = await tx.sla.incidentSla(incident.id);
  const settled = await settleIncident(run, incident, stored.facts ?? initialFacts(incident), stored.nudges);
  const facts = factsAfter(ctx, settled.incident, settled.facts, kind, now);
  const next = nextDueAt(clockViews(ctx.policy.sla, settled.incident, facts, now), settled.fired, ctx.policy.sla, now);
  await tx.sla.saveFacts(facts, { dueAt: next, now });
}
