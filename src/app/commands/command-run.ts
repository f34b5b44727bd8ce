import { DomainError } from "../../core/errors.js";
import { lowestRoleWith, may, RIGHTS, type Right } from "../../core/incident/permissions.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { Address, OutboundMessage, Platform, Reply } from "../../ports/chat.js";
import type { StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import type { Notifier } from "../notifier.js";
import { slaAfterChange } from "../sla/sla-engine.js";

/** One command being executed inside one transaction. */
export interface CommandRun {
  ctx: AppContext;
  tx: StoreTx;
  actor: Person;
  platform: Platform;
  now: Date;
  notify: Notifier;
  /** Where the command was typed (a channel decides an incident's organisation); absent outside chat. */
  at?: Address;
}

/** Refuse unless the actor's role holds `right`; the refusal says who could and what they may do. */
export function requireRight(run: CommandRun, right: Right): void {
  if (may(run.actor.role, right)) return;
  const needed = lowestRoleWith(right);
  const allowedFor = needed === "lead" ? "a lead or admin" : needed === "admin" ? "an admin" : `an ${needed}`;
  throw new DomainError("AUTH.FORBIDDEN", copy.notAllowed(run.actor.role, right, allowedFor, RIGHTS[run.actor.role].join(", ")));
}

/**
 * The incident with this number as the actor may see it. A contact asking about another
 * organisation's incident gets exactly the "not found" an unknown number gets.
 */
export async function loadIncident(run: CommandRun, number: number): Promise<Incident> {
  const incident = await run.tx.incidents.findByNumber(number);
  const hidden = incident && run.actor.role === "contact" && incident.organisationId !== run.actor.organisationId;
  if (!incident || hidden) throw new DomainError("INCIDENT.NOT_FOUND", copy.incidentNotFound(incidentKey(number)));
  return incident;
}

/**
 * Append a timeline entry for the actor. Every recorded change may move an SLA clock (a
 * public update, a new status or severity), so the SLA engine re-arms the incident's timer
 * here, in the same transaction.
 */
export async function record(run: CommandRun, incident: Incident, kind: string, details: Record<string, unknown> = {}): Promise<void> {
  await run.tx.timeline.append({ incidentId: incident.id, at: run.now, kind, actorId: run.actor.id, platform: run.platform, details });
  await slaAfterChange(run, incident, kind);
}

/** Store a changed incident (version-checked) and refresh its cards. */
export async function save(run: CommandRun, next: Incident): Promise<Incident> {
  const stored = await run.tx.incidents.update({ ...next, updatedAt: run.now });
  await run.notify.card(run.tx, stored, run.now);
  return stored;
}

/** A successful reply. */
export function ok(message: OutboundMessage | string): Reply {
  return { outcome: "ok", message: typeof message === "string" ? { text: message } : message };
}
