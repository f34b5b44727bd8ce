import type { Person } from "../../core/incident/types.js";
import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { incidentKey, SEVERITIES, type Incident } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { Reply } from "../../ports/chat.js";
import { ok } from "./load-incident.js";
import { organisationName } from "../../core/policy.js";
import { MAX_ORGANISATION_BUTTONS, orgForPlace } from "../../core/incident/organisation-for-place.js";
import type { Run } from "../app-context.js";
import { recordAndRearm } from "./change-incident.js";
import { z } from "zod";
import { encodeCustomerAction } from "../../core/survey/customer-actions.js";

type Open = Extract<Command, { name: "open" }>;

/**
 * `/incident open`: create the incident, post its card, alert the duty lead for P1/P2.
 * `afterCreate` lets another use case (a contact's `/report`) tie its records to the incident.
 */
export async function openIncident(run: Run<Person>, command: Open, afterCreate?: (incident: Incident) => Promise<void>): Promise<Reply> {
  const organisationId = chooseOrganisation(run, command.org);
  // Nothing says which customer this is for: ask, with a button per organisation.
  if (organisationId === undefined) return askOrganisation(run, command);
  const incident = await run.tx.incidents.create({
    title: command.title,
    description: command.desc ?? "",
    severity: command.severity,
    status: "open",
    organisationId,
    reporterId: run.actor.id,
    tier: 0,
    openedAt: run.now,
    updatedAt: run.now,
  });
  await recordAndRearm(run, incident, TIMELINE.opened, { severity: incident.severity, title: incident.title, organisationId });
  await afterCreate?.(incident);
  const card = await run.notify.card(run.tx, incident, run.now);
  const key = incidentKey(incident.number);
  await run.notify.thread(run.tx, incident, copy.threadOpened(run.actor.name, key), run.now);
  const orgName = organisationName(run.ctx.policy, incident.organisationId);
  if (incident.severity === "P1" || incident.severity === "P2") {
    await run.notify.dutyLead(run.tx, incident, copy.dutyNewIncident(key, incident.severity, incident.title, orgName, run.actor.name), run.now);
  }
  const summary = copy.opened(key, incident.severity, incident.title, orgName);
  return ok({ title: summary, text: summary, fields: card.fields });
}

/** `--org`, else the contact's own, else the channel's (or card thread's), else the only one. */
function chooseOrganisation(run: Run<Person>, asked: string | undefined): string | undefined {
  const orgs = run.ctx.policy.organisations;
  const known = orgs.map((o) => o.id).join(", ");
  if (run.actor.role === "contact") {
    if (asked && asked !== run.actor.organisationId) throw new DomainError("INCIDENT.OTHER_ORG", copy.contactOtherOrg);
    return run.actor.organisationId!;
  }
  if (asked) {
    if (!orgs.some((o) => o.id === asked)) throw new DomainError("INCIDENT.UNKNOWN_ORG", copy.unknownOrganisation(asked, known));
    return asked;
  }
  const here = run.at && orgForPlace(run.ctx.policy, run.at);
  if (here) return here;
  if (orgs.length === 1) return orgs[0].id;
  if (orgs.length > MAX_ORGANISATION_BUTTONS) throw new DomainError("INCIDENT.ORG_REQUIRED", copy.organisationRequired(known));
  return undefined;
}

/** The open command as it waits for its organisation. */
export const waitingOpen = z.object({
  severity: z.enum(SEVERITIES),
  title: z.string(),
  desc: z.string().optional(),
  offered: z.array(z.string()),
});

/** Keep the command and ask which organisation it is for. */
async function askOrganisation(run: Run<Person>, command: Open): Promise<Reply> {
  const orgs = run.ctx.policy.organisations;
  const waiting: z.infer<typeof waitingOpen> = { severity: command.severity, title: command.title, desc: command.desc, offered: orgs.map((o) => o.id) };
  const draft = await run.tx.customers.createDraft({ personId: run.actor.id, organisationId: "", text: JSON.stringify(waiting), createdAt: run.now });
  const actions = orgs.map((o, choice) => ({ id: encodeCustomerAction({ kind: "organisation", draftId: draft.id, choice }), label: o.name }));
  return ok({ text: copy.whichOrganisation(command.severity, command.title), actions });
}
