import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { TRANSITION_KIND } from "../../core/incident/timeline-kinds.js";
import { TRANSITIONS, type IncidentChange, type TransitionAction } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { ago, copy } from "../../core/messages/copy.js";
import type { Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";
import { changeIncident } from "../incident/change-incident.js";
import { nameOf } from "../incident/person-names.js";
import { loadIncident, ok } from "../incident/load-incident.js";

type Lifecycle = Extract<Command, { name: TransitionAction }>;

/** ack, mitigate, resolve, close, reopen: check the rights, then move through the one seam. */
export async function moveIncident(run: Run<Person>, command: Lifecycle): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const note = "note" in command ? command.note : "reason" in command ? command.reason : undefined;
  const key = incidentKey(incident.number);
  await changeIncident(run, incident, changeOf(run, command), {
    details: note ? { note } : {},
    thread: copy.threadTransition(run.actor.name, key, command.name, note),
    refused: () => refuse(run, incident, command.name),
  });
  return ok(copy.transitioned(key, command.name));
}

function changeOf(run: Run<Person>, command: Lifecycle): IncidentChange {
  const by = run.actor.id;
  if (command.name === "mitigate") return { action: "mitigate", by, note: command.note };
  if (command.name === "resolve") return { action: "resolve", by, note: command.note };
  if (command.name === "reopen") return { action: "reopen", by, reason: command.reason };
  return { action: command.name, by };
}

/** Why the table refused: done already (by whom, how long ago), or not from this status. */
async function refuse(run: Run<Person>, incident: Incident, action: TransitionAction): Promise<never> {
  const key = incidentKey(incident.number);
  const doneAt = { ack: incident.acknowledgedAt, mitigate: incident.mitigatedAt, resolve: incident.resolvedAt, close: incident.closedAt, reopen: incident.reopenedAt }[action];
  const target = TRANSITIONS[action].to;
  if (doneAt && (incident.status === target || action === "ack")) {
    const by = await whoDid(run, incident, action);
    throw new DomainError("INCIDENT.ALREADY_DONE", copy.alreadyDone(key, action, by, ago(doneAt, run.now)));
  }
  const allowedFrom = TRANSITIONS[action].from.join(" or ");
  throw new DomainError("INCIDENT.INVALID_TRANSITION", copy.invalidTransition(key, action, incident.status, allowedFrom));
}

async function whoDid(run: Run<Person>, incident: Incident, action: TransitionAction): Promise<string> {
  let actorId = action === "ack" ? incident.acknowledgedById : undefined;
  if (!actorId) {
    const entries = await run.tx.timeline.list(incident.id);
    actorId = [...entries].reverse().find((e) => e.kind === TRANSITION_KIND[action])?.actorId;
  }
  return (await nameOf(run.tx, actorId)) ?? copy.someone;
}
