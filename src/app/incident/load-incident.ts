// Reading an incident as the actor may see it, and the plain successful reply: shared by the
// commands and the customer loop.
import { DomainError } from "../../core/errors.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { OutboundMessage, Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";

/**
 * The incident with this number as the actor may see it. A contact asking about another
 * organisation's incident gets exactly the "not found" an unknown number gets.
 */
export async function loadIncident(run: Run<Person>, number: number): Promise<Incident> {
  const incident = await run.tx.incidents.findByNumber(number);
  const hidden = incident && run.actor.role === "contact" && incident.organisationId !== run.actor.organisationId;
  if (!incident || hidden) throw new DomainError("INCIDENT.NOT_FOUND", copy.incidentNotFound(incidentKey(number)));
  return incident;
}

/** A successful reply. */
export function ok(message: OutboundMessage | string): Reply {
  return { outcome: "ok", message: typeof message === "string" ? { text: message } : message };
}
