// The customer loop's input: `/report <text>`, its buttons (decoded by the one button codec) and
// free text from a contact that answers a question Vigil asked (the reason after "No", a survey
// comment, what the team waits for). The inbound boundary routes to these.
import type { Person } from "../../core/incident/types.js";
import { findSpec } from "../../core/commands/command-specs.js";
import type { Command } from "../../core/commands/command-types.js";
import { copy } from "../../core/messages/copy.js";
import { DomainError } from "../../core/errors.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import type { CustomerAction } from "../../core/survey/customer-actions.js";
import type { Reply } from "../../ports/chat.js";
import { chooseImpact } from "./report-problem.js";
import { openForChosenOrganisation } from "../incident/ask-organisation.js";
import { answerCheck, receiveReason } from "./resolution-confirmation.js";
import { answerScore, receiveComment, skipComment } from "./survey-service.js";
import { incidentWaitingOn, receiveAnswer } from "./customer-wait.js";
import type { Run } from "../app-context.js";

/** `/report <text>` as the customer loop's `raise` command, or undefined for any other line. */
export function reportCommand(line: string): Command | undefined {
  const report = /^\/report(?:@\S+)?(?:\s+([\s\S]*))?$/i.exec(line.trim());
  return report ? raiseCommand(report[1] ?? "") : undefined;
}

// `/report <text>` is free text: it is validated as a whole instead of being split into words,
// so a stray quote or apostrophe in the description is not a syntax error.
function raiseCommand(text: string): Command {
  const spec = findSpec("raise")!;
  const parsed = spec.schema.safeParse({ name: "raise", text });
  if (!parsed.success) throw new DomainError("COMMAND.INVALID", copy.badInput(parsed.error.issues[0]?.message ?? "", spec.usage));
  return parsed.data;
}

/** Run a customer-loop button inside the caller's transaction. */
export function executeCustomerButton(run: Run<Person>, action: CustomerAction): Promise<Reply> {
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
export async function answerFreeText(run: Run<Person>, trimmed: string): Promise<Reply> {
  const check = await run.tx.followUps.findCheckAwaitingReason(run.actor.id);
  const survey = await run.tx.followUps.findSurveyAwaitingComment(run.actor.id);
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
