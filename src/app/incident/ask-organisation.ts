// The answer to "which organisation?" (asked by openIncident when nothing says): the parsed
// open waited in a draft (organisationId ""); the button carries the draft id and the position.
import { DomainError } from "../../core/errors.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";
import { ok } from "./load-incident.js";
import { openIncident, waitingOpen } from "./open-incident.js";

/** A pressed organisation button: open the incident once, however often it is pressed. */
export async function openForChosenOrganisation(run: Run<Person>, draftId: number, choice: number): Promise<Reply> {
  const draft = await run.tx.customers.findDraft(draftId);
  const parsed = draft && draft.organisationId === "" ? waitingOpen.safeParse(JSON.parse(draft.text)) : undefined;
  // Someone else's choice gets the answer an unknown one gets: the refusal confirms no id.
  if (!draft || !parsed?.success || draft.personId !== run.actor.id) throw new DomainError("OPEN.UNKNOWN_CHOICE", copy.organisationChoiceUnknown);
  if (draft.incidentId !== undefined) {
    const existing = await run.tx.incidents.findById(draft.incidentId);
    return ok(copy.organisationChoiceDone(incidentKey(existing?.number ?? 0)));
  }
  const { severity, title, desc, offered } = parsed.data;
  const org = offered[choice];
  if (org === undefined) throw new DomainError("OPEN.UNKNOWN_CHOICE", copy.organisationChoiceUnknown);
  return openIncident(run, { name: "open", severity, title, desc, org }, async (incident: Incident) => {
    await run.tx.customers.markDraftReported(draft.id, incident.id, severity);
  });
}
