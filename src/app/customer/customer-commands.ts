import type { Person } from "../../core/incident/types.js";
import type { Command } from "../../core/commands/command-types.js";
import type { Reply } from "../../ports/chat.js";
import { reviewComplaint } from "./complaints.js";
import { inviteContact, start } from "./link-contact.js";
import { myTickets, raise } from "./report-problem.js";
import type { Run } from "../app-context.js";

/** The customer loop's commands. */
export type CustomerCommand = Extract<Command, { name: "raise" | "mytickets" | "contact" | "complaint" | "start" }>;

/** Run one of the customer loop's commands inside the caller's transaction. */
export function executeCustomerCommand(run: Run<Person>, command: CustomerCommand): Promise<Reply> {
  switch (command.name) {
    case "raise":
      return raise(run, command);
    case "mytickets":
      return myTickets(run);
    case "contact":
      return inviteContact(run, command);
    case "complaint":
      return reviewComplaint(run, command);
    case "start":
      return start(run, command);
  }
}

