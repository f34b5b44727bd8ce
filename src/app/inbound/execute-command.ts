// The command table: every command's handler, beside the spec (core/commands/command-specs.ts)
// that carries its grammar, help and right. The boundary checks the right from the spec before
// any handler runs, so no handler checks it again.
import { findSpec, rightOf } from "../../core/commands/command-specs.js";
import type { Command, CommandName } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { lowestRoleWith, may, RIGHTS, type Right } from "../../core/incident/permissions.js";
import type { Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";
import { addNote, assign, changeSeverity, escalate } from "../commands/edits.js";
import { moveIncident } from "../commands/lifecycle.js";
import { oncall } from "../commands/oncall.js";
import { openIncident } from "../incident/open-incident.js";
import { help, list, show } from "../commands/queries.js";
import { report } from "../commands/sla-report-command.js";
import { postmortem, resume, wait } from "../commands/sla-commands.js";
import { silence } from "../alerts/silence-command.js";
import { reviewComplaint } from "../customer/complaints.js";
import { inviteContact, start } from "../customer/link-contact.js";
import { myTickets, raise } from "../customer/report-problem.js";

type Handler<N extends CommandName> = (run: Run<Person>, command: Extract<Command, { name: N }>) => Promise<Reply>;

/** The handler of every command, by name (the type makes it total). */
export const COMMAND_HANDLERS: { readonly [N in CommandName]: Handler<N> } = {
  open: (run, command) => openIncident(run, command),
  ack: moveIncident,
  mitigate: moveIncident,
  resolve: moveIncident,
  close: moveIncident,
  reopen: moveIncident,
  note: addNote,
  assign,
  escalate,
  severity: changeSeverity,
  show,
  list,
  help,
  wait,
  resume,
  postmortem,
  silence,
  report,
  oncall,
  raise,
  mytickets: (run) => myTickets(run),
  contact: inviteContact,
  complaint: reviewComplaint,
  start,
};

/** Run one parsed command inside the caller's transaction: the spec's right first, then its handler. */
export function executeCommand(run: Run<Person>, command: Command): Promise<Reply> {
  const spec = findSpec(command.name)!;
  if (spec.contactsOnly && run.actor.role !== "contact") throw new DomainError(spec.contactsOnly.code, spec.contactsOnly.text);
  requireRight(run, rightOf(spec, command));
  return (COMMAND_HANDLERS[command.name] as Handler<CommandName>)(run, command as never);
}

/** Refuse unless the actor's role holds `right`; the refusal says who could and what they may do. */
export function requireRight(run: Run<Person>, right: Right): void {
  if (may(run.actor.role, right)) return;
  const needed = lowestRoleWith(right);
  const allowedFor = needed === "lead" ? "a lead or admin" : needed === "admin" ? "an admin" : `an ${needed}`;
  throw new DomainError("AUTH.FORBIDDEN", copy.notAllowed(run.actor.role, right, allowedFor, RIGHTS[run.actor.role].join(", ")));
}
