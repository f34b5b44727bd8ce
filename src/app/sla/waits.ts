// Ending a wait on the customer: the restore and resolve clocks run again. Shared by
// `/incident resume` and the customer's answer.
import type { Person } from "../../core/incident/types.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { slaCopy } from "../../core/messages/copy-sla.js";
import { formatDuration } from "../../core/sla/duration.js";
import type { Run } from "../app-context.js";
import { recordAndRearm } from "../incident/change-incident.js";
import { factsOf } from "./sla-engine.js";

/**
 * End a wait: the restore and resolve clocks run again. Shared by `/incident resume` and the
 * customer's answer. Returns false when the incident was not waiting.
 */
export async function endWait(run: Run<Person>, incident: Incident, via: "command" | "customer"): Promise<boolean> {
  const facts = await factsOf(run.tx, incident);
  const open = facts.pauses.at(-1);
  if (!open || open.to) return false;
  await run.tx.sla.saveFacts({ ...facts, pauses: [...facts.pauses.slice(0, -1), { ...open, to: run.now }] });
  const waited = formatDuration(run.now.getTime() - open.from.getTime());
  await recordAndRearm(run, incident, TIMELINE.resumed, { via, waitedMs: run.now.getTime() - open.from.getTime() });
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
export function customerAnswered(run: Run<Person>, incident: Incident): Promise<boolean> {
  return endWait(run, incident, "customer");
}

