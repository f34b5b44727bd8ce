// What the reporting contact hears as the team works: acknowledged, mitigated, resolved (with
// the confirmation question), reopened; and what closing starts (the survey).
import { incidentKey, type Incident } from "../../core/incident/types.js";
import type { TransitionAction } from "../../core/incident/transitions.js";
import { customerCopy } from "../../core/messages/copy-customer.js";
import { askConfirmation, closeCheck } from "./resolution-confirmation.js";
import { reportingContact, type LoopRun } from "./loop-run.js";
import { scheduleSurvey } from "./survey-service.js";

/**
 * Called after every lifecycle transition a person made with a command or a card button.
 * `note` is the mitigation or resolution note, or the reopen reason.
 */
export async function afterTransition(run: LoopRun, incident: Incident, action: TransitionAction, note?: string): Promise<void> {
  const contact = await reportingContact(run.tx, incident);
  if (!contact) return;
  const key = incidentKey(incident.number);
  const tell = async (text: string) => void (await run.notify.direct(run.tx, contact, { text }, run.now, { incidentId: incident.id }));
  switch (action) {
    case "ack":
      return tell(customerCopy.contactAcknowledged(key, incident.title));
    case "mitigate":
      return tell(customerCopy.contactMitigated(key, note));
    case "resolve":
      return askConfirmation(run, incident, contact);
    case "reopen":
      await closeCheck(run, incident, "cancelled");
      return tell(customerCopy.contactReopened(key));
    case "close":
      await closeCheck(run, incident, "cancelled");
      return scheduleSurvey(run, incident);
  }
}
