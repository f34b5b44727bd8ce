// Every incident change an alert makes goes through this file, and from here only through the
// incident use cases (open, assign, lifecycle moves), which apply it through changeIncident: the
// transition table, the SLA engine and the registered reactions see alert changes like any other.
import type { AlertSignal, AlertTarget } from "../../core/alerts/alert-types.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { alertCopy, senderName } from "../../core/messages/copy-alerts.js";
import type { Platform } from "../../ports/chat.js";
import type { StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import type { Run } from "../app-context.js";
import { assign } from "../commands/edits.js";
import { moveIncident } from "../commands/lifecycle.js";
import { openIncident } from "../incident/open-incident.js";
import { changeIncident } from "../incident/change-incident.js";
import type { Notifier } from "../incident/notifier.js";

/**
 * The monitoring system as an actor. It holds admin rights so the use cases let it act;
 * what it may do is limited by this file, not by its role.
 */
export function alertActor(sender: string): Person {
  return { id: sender.toLowerCase(), name: senderName(sender), role: "admin", identities: [] };
}

/** A run of the incident use cases on behalf of `sender`, inside `tx`. */
export function alertRun(ctx: AppContext, tx: StoreTx, notify: Notifier, sender: string, now: Date): Run<Person> {
  // Timeline rows written by an alert say "system", not a chat platform.
  return { ctx, tx, actor: alertActor(sender), platform: "system" as Platform, now, notify };
}

/**
 * Open the incident of a new alert where its route sends it; returns it as stored.
 * `linked` ties the alert to it before the first card is rendered, so the card shows the alert.
 */
export async function openFromAlert(run: Run<Person>, signal: AlertSignal, target: AlertTarget, linked: (incident: Incident) => Promise<void>): Promise<Incident> {
  let created: Incident | undefined;
  const desc = alertCopy.description(signal.sender, signal.details);
  const afterCreate = async (incident: Incident) => {
    created = incident;
    await linked(incident);
  };
  await openIncident(run, { name: "open", severity: target.severity, title: signal.summary, org: target.organisationId, desc }, afterCreate);
  if (target.assigneeId) await assign(run, { name: "assign", number: created!.number, assignee: target.assigneeId });
  const opened = (await run.tx.incidents.findById(created!.id))!;
  return target.tier ? startAtTier(run, opened, target.route, target.tier) : opened;
}

/** The route starts the incident at a higher escalation tier: an escalation like any other, told to the duty lead. */
async function startAtTier(run: Run<Person>, incident: Incident, route: string, tier: number): Promise<Incident> {
  const key = incidentKey(incident.number);
  const tierName = copy.tierLabel(tier, run.ctx.policy.tierNames);
  const reason = alertCopy.routeTier(route);
  const stored = await changeIncident(run, incident, { action: "escalate", by: run.actor.id, tier: tier, severity: incident.severity }, {
    details: { fromTier: incident.tier, toTier: tier, fromSeverity: incident.severity, toSeverity: incident.severity, reason, route },
    thread: copy.threadEscalated(run.actor.name, key, tierName, reason),
  });
  await run.notify.dutyLead(run.tx, stored, copy.dutyEscalation(key, stored.severity, stored.title, tierName, run.actor.name, reason), run.now);
  return stored;
}

/** Mitigate (when the alert resolved and the route says so) or reopen (it fired after a person resolved it). */
export async function moveFromAlert(run: Run<Person>, incident: Incident, action: "mitigate" | "reopen", sender: string): Promise<void> {
  if (action === "mitigate") await moveIncident(run, { name: "mitigate", number: incident.number, note: alertCopy.mitigateNote(sender) });
  else await moveIncident(run, { name: "reopen", number: incident.number, reason: alertCopy.reopenNote(sender) });
}
