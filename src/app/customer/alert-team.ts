import { incidentKey, type Incident } from "../../core/incident/types.js";
import type { Run } from "../app-context.js";

/**
 * Tell the people working on an incident that the customer needs them: the assignee in a
 * direct message, or the duty lead's channel when nobody is assigned (or the assignee has no
 * account on a running platform), so the alert always reaches someone.
 */
export async function alertTeam(run: Run, incident: Incident, text: string): Promise<void> {
  const assignee = incident.assigneeId ? await run.tx.directory.findPerson(incident.assigneeId) : undefined;
  const message = { text, title: incidentKey(incident.number) };
  const sent = assignee ? await run.notify.direct(run.tx, assignee, message, run.now, { incidentId: incident.id }) : 0;
  if (sent === 0) await run.notify.dutyLead(run.tx, incident, text, run.now);
}
