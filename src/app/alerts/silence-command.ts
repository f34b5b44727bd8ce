import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { ALERT_TIMELINE } from "../../core/incident/timeline-kinds.js";
import { incidentKey, type Person } from "../../core/incident/types.js";
import { alertCopy } from "../../core/messages/copy-alerts.js";
import { formatTime } from "../../core/messages/format-time.js";
import { formatDuration } from "../../core/sla/duration.js";
import type { Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";
import { loadIncident, ok } from "../incident/load-incident.js";
import { appendEntry } from "../incident/change-incident.js";
import { armHandlingTimer } from "./handling-timer.js";

type Silence = Extract<Command, { name: "silence" }>;

/**
 * `/incident silence INC-n <duration> <reason>`: an alert that cannot be handled in time is
 * taken offline — repeat notifications stop, the duty lead is told, it is recorded — until
 * the incident is mitigated or resolved ("alert back online") or the duration runs out.
 */
export async function silence(run: Run<Person>, command: Silence): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  if (incident.status !== "open" && incident.status !== "acknowledged") throw new DomainError("ALERT.NOT_SILENCEABLE", alertCopy.notSilenceable(key, incident.status));
  if (!(await run.tx.alerts.linksOf(incident.id)).length) throw new DomainError("ALERT.NOT_FROM_ALERT", alertCopy.notFromAlert(key));
  const zone = run.ctx.policy.timezone;
  const running = await run.tx.alerts.activeSilence(incident.id);
  if (running) throw new DomainError("ALERT.ALREADY_SILENCED", alertCopy.alreadySilenced(key, formatTime(running.until, zone)));
  const until = new Date(run.now.getTime() + command.duration);
  const stored = await run.tx.alerts.startSilence({ incidentId: incident.id, startedAt: run.now, until, reason: command.reason, byId: run.actor.id });
  await appendEntry(run, incident, ALERT_TIMELINE.silenced, { silenceId: stored.id, until: until.toISOString(), reason: command.reason });
  const line = alertCopy.silenced(key, formatDuration(command.duration), run.actor.name, command.reason);
  await run.notify.thread(run.tx, incident, line, run.now);
  await run.notify.dutyLead(run.tx, incident, line, run.now);
  await armHandlingTimer(run, incident);
  return ok(alertCopy.silencedReply(key, formatTime(until, zone)));
}
