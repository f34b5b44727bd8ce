// `/report <text>` from a contact: ask the impact with buttons (P1–P4 in plain words), then
// open the incident for the contact's organisation and reply with its key.
import type { Person } from "../../core/incident/types.js";
import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, SEVERITIES, type Incident, type Severity } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { encodeCustomerAction } from "../../core/survey/customer-actions.js";
import type { Reply } from "../../ports/chat.js";
import { ok } from "../incident/load-incident.js";
import { openIncident } from "../incident/open-incident.js";
import { organisationName } from "../../core/policy.js";
import type { Run } from "../app-context.js";

const TITLE_MAX = 80;

/** `/report <text>`: keep the text and ask for the impact. */
export async function raise(run: Run<Person>, command: Extract<Command, { name: "raise" }>): Promise<Reply> {
  if (run.actor.role !== "contact" || !run.actor.organisationId) throw new DomainError("REPORT.STAFF", say.reportStaff);
  const draft = await run.tx.customers.createDraft({ personId: run.actor.id, organisationId: run.actor.organisationId, text: command.text, createdAt: run.now });
  const actions = SEVERITIES.map((severity) => ({
    id: encodeCustomerAction({ kind: "severity", draftId: draft.id, severity }),
    label: say.impactButton(severity),
    ...(severity === "P1" ? { style: "danger" as const } : {}),
  }));
  return ok({ text: say.reportAskImpact(command.text), actions });
}

/** An impact button: open the incident once, however often it is pressed. */
export async function chooseImpact(run: Run<Person>, draftId: number, severity: Severity): Promise<Reply> {
  const draft = await run.tx.customers.findDraft(draftId);
  // Someone else's draft gets exactly the answer a draft that never existed gets: the
  // refusal must not confirm that an id is in use. A draft without an organisation waits for
  // staff's organisation choice, not for an impact.
  if (!draft || draft.personId !== run.actor.id || draft.organisationId === "") throw new DomainError("REPORT.UNKNOWN", say.draftUnknown);
  if (draft.incidentId !== undefined) {
    const existing = await run.tx.incidents.findById(draft.incidentId);
    return ok(say.reportAlreadyOpened(incidentKey(existing?.number ?? 0)));
  }
  let opened: Incident | undefined;
  await openIncident(run, { name: "open", severity, title: titleOf(draft.text), desc: draft.text }, async (incident) => {
    opened = incident;
    await run.tx.customers.markDraftReported(draft.id, incident.id, severity);
  });
  return ok(say.reportOpened(incidentKey(opened!.number), severity));
}

/** `/mytickets`: the organisation's incidents that are not closed, with their status. */
export async function myTickets(run: Run<Person>): Promise<Reply> {
  const orgId = run.actor.organisationId ?? "";
  const incidents = await run.tx.incidents.list({ statuses: [...ACTIVE_STATUSES, "resolved"], organisationId: orgId, limit: 25 });
  const org = organisationName(run.ctx.policy, orgId);
  if (incidents.length === 0) return ok(say.myTicketsEmpty(org));
  const lines = incidents.map((i) => say.myTicketsLine(incidentKey(i.number), i.severity, i.status, i.title));
  return ok({ title: say.myTicketsTitle(org, incidents.length), text: lines.join("\n") });
}

// The first line of the report, cut at a word boundary: the rest stays in the description.
function titleOf(text: string): string {
  const line = text.split("\n")[0].trim();
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 40 ? cut.lastIndexOf(" ") : cut.length)}…`;
}
