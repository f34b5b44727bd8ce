// An open that names no organisation, typed where no channel says which: Vigil asks with a
// button per organisation. The parsed command waits in a report draft (organisationId "")
// until one is pressed; the button carries only the draft id and the offered position.
import { z } from "zod";
import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { incidentKey, SEVERITIES, type Incident } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { encodeCustomerAction } from "../../core/survey/customer-actions.js";
import type { Reply } from "../../ports/chat.js";
import { ok, type CommandRun } from "./command-run.js";
import { openIncident } from "./open-incident.js";

type Open = Extract<Command, { name: "open" }>;

/** The open command as it waits for its organisation. */
const waitingOpen = z.object({
  severity: z.enum(SEVERITIES),
  title: z.string(),
  desc: z.string().optional(),
  offered: z.array(z.string()),
});

/** Keep the command and ask which organisation it is for. */
export async function askOrganisation(run: CommandRun, command: Open): Promise<Reply> {
  const orgs = run.ctx.policy.organisations;
  const waiting: z.infer<typeof waitingOpen> = { severity: command.severity, title: command.title, desc: command.desc, offered: orgs.map((o) => o.id) };
  const draft = await run.tx.customers.createDraft({ personId: run.actor.id, organisationId: "", text: JSON.stringify(waiting), createdAt: run.now });
  const actions = orgs.map((o, choice) => ({ id: encodeCustomerAction({ kind: "organisation", draftId: draft.id, choice }), label: o.name }));
  return ok({ text: copy.whichOrganisation(command.severity, command.title), actions });
}

/** A pressed organisation button: open the incident once, however often it is pressed. */
export async function openForChosenOrganisation(run: CommandRun, draftId: number, choice: number): Promise<Reply> {
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
