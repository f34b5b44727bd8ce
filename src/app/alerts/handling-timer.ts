// The alert-handling clock rides on the SLA engine's timer rows (one table, one sweeper):
// `alert:<incidentId>` comes due at the incident's next handling step, which planHandling
// computes from the incident, its silences and the once-only ledger.
import { handledInTime, planHandling, type HandlingFacts, type HandlingStep } from "../../core/alerts/handling-clock.js";
import { DEFAULT_HANDLING } from "../../core/alerts/alert-types.js";
import { ALERT_TIMELINE } from "../../core/incident/timeline-kinds.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import { formatDuration } from "../../core/sla/duration.js";
import type { StoreTx } from "../../ports/store.js";
import type { IncidentReactions, Run } from "../app-context.js";
import { appendEntry } from "../incident/change-incident.js";
import { gradedFailure } from "./handling-rules.js";

/** `alert:<incidentId>`. */
export const ALERT_TIMER_KEY = /^alert:(\d+)$/;
export const alertTimerKey = (incidentId: number) => `alert:${incidentId}`;

/** Whether a timer key is an alert-handling clock. */
export function isAlertTimer(key: string): boolean {
  return ALERT_TIMER_KEY.test(key);
}

/** The clock's facts for an incident, read inside the transaction. */
export async function handlingFacts(tx: StoreTx, incident: Incident): Promise<HandlingFacts> {
  const [failures, silences] = [await tx.alerts.failuresOf([incident.id]), await tx.alerts.silencesOf([incident.id])];
  const handled = [incident.mitigatedAt, incident.resolvedAt].filter((d): d is Date => d !== undefined);
  const active = silences.find((s) => !s.endedAt);
  return {
    openedAt: incident.openedAt,
    ...(handled.length ? { handledAt: new Date(Math.min(...handled.map((d) => d.getTime()))) } : {}),
    ...(silences.length ? { firstSilencedAt: silences[0].startedAt } : {}),
    ...(active ? { activeSilenceUntil: active.until } : {}),
    recorded: new Set(failures.map((f) => f.kind)),
  };
}

/** Point the incident's handling timer at its next step (or finish it). */
export async function armHandlingTimer(run: Run, incident: Incident): Promise<void> {
  const plan = planHandling(rulesOf(run), await handlingFacts(run.tx, incident), run.now);
  await run.tx.deadlines.arm(alertTimerKey(incident.id), undefined, plan.due.length ? run.now : plan.nextAt, run.now);
}

/** Act on a due handling timer inside the sweeper's transaction: each due step once, then re-arm. */
export async function runAlertTimer(run: Run, key: string): Promise<void> {
  const id = Number(ALERT_TIMER_KEY.exec(key)?.[1]);
  const incident = await run.tx.incidents.findById(id);
  if (!incident) return void (await run.tx.deadlines.arm(key, undefined, undefined, run.now));
  const plan = planHandling(rulesOf(run), await handlingFacts(run.tx, incident), run.now);
  for (const step of plan.due) await actOn(run, incident, step);
  const after = planHandling(rulesOf(run), await handlingFacts(run.tx, incident), run.now);
  await run.tx.deadlines.arm(key, undefined, after.nextAt, run.now);
}

async function actOn(run: Run, incident: Incident, step: HandlingStep): Promise<void> {
  const key = incidentKey(incident.number);
  if (step === "silence_expired") return endSilence(run, incident, "expired");
  if (step !== "handling_overdue") return void (await gradedFailure(run, incident, step));
  if (!(await run.tx.alerts.recordFailure({ incidentId: incident.id, kind: step, at: run.now }))) return;
  await appendEntry(run, incident, ALERT_TIMELINE.handlingOverdue, {});
  const text = alertCopy.handlingOverdue(key, formatDuration(rulesOf(run).handleWithinMs));
  await run.notify.thread(run.tx, incident, text, run.now);
  await run.notify.dutyLead(run.tx, incident, text, run.now);
}

/** End the incident's running silence: "alert back online", on the timeline and in the thread. */
export async function endSilence(run: Run, incident: Incident, why: "handled" | "expired"): Promise<void> {
  const silence = await run.tx.alerts.activeSilence(incident.id);
  if (!silence) return;
  await run.tx.alerts.endSilence(silence.id, run.now, why);
  await appendEntry(run, incident, ALERT_TIMELINE.backOnline, { why, silenceId: silence.id });
  await run.notify.thread(run.tx, incident, alertCopy.backOnline(incidentKey(incident.number), why), run.now);
}

/**
 * Registered with changeIncident: mitigating or resolving handles the alert, so its silence
 * ends ("alert back online") and the clock stops, whoever made the change.
 */
export const alertReactions: IncidentReactions = {
  async changed(run, { after, change }) {
    if (change.action !== "mitigate" && change.action !== "resolve") return;
    if (!(await run.tx.deadlines.find(alertTimerKey(after.id)))) return;
    await endSilence(run, after, "handled");
    await armHandlingTimer(run, after);
  },
};

/** Whether the incident met the handling rule (reports). */
export function metHandlingRule(run: Pick<Run, "ctx">, facts: HandlingFacts): boolean {
  return handledInTime(rulesOf(run), facts);
}

function rulesOf(run: Pick<Run, "ctx">) {
  return run.ctx.policy.alerts?.handling ?? DEFAULT_HANDLING;
}
