import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { slaCopy } from "../../core/messages/copy-sla.js";
import { formatTime } from "../../core/messages/format-time.js";
import { formatDuration } from "../../core/sla/duration.js";
import type { Reply } from "../../ports/chat.js";
import { askCustomer } from "../customer/customer-ask.js";
import { factsOf } from "../sla/sla-engine.js";
import { loadIncident, ok, record, requireRight, type CommandRun } from "./command-run.js";

type Of<N extends Command["name"]> = Extract<Command, { name: N }>;

/** `/incident wait`: pause restore and resolve while the team waits on the customer. */
export async function wait(run: CommandRun, command: Of<"wait">): Promise<Reply> {
  requireRight(run, "wait");
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  if (!ACTIVE_STATUSES.includes(incident.status)) throw new DomainError("INCIDENT.NOT_EDITABLE", copy.notEditable(key, "wait on", incident.status));
  const facts = await factsOf(run.tx, incident);
  const open = facts.pauses.at(-1);
  if (open && !open.to) {
    throw new DomainError("SLA.ALREADY_WAITING", slaCopy.alreadyWaiting(key, formatTime(open.from, run.ctx.policy.timezone), open.reason));
  }
  await run.tx.sla.saveFacts({ ...facts, pauses: [...facts.pauses, { from: run.now, reason: command.what }] });
  await record(run, incident, TIMELINE.waiting, { text: command.what });
  await run.notify.thread(run.tx, incident, slaCopy.waiting(run.actor.name, key, command.what), run.now);
  await askCustomer(run, incident, command.what);
  return ok(slaCopy.waitingReply(key));
}

/**
 * End a wait: the restore and resolve clocks run again. Shared by `/incident resume` and the
 * customer's answer. Returns false when the incident was not waiting.
 */
async function endWait(run: CommandRun, incident: Incident, via: "command" | "customer"): Promise<boolean> {
  const facts = await factsOf(run.tx, incident);
  const open = facts.pauses.at(-1);
  if (!open || open.to) return false;
  await run.tx.sla.saveFacts({ ...facts, pauses: [...facts.pauses.slice(0, -1), { ...open, to: run.now }] });
  const waited = formatDuration(run.now.getTime() - open.from.getTime());
  await record(run, incident, TIMELINE.resumed, { via, waitedMs: run.now.getTime() - open.from.getTime() });
  const key = incidentKey(incident.number);
  const text = via === "customer" ? slaCopy.customerAnswered(run.actor.name, key, waited) : slaCopy.resumed(run.actor.name, key, waited);
  await run.notify.thread(run.tx, incident, text, run.now);
  return true;
}

/**
 * The customer answered on an incident that waits on them: the restore and resolve clocks run
 * again. For the customer loop, inside its own transaction, with the contact as the run's
 * actor. Returns false when the incident was not waiting.
 */
export function customerAnswered(run: CommandRun, incident: Incident): Promise<boolean> {
  return endWait(run, incident, "customer");
}

/** `/incident resume`. */
export async function resume(run: CommandRun, command: Of<"resume">): Promise<Reply> {
  requireRight(run, "wait");
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  if (!(await endWait(run, incident, "command"))) throw new DomainError("SLA.NOT_WAITING", slaCopy.notWaiting(key));
  return ok(slaCopy.resumedReply(key));
}

/** `/incident postmortem`: attach (or replace) the post-incident report; stops the report clock. */
export async function postmortem(run: CommandRun, command: Of<"postmortem">): Promise<Reply> {
  requireRight(run, "postmortem");
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  const facts = await factsOf(run.tx, incident);
  const replaced = facts.postmortem !== undefined;
  // The first attachment is what met (or missed) the deadline; a replacement only edits the text.
  await run.tx.sla.saveFacts({ ...facts, postmortem: command.text, postmortemAt: facts.postmortemAt ?? run.now });
  await record(run, incident, TIMELINE.postmortem, { text: command.text, replaced });
  await run.notify.thread(run.tx, incident, slaCopy.postmortem(run.actor.name, key, command.text), run.now);
  return ok(replaced ? slaCopy.postmortemReplaced(key) : slaCopy.postmortemReply(key));
}
