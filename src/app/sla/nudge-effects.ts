import { autoEscalation } from "../../core/incident/escalation.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { transition } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type NewTimelineEntry } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { slaCopy } from "../../core/messages/copy-sla.js";
import { withSeverity } from "../../core/sla/clocks.js";
import { formatDuration } from "../../core/sla/duration.js";
import { targetText } from "../../core/messages/sla-messages.js";
import { WARNING_SHARE, type NudgeKind, type SlaFacts } from "../../core/sla/sla-types.js";
import type { DueNudge } from "../../core/sla/thresholds.js";
import type { NudgeSent } from "../../ports/metrics.js";
import type { NewOutboxRow } from "../../ports/store.js";
import type { AppContext, Run } from "../app-context.js";
import { saveIncident } from "../incident/save-incident.js";
import { mention, mentionsFor, type SlaNames } from "./sla-names.js";

/** The actor id of what Vigil does by itself (timeline entries on platform "system"). */
export const SYSTEM_ACTOR = "system";

/** What one sweep writes, collected so it goes to the store in a few batch statements. */
export interface SweepEffects {
  timeline: NewTimelineEntry[];
  outbox: NewOutboxRow[];
  nudges: number;
  escalations: number;
  /** Each nudge written, for the metrics once the transaction commits. */
  sent: NudgeSent[];
}

/** What one sweep batch carries besides its run: names loaded once, and the writes collected so far. */
export interface SweepBatch {
  names: SlaNames;
  effects: SweepEffects;
}

const NUDGE_KIND: Record<NudgeKind, string> = { warning: TIMELINE.slaWarning, breach: TIMELINE.slaBreach, repeat: TIMELINE.slaRepeat };

function nudgeLine(ctx: AppContext, incident: Incident, due: DueNudge): string {
  const key = incidentKey(incident.number);
  const { name, target, elapsedMs } = due.clock;
  if (due.kind === "warning") return slaCopy.warning(key, name, targetText(target), formatDuration(target.targetMs * (1 - WARNING_SHARE)));
  if (due.kind === "breach") return slaCopy.breach(key, name, targetText(target));
  return slaCopy.repeat(key, name, formatDuration(Math.max(0, elapsedMs - target.targetMs)), due.repeat, ctx.policy.sla.maxRepeats);
}

/** A nudge: timeline entry and thread message; a breach also alerts the duty lead. */
export function addNudge(run: Run, batch: SweepBatch, incident: Incident, due: DueNudge): void {
  const forWhom = mention(batch.names, incident);
  const text = slaCopy.nudge(nudgeLine(run.ctx, incident, due), due.late, forWhom);
  const { name, target, elapsedMs } = due.clock;
  batch.effects.timeline.push({
    incidentId: incident.id,
    at: run.now,
    kind: NUDGE_KIND[due.kind],
    actorId: SYSTEM_ACTOR,
    platform: "system",
    details: { clock: name, kind: due.kind, repeat: due.repeat, targetMs: target.targetMs, elapsedMs, dueAt: due.dueAt.toISOString(), late: due.late, text },
  });
  const notify = mentionsFor(batch.names, incident);
  batch.effects.outbox.push(...run.notify.threadRows(incident, text, run.now, notify));
  if (due.kind === "breach") {
    const alert = slaCopy.dutyBreach(incidentKey(incident.number), incident.severity, incident.title, name, targetText(target));
    batch.effects.outbox.push(...run.notify.dutyLeadRows(incident, slaCopy.nudge(alert, due.late, forWhom), run.now, notify));
  }
  batch.effects.nudges++;
  batch.effects.sent.push({ clock: name, severity: incident.severity, kind: due.kind });
}

/**
 * The automatic escalation a breach calls for, applied: the incident is saved (version
 * checked), its card refreshed, the escalation written to the timeline as the system's and
 * announced in the thread and the duty-lead channel. Returns the incident and facts as they are now.
 */
export async function escalateForBreach(run: Run, batch: SweepBatch, incident: Incident, facts: SlaFacts, due: DueNudge): Promise<{ incident: Incident; facts: SlaFacts }> {
  const tiers = run.ctx.policy.tierNames;
  const raise = autoEscalation(incident, due.clock.name, due.clock.stoppedAt !== undefined, tiers.length);
  // The same table as a person's /incident escalate: nothing rises once the incident is resolved.
  const escalated = raise && transition(incident, { action: "escalate", ...raise }, run.now);
  if (!escalated || !escalated.ok) return { incident, facts };
  const stored = await saveIncident(run, escalated.incident);
  const key = incidentKey(stored.number);
  const tierName = copy.tierLabel(stored.tier, tiers);
  const reason = slaCopy.autoReason(due.clock.name, targetText(due.clock.target));
  batch.effects.timeline.push({
    incidentId: stored.id,
    at: run.now,
    kind: TIMELINE.escalated,
    actorId: SYSTEM_ACTOR,
    platform: "system",
    details: { auto: true, clock: due.clock.name, reason, fromTier: incident.tier, toTier: stored.tier, fromSeverity: incident.severity, toSeverity: stored.severity },
  });
  const raised = stored.severity !== incident.severity;
  const line = raised ? slaCopy.autoSeverity(key, incident.severity, stored.severity, tierName, reason) : slaCopy.autoTier(key, tierName, reason);
  const forWhom = mention(batch.names, stored);
  const notify = mentionsFor(batch.names, stored);
  batch.effects.outbox.push(...run.notify.threadRows(stored, slaCopy.nudge(line, due.late, forWhom), run.now, notify));
  const alert = slaCopy.dutyAuto(key, stored.severity, stored.title, tierName, reason);
  batch.effects.outbox.push(...run.notify.dutyLeadRows(stored, slaCopy.nudge(alert, due.late, forWhom), run.now, notify));
  batch.effects.escalations++;
  return { incident: stored, facts: withSeverity(run.ctx.policy.sla, stored, facts, run.now) };
}
