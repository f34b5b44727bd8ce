// What the reporting contact hears as the team works: acknowledged, mitigated, resolved (with
// the confirmation question), reopened; what closing starts (the survey); and what the team
// waits on them for. Registered with changeIncident in the composition root, so the commands
// never call into the customer loop.
import { incidentKey } from "../../core/incident/types.js";
import { customerCopy } from "../../core/messages/copy-customer.js";
import type { AppliedChange, IncidentReactions, Run } from "../app-context.js";
import { askCustomer } from "./customer-ask.js";
import { reportingContact } from "./loop-run.js";
import { askConfirmation, closeCheck } from "./resolution-confirmation.js";
import { scheduleSurvey } from "./survey-service.js";

/**
 * After every lifecycle move, whoever made it (a command, a card button, the contact's own
 * answer, the confirmation deadline). The contact is not told what they just did themselves.
 */
async function afterTransition(run: Run, { after: incident, change }: AppliedChange): Promise<void> {
  const contact = await reportingContact(run.tx, incident);
  if (!contact) return;
  const key = incidentKey(incident.number);
  const self = run.actor?.id === contact.id;
  const tell = async (text: string) => void (self || (await run.notify.direct(run.tx, contact, { text }, run.now, { incidentId: incident.id })));
  switch (change.action) {
    case "ack":
      return tell(customerCopy.contactAcknowledged(key, incident.title));
    case "mitigate":
      return tell(customerCopy.contactMitigated(key, change.note));
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

/** The customer loop's reactions to incident changes. */
export const customerReactions: IncidentReactions = {
  changed: afterTransition,
  waitingOnCustomer: askCustomer,
};
