import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { TRANSITION_KIND } from "../../core/incident/timeline-kinds.js";
import { canTransition, TRANSITIONS, type TransitionAction } from "../../core/incident/transitions.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { ago, copy } from "../../core/messages/copy.js";
import type { Reply } from "../../ports/chat.js";
import { afterTransition } from "../customer/customer-updates.js";
import { afterAlertTransition } from "../alerts/handling-timer.js";
import { loadIncident, ok, record, requireRight, save, type CommandRun } from "./command-run.js";
import { nameOf } from "../person-names.js";

type Lifecycle = Extract<Command, { name: TransitionAction }>;

/** ack, mitigate, resolve, close, reopen: check the table and rights, move, tell everyone. */
export async function transition(run: CommandRun, command: Lifecycle): Promise<Reply> {
  requireRight(run, command.name);
  const incident = await loadIncident(run, command.number);
  await refuseInvalid(run, incident, command.name);
  const next = applyTransition(run, incident, command);
  const stored = await save(run, next);
  const note = "note" in command ? command.note : "reason" in command ? command.reason : undefined;
  await record(run, stored, TRANSITION_KIND[command.name], {
    from: incident.status,
    to: stored.status,
    ...(note ? { note } : {}),
  });
  const key = incidentKey(stored.number);
  await run.notify.thread(run.tx, stored, copy.threadTransition(run.actor.name, key, command.name, note), run.now);
  await afterTransition(run, stored, command.name, note);
  await afterAlertTransition(run, stored, command.name);
  return ok(copy.transitioned(key, command.name));
}

async function refuseInvalid(run: CommandRun, incident: Incident, action: TransitionAction): Promise<void> {
  if (canTransition(action, incident.status)) return;
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

async function whoDid(run: CommandRun, incident: Incident, action: TransitionAction): Promise<string> {
  let actorId = action === "ack" ? incident.acknowledgedById : undefined;
  if (!actorId) {
    const entries = await run.tx.timeline.list(incident.id);
    actorId = [...entries].reverse().find((e) => e.kind === TRANSITION_KIND[action])?.actorId;
  }
  return (await nameOf(run.tx, actorId)) ?? copy.someone;
}

function applyTransition(run: CommandRun, incident: Incident, command: Lifecycle): Incident {
  const next: Incident = { ...incident, status: TRANSITIONS[command.name].to };
  const now = run.now;
  // Whoever mitigates or resolves an open incident has evidently responded to it.
  if (!next.acknowledgedAt && command.name !== "close") {
    next.acknowledgedAt = now;
    next.acknowledgedById = run.actor.id;
  }
  if (command.name === "mitigate") next.mitigatedAt = now;
  if (command.name === "resolve") {
    next.resolvedAt = now;
    next.mitigatedAt ??= now;
    next.resolution = command.note;
  }
  if (command.name === "close") next.closedAt = now;
  if (command.name === "reopen") {
    next.reopenedAt = now;
    next.resolvedAt = undefined;
    next.closedAt = undefined;
    next.resolution = undefined;
  }
  return next;
}
