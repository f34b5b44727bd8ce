// What an inbound event asks for, decoded once at the boundary: a command (typed, parsed or from
// a card button, never turned back into text), a customer-loop button, or free text.
import { decodeButton, type ButtonAction } from "../../core/commands/action-id.js";
import type { Command } from "../../core/commands/command-types.js";
import { parseCommand } from "../../core/commands/parse-command.js";
import { DomainError } from "../../core/errors.js";
import type { Person } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import type { CustomerAction } from "../../core/survey/customer-actions.js";
import type { InboundEvent, Reply } from "../../ports/chat.js";
import type { Run } from "../app-context.js";
import { answerFreeText, executeCustomerButton, reportCommand } from "../customer/customer-inbound.js";
import { executeCommand } from "./execute-command.js";

/** The work an event carries. */
export type InboundWork = { kind: "command"; command: Command } | { kind: "button"; action: CustomerAction } | { kind: "text"; text: string };

/** Decode an event before its transaction: a line that does not parse is refused without one. */
export function decodeWork(event: InboundEvent): InboundWork {
  if (event.kind === "reply") return { kind: "text", text: event.text };
  if (event.kind === "command") return { kind: "command", command: reportCommand(event.text) ?? parseCommand(event.text) };
  const action = decodeButton(event.actionId);
  if (!action) throw new DomainError("ACTION.UNKNOWN", copy.unknownCommand(event.actionId));
  return action.kind === "incident" ? { kind: "command", command: cardCommand(action) } : { kind: "button", action };
}

/** A card button is the command it stands for; the ones that need a reason get the button's. */
function cardCommand(action: Extract<ButtonAction, { kind: "incident" }>): Command {
  const { command, number } = action;
  if (command === "resolve") return { name: "resolve", number, note: copy.buttonReason };
  if (command === "escalate") return { name: "escalate", number, reason: copy.buttonReason };
  return { name: command, number };
}

/** Run decoded work inside the caller's transaction. Free text from staff (or empty) is read as a command. */
export function executeWork(run: Run<Person>, work: InboundWork): Promise<Reply> {
  if (work.kind === "command") return executeCommand(run, work.command);
  if (work.kind === "button") return executeCustomerButton(run, work.action);
  const trimmed = work.text.trim();
  if (run.actor.role !== "contact" || !trimmed) return executeCommand(run, parseCommand(trimmed));
  return answerFreeText(run, trimmed);
}
