// The contract's alert-handling rules (domain.md, "Alerts and escalation"): graded failures,
// recorded once each on the timeline and alerted to the duty lead.
import type { AlertFailureKind } from "../../core/alerts/alert-types.js";
import { DEFAULT_HANDLING } from "../../core/alerts/alert-types.js";
import { ALERT_TIMELINE } from "../../core/incident/timeline-kinds.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import { formatDuration } from "../../core/sla/duration.js";
import type { Run } from "../app-context.js";
import type { AlertLink } from "../../ports/alert-store.js";
import { appendEntry } from "../incident/change-incident.js";

/** The two "unhandled after" steps as people read them ("8h", "12h"). */
export function unhandledSteps(run: Pick<Run, "ctx">): readonly [string, string] {
  const [a, b] = run.ctx.policy.alerts?.handling.unhandledAfterMs ?? DEFAULT_HANDLING.unhandledAfterMs;
  return [formatDuration(a), formatDuration(b)];
}

/**
 * Record a graded failure unless the incident already has one of that kind (the ledger's
 * unique key decides, so two processes cannot both record it), then tell the duty lead.
 */
export async function gradedFailure(run: Run, incident: Incident, kind: AlertFailureKind): Promise<boolean> {
  if (!(await run.tx.alerts.recordFailure({ incidentId: incident.id, kind, at: run.now }))) return false;
  await appendEntry(run, incident, ALERT_TIMELINE.failure, { kind });
  await run.notify.dutyLead(run.tx, incident, alertCopy.failure(kind, incidentKey(incident.number), unhandledSteps(run)), run.now);
  return true;
}

/**
 * The same alert fired again. Nobody acknowledged the incident: a graded failure (once).
 * Unless silenced, the repeat is announced in the thread at most every `repeatEvery`, so a
 * storm of repeats edits the card but does not flood the thread. Returns when it announced.
 */
export async function noteRepeat(run: Run, incident: Incident, link: AlertLink, fired: number): Promise<Date | undefined> {
  if (incident.status === "open") await gradedFailure(run, incident, "repeat_unacknowledged");
  const every = run.ctx.policy.alerts?.handling.repeatEveryMs ?? DEFAULT_HANDLING.repeatEveryMs;
  if ((link.notifiedAt ?? link.firstAt).getTime() + every > run.now.getTime()) return undefined;
  if (await run.tx.alerts.activeSilence(incident.id)) return undefined;
  const key = incidentKey(incident.number);
  const text = incident.status === "mitigated" ? alertCopy.firingAgainWhileMitigated(key, fired) : alertCopy.firedAgain(key, fired, link.lastValue);
  await run.notify.thread(run.tx, incident, text, run.now);
  return run.now;
}
