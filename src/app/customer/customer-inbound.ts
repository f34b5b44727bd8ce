// Routing of the customer loop's input: its commands, its buttons (compact action ids) and
// free text that answers a question Vigil asked (the reason after "No", a survey comment).
import { findSpec } from "../../core/commands/command-specs.js";
import type { Command } from "../../core/commands/command-types.js";
import { parseCommand } from "../../core/commands/parse-command.js";
import { copy } from "../../core/messages/copy.js";
import { DomainError } from "../../core/errors.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { decodeCustomerAction, type CustomerAction } from "../../core/survey/customer-actions.js";
import type { InboundEvent, Reply } from "../../ports/chat.js";
import type { CommandRun } from "../commands/command-run.js";
import { executeCommand } from "../commands/execute-command.js";
import { chooseImpact } from "./report-problem.js";
import { openForChosenOrganisation } from "../commands/ask-organisation.js";
import { answerCheck, receiveReason } from "./resolution-confirmation.js";
import { answerScore, receiveComment, skipComment } from "./survey-service.js";
import { incidentWaitingOn, receiveAnswer } from "./customer-wait.js";

/** Customer-loop input the command grammar does not read on its own. */
export type CustomerWork =
  | { kind: "action"; action: CustomerAction }
  | { kind: "text"; text: string }
  | { kind: "command"; command: Command };

/** The customer-loop work an event carries, or undefined when it is an ordinary command or card button. */
export function customerWork(event: InboundEvent): CustomerWork | undefined {
  if (event.kind === "reply") return { kind: "text", text: event.text };
  if (event.kind === "command") {
    const report = /^\/report(?:@\S+)?(?:\s+([\s\S]*))?$/i.exec(event.text.trim());
    return report ? { kind: "command", command: reportCommand(report[1] ?? "") } : undefined;
  }
  const action = decodeCustomerAction(event.actionId);
  return action ? { kind: "action", action } : undefined;
}

// `/report <text>` is free text: it is validated as a whole instead of being split into words,
// so a stray quote or apostrophe in the description is not a syntax error.
function reportCommand(text: string): Command {
  const spec = findSpec("raise")!;
  const parsed = spec.schema.safeParse({ name: "raise", text });
  if (!parsed.success) throw new DomainError("COMMAND.INVALID", copy.badInput(parsed.error.issues[0]?.message ?? "", spec.usage));
  return parsed.data;
}

/** Run a customer-loop button or free text inside the caller's transaction. */
export function executeCustomerWork(run: CommandRun, work: CustomerWork): Promise<Reply> {
  if (work.kind === "text") return freeText(run, work.text);
  if (work.kind === "command") return executeCommand(run, work.command);
  const action = work.action;
  switch (action.kind) {
    case "severity":
      return chooseImpact(run, action.draftId, action.severity);
    case "confirm":
      return answerCheck(run, action.checkId, action.fixed);
    case "score":
      return answerScore(run, action.surveyId, action.score);
    case "skipComment":
      return skipComment(run, action.surveyId);
    case "organisation":
      return openForChosenOrganisation(run, action.draftId, action.choice);
  }
}

/**
 * Free text answers the newest open question: why a fix did not work (asked when "No" was
 * pressed), a survey comment (asked when a score was given), or what the team is waiting for
 * (asked by /incident wait).
 */
async function freeText(run: CommandRun, text: string): Promise<Reply> {
  const trimmed = text.trim();
  if (run.actor.role !== "contact" || !trimmed) return executeCommand(run, parseCommand(trimmed));
  const check = await run.tx.surveys.findCheckAwaitingReason(run.actor.id);
  const survey = await run.tx.surveys.findSurveyAwaitingComment(run.actor.id);
  const waiting = await incidentWaitingOn(run);
  const candidates = [
    check && { at: check.answeredAt?.getTime() ?? 0, answer: () => receiveReason(run, check, trimmed) },
    survey && { at: survey.answeredAt?.getTime() ?? 0, answer: () => receiveComment(run, survey, trimmed) },
    waiting && { at: waiting.since.getTime(), answer: () => receiveAnswer(run, waiting.incident, trimmed) },
  ].filter((c) => c !== undefined);
  const newest = candidates.sort((a, b) => b.at - a.at)[0];
  if (!newest) throw new DomainError("REPLY.UNEXPECTED", say.unexpectedText);
  return newest.answer();
}
