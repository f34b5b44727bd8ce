import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { EDIT_ALLOWED_IN } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { Reply } from "../../ports/chat.js";
import { loadIncident, ok, record, requireRight, save, type CommandRun } from "./command-run.js";
import { organisationName } from "../../core/policy.js";

type Of<N extends Command["name"]> = Extract<Command, { name: N }>;

async function editable(run: CommandRun, number: number, action: keyof typeof EDIT_ALLOWED_IN): Promise<Incident> {
  requireRight(run, action);
  const incident = await loadIncident(run, number);
  if (!EDIT_ALLOWED_IN[action].includes(incident.status)) {
    throw new DomainError("INCIDENT.NOT_EDITABLE", copy.notEditable(incidentKey(incident.number), action, incident.status));
  }
  return incident;
}

/** `/incident note`: timeline + thread, no state change. */
export async function addNote(run: CommandRun, command: Of<"note">): Promise<Reply> {
  const incident = await editable(run, command.number, "note");
  await record(run, incident, TIMELINE.note, { text: command.text });
  await run.notify.thread(run.tx, incident, copy.threadNote(run.actor.name, command.text), run.now);
  return ok(copy.noted(incidentKey(incident.number)));
}

/** `/incident assign`: to "me", a person id, or a platform mention. */
export async function assign(run: CommandRun, command: Of<"assign">): Promise<Reply> {
  const incident = await editable(run, command.number, "assign");
  const assignee = await findAssignee(run, command.assignee);
  const key = incidentKey(incident.number);
  if (incident.assigneeId === assignee.id) throw new DomainError("INCIDENT.ALREADY_ASSIGNED", copy.alreadyAssigned(key, assignee.name));
  const stored = await save(run, { ...incident, assigneeId: assignee.id });
  await record(run, stored, TIMELINE.assigned, { from: incident.assigneeId ?? null, to: assignee.id });
  await run.notify.thread(run.tx, stored, copy.threadAssigned(run.actor.name, key, assignee.name), run.now);
  return ok(copy.assigned(key, assignee.name));
}

async function findAssignee(run: CommandRun, who: string): Promise<Person> {
  const person =
    who.toLowerCase() === "me"
      ? run.actor
      : ((await run.tx.directory.findPerson(who.toLowerCase())) ?? (await run.tx.directory.findByIdentity(run.platform, who)));
  if (!person || person.role === "contact") throw new DomainError("INCIDENT.BAD_ASSIGNEE", copy.badAssignee(who));
  return person;
}

/** `/incident escalate`: next tier, optionally a higher severity; alerts the duty lead. */
export async function escalate(run: CommandRun, command: Of<"escalate">): Promise<Reply> {
  const incident = await editable(run, command.number, "escalate");
  const key = incidentKey(incident.number);
  const tiers = run.ctx.policy.tierNames;
  const top = tiers.length - 1;
  if (command.to && command.to >= incident.severity) throw new DomainError("INCIDENT.NOT_HIGHER", copy.escalateNotHigher(key, incident.severity, command.to));
  if (incident.tier >= top && !command.to) throw new DomainError("INCIDENT.TOP_TIER", copy.topTier(key, copy.tierLabel(top, tiers)));
  const next = { ...incident, tier: Math.min(incident.tier + 1, top), severity: command.to ?? incident.severity };
  const stored = await save(run, next);
  const tierName = copy.tierLabel(stored.tier, tiers);
  await record(run, stored, TIMELINE.escalated, {
    fromTier: incident.tier,
    toTier: stored.tier,
    fromSeverity: incident.severity,
    toSeverity: stored.severity,
    reason: command.reason,
  });
  await run.notify.thread(run.tx, stored, copy.threadEscalated(run.actor.name, key, tierName, command.reason), run.now);
  await run.notify.dutyLead(run.tx, stored, copy.dutyEscalation(key, stored.severity, stored.title, tierName, run.actor.name, command.reason), run.now);
  return ok(copy.escalated(key, tierName, stored.severity));
}

/** `/incident severity` (leads): either way, with a reason. */
export async function changeSeverity(run: CommandRun, command: Of<"severity">): Promise<Reply> {
  const incident = await editable(run, command.number, "severity");
  const key = incidentKey(incident.number);
  if (incident.severity === command.severity) throw new DomainError("INCIDENT.SAME_SEVERITY", copy.sameSeverity(key, command.severity));
  const stored = await save(run, { ...incident, severity: command.severity });
  await record(run, stored, TIMELINE.severityChanged, { from: incident.severity, to: stored.severity, reason: command.reason });
  await run.notify.thread(run.tx, stored, copy.threadSeverity(run.actor.name, key, incident.severity, stored.severity, command.reason), run.now);
  const becameUrgent = (stored.severity === "P1" || stored.severity === "P2") && incident.severity > stored.severity;
  if (becameUrgent) {
    const text = copy.dutyNewIncident(key, stored.severity, stored.title, organisationName(run.ctx.policy, stored.organisationId), run.actor.name);
    await run.notify.dutyLead(run.tx, stored, text, run.now);
  }
  return ok(copy.severityChanged(key, incident.severity, stored.severity));
}
