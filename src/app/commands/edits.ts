import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { allowed, type EditAction } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { organisationName } from "../../core/policy.js";
import type { Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";
import { changeIncident } from "../incident/change-incident.js";
import { loadIncident, ok } from "../incident/load-incident.js";

type Of<N extends Command["name"]> = Extract<Command, { name: N }>;

// Checked before the command's own checks so a closed incident says so first; changeIncident
// checks the same table again when the edit is applied.
async function editable(run: Run<Person>, number: number, action: EditAction): Promise<Incident> {
  const incident = await loadIncident(run, number);
  if (!allowed(action, incident.status)) throw new DomainError("INCIDENT.NOT_EDITABLE", copy.notEditable(incidentKey(incident.number), action, incident.status));
  return incident;
}

/** `/incident note`: timeline + thread, no state change. */
export async function addNote(run: Run<Person>, command: Of<"note">): Promise<Reply> {
  const incident = await editable(run, command.number, "note");
  const thread = copy.threadNote(run.actor.name, command.text);
  await changeIncident(run, incident, { action: "note", by: run.actor.id, text: command.text }, { details: { text: command.text }, thread });
  return ok(copy.noted(incidentKey(incident.number)));
}

/** `/incident assign`: to "me", a person id, or a platform mention. */
export async function assign(run: Run<Person>, command: Of<"assign">): Promise<Reply> {
  const incident = await editable(run, command.number, "assign");
  const assignee = await findAssignee(run, command.assignee);
  const key = incidentKey(incident.number);
  if (incident.assigneeId === assignee.id) throw new DomainError("INCIDENT.ALREADY_ASSIGNED", copy.alreadyAssigned(key, assignee.name));
  await changeIncident(run, incident, { action: "assign", by: run.actor.id, assigneeId: assignee.id }, {
    details: { from: incident.assigneeId ?? null, to: assignee.id },
    thread: copy.threadAssigned(run.actor.name, key, assignee.name),
  });
  return ok(copy.assigned(key, assignee.name));
}

async function findAssignee(run: Run<Person>, who: string): Promise<Person> {
  const person =
    who.toLowerCase() === "me"
      ? run.actor
      : ((await run.tx.directory.findPerson(who.toLowerCase())) ?? (await run.tx.directory.findByIdentity(run.platform, who)));
  if (!person || person.role === "contact") throw new DomainError("INCIDENT.BAD_ASSIGNEE", copy.badAssignee(who));
  return person;
}

/** `/incident escalate`: next tier, optionally a higher severity; alerts the duty lead. */
export async function escalate(run: Run<Person>, command: Of<"escalate">): Promise<Reply> {
  const incident = await editable(run, command.number, "escalate");
  const key = incidentKey(incident.number);
  const tiers = run.ctx.policy.tierNames;
  const top = tiers.length - 1;
  if (command.to && command.to >= incident.severity) throw new DomainError("INCIDENT.NOT_HIGHER", copy.escalateNotHigher(key, incident.severity, command.to));
  if (incident.tier >= top && !command.to) throw new DomainError("INCIDENT.TOP_TIER", copy.topTier(key, copy.tierLabel(top, tiers)));
  const tier = Math.min(incident.tier + 1, top);
  const severity = command.to ?? incident.severity;
  const tierName = copy.tierLabel(tier, tiers);
  const stored = await changeIncident(run, incident, { action: "escalate", by: run.actor.id, tier, severity }, {
    details: { fromTier: incident.tier, toTier: tier, fromSeverity: incident.severity, toSeverity: severity, reason: command.reason },
    thread: copy.threadEscalated(run.actor.name, key, tierName, command.reason),
  });
  await run.notify.dutyLead(run.tx, stored, copy.dutyEscalation(key, stored.severity, stored.title, tierName, run.actor.name, command.reason), run.now);
  return ok(copy.escalated(key, tierName, stored.severity));
}

/** `/incident severity` (leads): either way, with a reason. */
export async function changeSeverity(run: Run<Person>, command: Of<"severity">): Promise<Reply> {
  const incident = await editable(run, command.number, "severity");
  const key = incidentKey(incident.number);
  if (incident.severity === command.severity) throw new DomainError("INCIDENT.SAME_SEVERITY", copy.sameSeverity(key, command.severity));
  const stored = await changeIncident(run, incident, { action: "severity", by: run.actor.id, severity: command.severity }, {
    details: { from: incident.severity, to: command.severity, reason: command.reason },
    thread: copy.threadSeverity(run.actor.name, key, incident.severity, command.severity, command.reason),
  });
  const becameUrgent = (stored.severity === "P1" || stored.severity === "P2") && incident.severity > stored.severity;
  if (becameUrgent) {
    const text = copy.dutyNewIncident(key, stored.severity, stored.title, organisationName(run.ctx.policy, stored.organisationId), run.actor.name);
    await run.notify.dutyLead(run.tx, stored, text, run.now);
  }
  return ok(copy.severityChanged(key, incident.severity, stored.severity));
}
