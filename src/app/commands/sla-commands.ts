import type { Person } from "../../core/incident/types.js";
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
import { factsOf } from "../sla/sla-engine.js";
import { endWait } from "../sla/waits.js";
import { loadIncident, ok } from "../incident/load-incident.js";
import type { Run } from "../app-context.js";
import { recordAndRearm, waitingOnCustomer } from "../incident/change-incident.js";

type Of<N extends Command["name"]> = Extract<Command, { name: N }>;

/** `/incident wait`: pause restore and resolve while the team waits on the customer. */
export async function wait(run: Run<Person>, command: Of<"wait">): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  if (!ACTIVE_STATUSES.includes(incident.status)) throw new DomainError("INCIDENT.NOT_EDITABLE", copy.notEditable(key, "wait on", incident.status));
  const facts = await factsOf(run.tx, incident);
  const open = facts.pauses.at(-1);
  if (open && !open.to) {
    throw new DomainError("SLA.ALREADY_WAITING", slaCopy.alreadyWaiting(key, formatTime(open.from, run.ctx.policy.timezone), open.reason));
  }
  await run.tx.sla.saveFacts({ ...facts, pauses: [...facts.pauses, { from: run.now, reason: command.what }] });
  await recordAndRearm(run, incident, TIMELINE.waiting, { text: command.what });
  await run.notify.thread(run.tx, incident, slaCopy.waiting(run.actor.name, key, command.what), run.now);
  await waitingOnCustomer(run, incident, command.what);
  return ok(slaCopy.waitingReply(key));
}

/** `/incident resume`. */
export async function resume(run: Run<Person>, command: Of<"resume">): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  if (!(await endWait(run, incident, "command"))) throw new DomainError("SLA.NOT_WAITING", slaCopy.notWaiting(key));
  return ok(slaCopy.resumedReply(key));
}

/** `/incident postmortem`: attach (or replace) the post-incident report; stops the report clock. */
export async function postmortem(run: Run<Person>, command: Of<"postmortem">): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  const facts = await factsOf(run.tx, incident);
  const replaced = facts.postmortem !== undefined;
  // The first attachment is what met (or missed) the deadline; a replacement only edits the text.
  await run.tx.sla.saveFacts({ ...facts, postmortem: command.text, postmortemAt: facts.postmortemAt ?? run.now });
  await recordAndRearm(run, incident, TIMELINE.postmortem, { text: command.text, replaced });
  await run.notify.thread(run.tx, incident, slaCopy.postmortem(run.actor.name, key, command.text), run.now);
  return ok(replaced ? slaCopy.postmortemReplaced(key) : slaCopy.postmortemReply(key));
}
