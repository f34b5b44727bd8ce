import type { Command } from "../../core/commands/command-types.js";
import type { Reply } from "../../ports/chat.js";
import type { CommandRun } from "./command-run.js";
import { addNote, assign, changeSeverity, escalate } from "./edits.js";
import { executeCustomerCommand } from "../customer/customer-commands.js";
import { transition } from "./lifecycle.js";
import { openIncident } from "./open-incident.js";
import { oncall } from "./oncall.js";
import { help, list, show } from "./queries.js";
import { report } from "./report.js";
import { postmortem, resume, wait } from "./sla-commands.js";
import { silence } from "../alerts/silence-command.js";

/** Run one parsed command inside the caller's transaction. */
export function executeCommand(run: CommandRun, command: Command): Promise<Reply> {
  switch (command.name) {
    case "open":
      return openIncident(run, command);
    case "ack":
    case "mitigate":
    case "resolve":
    case "close":
    case "reopen":
      return transition(run, command);
    case "note":
      return addNote(run, command);
    case "assign":
      return assign(run, command);
    case "escalate":
      return escalate(run, command);
    case "severity":
      return changeSeverity(run, command);
    case "show":
      return show(run, command);
    case "list":
      return list(run, command);
    case "help":
      return help(run, command);
    case "wait":
      return wait(run, command);
    case "resume":
      return resume(run, command);
    case "postmortem":
      return postmortem(run, command);
    case "silence":
      return silence(run, command);
    case "report":
      return report(run, command);
    case "oncall":
      return oncall(run, command);
    case "raise":
    case "mytickets":
    case "contact":
    case "complaint":
    case "start":
      return executeCustomerCommand(run, command);
  }
}
