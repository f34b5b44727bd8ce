// The one seam every change to an incident goes through, whoever makes it: a command, a card
// button, the customer's answer, a deadline (and alerts). Automatic escalation applies the same
// core transition but stays inside the SLA sweeper's batch: sending it through here would make
// the deadline settlement below call itself.
import { DomainError } from "../../core/errors.js";
import { CHANGE_KIND } from "../../core/incident/timeline-kinds.js";
import { transition, TRANSITIONS, type ChangeAction, type IncidentChange, type TransitionAction } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type NewTimelineEntry, type Status } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { Run } from "../app-context.js";
import { rearmDeadlines } from "../sla/sla-engine.js";
import { saveIncident } from "./save-incident.js";

/** A timeline row to write besides the change's own (the customer's `confirmed`, say). */
export interface ExtraEntry {
  kind: string;
  details: Record<string, unknown>;
}

/** What a caller adds to a change: timeline details, extra rows, the thread line, its own refusal. */
export interface ChangeOptions {
  /** Details of the change's timeline row (a lifecycle move gets `from` and `to` first). */
  details?: Record<string, unknown>;
  also?: ExtraEntry[];
  /** The line posted in the incident's thread. */
  thread?: string;
  /** Say why the table refused (the default names the status and what is allowed). */
  refused?: (action: ChangeAction, status: Status) => Promise<never> | never;
}

/**
 * Apply one change, in this order and nowhere else: the core transition or edit (refused by the
 * table) → the version-checked update → the card refresh → the timeline row → re-arming the
 * deadlines → the thread line → the registered reactions (the customer loop's updates).
 */
export async function changeIncident(run: Run, incident: Incident, change: IncidentChange, options: ChangeOptions = {}): Promise<Incident> {
  const result = transition(incident, change, run.now);
  if (!result.ok) return (options.refused ?? refuseChange(incident))(result.action, result.status);
  // A note changes nothing on the incident itself: no new version, no card refresh.
  const after = result.incident === incident ? incident : await saveIncident(run, result.incident);
  const kind = CHANGE_KIND[change.action];
  const moved = change.action in TRANSITIONS ? { from: incident.status, to: after.status } : {};
  await appendEntry(run, after, kind, { ...moved, ...options.details });
  await rearmDeadlines(run, after, kind);
  for (const extra of options.also ?? []) await appendEntry(run, after, extra.kind, extra.details);
  if (options.thread) await run.notify.thread(run.tx, after, options.thread, run.now);
  for (const reactions of run.ctx.reactions ?? []) await reactions.changed?.(run, { before: incident, after, change });
  return after;
}

function refuseChange(incident: Incident) {
  return (action: ChangeAction, status: Status): never => {
    const key = incidentKey(incident.number);
    if (!(action in TRANSITIONS)) throw new DomainError("INCIDENT.NOT_EDITABLE", copy.notEditable(key, action, status));
    const allowedFrom = TRANSITIONS[action as TransitionAction].from.join(" or ");
    throw new DomainError("INCIDENT.INVALID_TRANSITION", copy.invalidTransition(key, action, status, allowedFrom));
  };
}

/** A timeline row as the run's actor, or as the system when Vigil acted. Moves no deadline. */
export async function appendEntry(run: Run, incident: Incident, kind: string, details: Record<string, unknown> = {}): Promise<void> {
  const entry: NewTimelineEntry = { incidentId: incident.id, at: run.now, kind, platform: run.platform ?? "system", details };
  if (run.actor) entry.actorId = run.actor.id;
  await run.tx.timeline.append(entry);
}

/**
 * A timeline row for something that is not a change to the incident but moves its clocks (a
 * wait, a resume, a post-incident report): the row, then the deadlines re-armed.
 */
export async function recordAndRearm(run: Run, incident: Incident, kind: string, details: Record<string, unknown> = {}): Promise<void> {
  await appendEntry(run, incident, kind, details);
  await rearmDeadlines(run, incident, kind);
}

/** Tell the registered reactions the team now waits on the customer (`/incident wait`). */
export async function waitingOnCustomer(run: Run, incident: Incident, what: string): Promise<void> {
  for (const reactions of run.ctx.reactions ?? []) await reactions.waitingOnCustomer?.(run, incident, what);
}
