import { incidentKey, type Incident } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { reportingContact } from "./loop-run.js";
import type { Run } from "../app-context.js";

/**
 * The team waits on the customer (`/incident wait`): tell the reporting contact what is
 * needed. Their next message in the chat is the answer, and it starts the clocks again.
 */
export async function askCustomer(run: Run, incident: Incident, what: string): Promise<void> {
  const contact = await reportingContact(run.tx, incident);
  if (!contact) return;
  const text = say.waitingOnYou(incidentKey(incident.number), incident.title, what);
  await run.notify.direct(run.tx, contact, { text }, run.now, { incidentId: incident.id });
}
