// "INC-42 was resolved: <note>. Is it fixed?" — asked of the reporting contact on resolve.
// Yes closes, No reopens and alerts the assignee, silence until the end of the next working
// day closes it as "deemed confirmed".
import { DomainError } from "../../core/errors.js";
import { allowed } from "../../core/incident/transitions.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { endOfNextWorkingDay } from "../../core/survey/confirmation-deadline.js";
import { encodeCustomerAction } from "../../core/survey/customer-actions.js";
import { CUSTOMER_TIMELINE, messageKeys } from "../../core/survey/customer-timeline.js";
import type { CheckStatus, ResolutionCheck } from "../../core/survey/types.js";
import type { OutboundMessage, Reply } from "../../ports/chat.js";
import { alertTeam } from "./alert-team.js";
import { armCustomerTimer, timerKeys } from "../deadlines/customer-timers.js";
import { organisationCalendar } from "./loop-run.js";
import type { Run } from "../app-context.js";
import { appendEntry, changeIncident } from "../incident/change-incident.js";

const ok = (message: OutboundMessage): Reply => ({ outcome: "ok", message });

/** Ask the contact whether the resolved incident is fixed, and arm the deadline. */
export async function askConfirmation(run: Run, incident: Incident, contact: Person): Promise<void> {
  await closeCheck(run, incident, "cancelled");
  // A reason never typed after an earlier "No" is moot once the team resolves it again.
  const unanswered = await run.tx.followUps.findCheckAwaitingReason(contact.id);
  if (unanswered?.incidentId === incident.id) await run.tx.followUps.updateCheck({ ...unanswered, awaitingReason: false });
  const calendar = organisationCalendar(run.ctx, incident.organisationId);
  const deadline = endOfNextWorkingDay(calendar, run.now, run.ctx.policy.timezone);
  const check = await run.tx.followUps.createCheck({ incidentId: incident.id, contactId: contact.id, askedAt: run.now, deadline, status: "pending", awaitingReason: false });
  const key = incidentKey(incident.number);
  const message: OutboundMessage = {
    text: say.confirmQuestion(key, incident.resolution ?? ""),
    actions: [
      { id: encodeCustomerAction({ kind: "confirm", checkId: check.id, fixed: true }), label: say.confirmYes, style: "primary" },
      { id: encodeCustomerAction({ kind: "confirm", checkId: check.id, fixed: false }), label: say.confirmNo, style: "danger" },
    ],
  };
  await run.notify.direct(run.tx, contact, message, run.now, { incidentId: incident.id, messageKey: messageKeys.check(check.id) });
  await appendEntry({ ...run, actor: undefined, platform: undefined }, incident, CUSTOMER_TIMELINE.confirmationAsked, {
    checkId: check.id,
    contactId: contact.id,
    deadline: deadline.toISOString(),
  });
  await armCustomerTimer(run, timerKeys.check(check.id), deadline);
}

/** End the incident's pending question (the team closed or reopened it first) and take its buttons away. */
export async function closeCheck(run: Run, incident: Incident, status: CheckStatus): Promise<void> {
  const check = await run.tx.followUps.findPendingCheck(incident.id);
  if (!check) return;
  await run.tx.followUps.updateCheck({ ...check, status, answeredAt: run.now });
  await editQuestion(run, check, say.checkOver(incidentKey(incident.number)));
  await armCustomerTimer(run, timerKeys.check(check.id), undefined);
}

/** The contact pressed Yes or No: Yes closes, No reopens, each only where the table allows it. */
export async function answerCheck(run: Run<Person>, checkId: number, fixed: boolean): Promise<Reply> {
  const check = await run.tx.followUps.findCheck(checkId);
  if (!check || check.contactId !== run.actor.id) throw new DomainError("CHECK.NOT_YOURS", say.checkNotYours);
  const incident = await run.tx.incidents.findById(check.incidentId);
  const key = incidentKey(incident?.number ?? 0);
  // Once the team reopened or closed the incident the question is over (closing cancels it; the table refuses the rest).
  const over = () => new DomainError("CHECK.OVER", say.checkOver(key));
  if (!incident || check.status !== "pending" || !allowed(fixed ? "close" : "reopen", incident.status)) throw over();
  await armCustomerTimer(run, timerKeys.check(check.id), undefined);
  return fixed ? confirmFixed(run, incident, check, over) : rejectFix(run, incident, check, over);
}

// The check is answered first, so the customer loop's own reaction to the change has no question left to cancel.
async function confirmFixed(run: Run<Person>, incident: Incident, check: ResolutionCheck, over: () => Error): Promise<Reply> {
  const key = incidentKey(incident.number);
  await run.tx.followUps.updateCheck({ ...check, status: "confirmed", answeredAt: run.now });
  await changeIncident(run, incident, { action: "close", by: run.actor.id }, {
    details: { confirmedBy: run.actor.id },
    also: [{ kind: CUSTOMER_TIMELINE.confirmed, details: { checkId: check.id } }],
    thread: say.threadConfirmed(run.actor.name, key),
    refused: () => { throw over(); },
  });
  await editQuestion(run, check, say.confirmAnsweredYes(key, incident.resolution ?? ""));
  return ok({ text: say.confirmThanks(key) });
}

async function rejectFix(run: Run<Person>, incident: Incident, check: ResolutionCheck, over: () => Error): Promise<Reply> {
  const key = incidentKey(incident.number);
  await run.tx.followUps.updateCheck({ ...check, status: "rejected", answeredAt: run.now, awaitingReason: true });
  const reopened = await changeIncident(run, incident, { action: "reopen", by: run.actor.id, reason: say.confirmNo }, {
    details: { reason: say.confirmNo },
    also: [{ kind: CUSTOMER_TIMELINE.rejected, details: { checkId: check.id } }],
    thread: say.threadRejected(run.actor.name, key),
    refused: () => { throw over(); },
  });
  await alertTeam(run, reopened, say.alertRejected(key, reopened.title, run.actor.name));
  await editQuestion(run, check, say.confirmAnsweredNo(key, incident.resolution ?? ""));
  return ok({ text: say.confirmAskReason(key) });
}

/** The contact's free text after "No, still broken": what is still wrong. */
export async function receiveReason(run: Run<Person>, check: ResolutionCheck, text: string): Promise<Reply> {
  await run.tx.followUps.updateCheck({ ...check, awaitingReason: false, reason: text });
  const incident = await run.tx.incidents.findById(check.incidentId);
  if (!incident) return ok({ text: say.unexpectedText });
  const key = incidentKey(incident.number);
  await appendEntry(run, incident, CUSTOMER_TIMELINE.customerReason, { checkId: check.id, text });
  await run.notify.thread(run.tx, incident, say.threadReason(run.actor.name, text), run.now);
  await alertTeam(run, incident, say.alertReason(key, run.actor.name, text));
  return ok({ text: say.reasonThanks(key) });
}

/** The deadline passed without an answer: close the incident as deemed confirmed (Vigil acts, not a person). */
export async function deemConfirmed(run: Run, checkId: number): Promise<void> {
  const check = await run.tx.followUps.findCheck(checkId);
  // The timer must end up re-armed or finished, or the sweeper would claim it again and again.
  if (check?.status === "pending" && check.deadline > run.now) return armCustomerTimer(run, timerKeys.check(checkId), check.deadline);
  await armCustomerTimer(run, timerKeys.check(checkId), undefined);
  if (!check || check.status !== "pending") return;
  const incident = await run.tx.incidents.findById(check.incidentId);
  // Silence confirms only what is still resolved: the table refuses to close a reopened incident.
  const cancel = () => run.tx.followUps.updateCheck({ ...check, status: "cancelled", answeredAt: run.now });
  if (!incident || !allowed("close", incident.status)) return cancel();
  const key = incidentKey(incident.number);
  await run.tx.followUps.updateCheck({ ...check, status: "deemed", answeredAt: run.now });
  await changeIncident(run, incident, { action: "close" }, {
    details: { deemedConfirmed: true },
    also: [{ kind: CUSTOMER_TIMELINE.deemedConfirmed, details: { checkId: check.id, deadline: check.deadline.toISOString() } }],
    thread: say.threadDeemed(key),
  });
  await editQuestion(run, check, say.confirmClosedByTeam(key, incident.resolution ?? ""));
  const contact = await run.tx.directory.findPerson(check.contactId);
  if (contact) await run.notify.direct(run.tx, contact, { text: say.deemedConfirmed(key) }, run.now, { incidentId: incident.id });
}

async function editQuestion(run: Run, check: ResolutionCheck, text: string): Promise<void> {
  const contact = await run.tx.directory.findPerson(check.contactId);
  if (contact) await run.notify.editDirect(run.tx, contact, messageKeys.check(check.id), { text }, run.now, check.incidentId);
}
