// "INC-42 was resolved: <note>. Is it fixed?" — asked of the reporting contact on resolve.
// Yes closes, No reopens and alerts the assignee, silence until the end of the next working
// day closes it as "deemed confirmed".
import { DomainError } from "../../core/errors.js";
import { TRANSITION_KIND } from "../../core/incident/timeline-kinds.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { endOfNextWorkingDay } from "../../core/survey/confirmation-deadline.js";
import { encodeCustomerAction } from "../../core/survey/customer-actions.js";
import { CUSTOMER_TIMELINE, messageKeys } from "../../core/survey/customer-timeline.js";
import type { CheckStatus, ResolutionCheck } from "../../core/survey/types.js";
import type { OutboundMessage, Reply } from "../../ports/chat.js";
import { alertTeam } from "./alert-team.js";
import { armCustomerTimer, timerKeys } from "./customer-timers.js";
import { organisationCalendar, recordLoop, saveIncident, type LoopRun } from "./loop-run.js";
import { scheduleSurvey } from "./survey-service.js";

const ok = (message: OutboundMessage): Reply => ({ outcome: "ok", message });

/** Ask the contact whether the resolved incident is fixed, and arm the deadline. */
export async function askConfirmation(run: LoopRun, incident: Incident, contact: Person): Promise<void> {
  await closeCheck(run, incident, "cancelled");
  // A reason never typed after an earlier "No" is moot once the team resolves it again.
  const unanswered = await run.tx.surveys.findCheckAwaitingReason(contact.id);
  if (unanswered?.incidentId === incident.id) await run.tx.surveys.updateCheck({ ...unanswered, awaitingReason: false });
  const calendar = organisationCalendar(run.ctx, incident.organisationId);
  const deadline = endOfNextWorkingDay(calendar, run.now, run.ctx.policy.timezone);
  const check = await run.tx.surveys.createCheck({ incidentId: incident.id, contactId: contact.id, askedAt: run.now, deadline, status: "pending", awaitingReason: false });
  const key = incidentKey(incident.number);
  const message: OutboundMessage = {
    text: say.confirmQuestion(key, incident.resolution ?? ""),
    actions: [
      { id: encodeCustomerAction({ kind: "confirm", checkId: check.id, fixed: true }), label: say.confirmYes, style: "primary" },
      { id: encodeCustomerAction({ kind: "confirm", checkId: check.id, fixed: false }), label: say.confirmNo, style: "danger" },
    ],
  };
  await run.notify.direct(run.tx, contact, message, run.now, { incidentId: incident.id, messageKey: messageKeys.check(check.id) });
  await recordLoop({ ...run, actor: undefined, platform: undefined }, incident, CUSTOMER_TIMELINE.confirmationAsked, {
    checkId: check.id,
    contactId: contact.id,
    deadline: deadline.toISOString(),
  });
  await armCustomerTimer(run, timerKeys.check(check.id), deadline);
}

/** End the incident's pending question (the team closed or reopened it first) and take its buttons away. */
export async function closeCheck(run: LoopRun, incident: Incident, status: CheckStatus): Promise<void> {
  const check = await run.tx.surveys.findPendingCheck(incident.id);
  if (!check) return;
  await run.tx.surveys.updateCheck({ ...check, status, answeredAt: run.now });
  await editQuestion(run, check, say.checkOver(incidentKey(incident.number)));
  await armCustomerTimer(run, timerKeys.check(check.id), undefined);
}

/** The contact pressed Yes or No. */
export async function answerCheck(run: LoopRun & { actor: Person }, checkId: number, fixed: boolean): Promise<Reply> {
  const check = await run.tx.surveys.findCheck(checkId);
  if (!check || check.contactId !== run.actor.id) throw new DomainError("CHECK.NOT_YOURS", say.checkNotYours);
  const incident = await run.tx.incidents.findById(check.incidentId);
  const key = incidentKey(incident?.number ?? 0);
  if (!incident || check.status !== "pending" || incident.status !== "resolved") throw new DomainError("CHECK.OVER", say.checkOver(key));
  await armCustomerTimer(run, timerKeys.check(check.id), undefined);
  return fixed ? confirmFixed(run, incident, check) : rejectFix(run, incident, check);
}

async function confirmFixed(run: LoopRun & { actor: Person }, incident: Incident, check: ResolutionCheck): Promise<Reply> {
  const key = incidentKey(incident.number);
  const note = incident.resolution ?? "";
  const closed = await saveIncident(run, { ...incident, status: "closed", closedAt: run.now });
  await recordLoop(run, closed, TRANSITION_KIND.close, { from: incident.status, to: closed.status, confirmedBy: run.actor.id });
  await recordLoop(run, closed, CUSTOMER_TIMELINE.confirmed, { checkId: check.id });
  await run.notify.thread(run.tx, closed, say.threadConfirmed(run.actor.name, key), run.now);
  await run.tx.surveys.updateCheck({ ...check, status: "confirmed", answeredAt: run.now });
  await editQuestion(run, check, say.confirmAnsweredYes(key, note));
  await scheduleSurvey(run, closed);
  return ok({ text: say.confirmThanks(key) });
}

async function rejectFix(run: LoopRun & { actor: Person }, incident: Incident, check: ResolutionCheck): Promise<Reply> {
  const key = incidentKey(incident.number);
  const note = incident.resolution ?? "";
  const reopened = await saveIncident(run, {
    ...incident,
    status: "acknowledged",
    reopenedAt: run.now,
    resolvedAt: undefined,
    closedAt: undefined,
    resolution: undefined,
  });
  await recordLoop(run, reopened, TRANSITION_KIND.reopen, { from: incident.status, to: reopened.status, reason: say.confirmNo });
  await recordLoop(run, reopened, CUSTOMER_TIMELINE.rejected, { checkId: check.id });
  await run.notify.thread(run.tx, reopened, say.threadRejected(run.actor.name, key), run.now);
  await alertTeam(run, reopened, say.alertRejected(key, reopened.title, run.actor.name));
  await run.tx.surveys.updateCheck({ ...check, status: "rejected", answeredAt: run.now, awaitingReason: true });
  await editQuestion(run, check, say.confirmAnsweredNo(key, note));
  return ok({ text: say.confirmAskReason(key) });
}

/** The contact's free text after "No, still broken": what is still wrong. */
export async function receiveReason(run: LoopRun & { actor: Person }, check: ResolutionCheck, text: string): Promise<Reply> {
  await run.tx.surveys.updateCheck({ ...check, awaitingReason: false, reason: text });
  const incident = await run.tx.incidents.findById(check.incidentId);
  if (!incident) return ok({ text: say.unexpectedText });
  const key = incidentKey(incident.number);
  await recordLoop(run, incident, CUSTOMER_TIMELINE.customerReason, { checkId: check.id, text });
  await run.notify.thread(run.tx, incident, say.threadReason(run.actor.name, text), run.now);
  await alertTeam(run, incident, say.alertReason(key, run.actor.name, text));
  return ok({ text: say.reasonThanks(key) });
}

/** The deadline passed without an answer: close the incident as deemed confirmed. */
export async function deemConfirmed(run: LoopRun, checkId: number): Promise<void> {
  const check = await run.tx.surveys.findCheck(checkId);
  // The timer must end up re-armed or finished, or the sweeper would claim it again and again.
  if (check?.status === "pending" && check.deadline > run.now) return armCustomerTimer(run, timerKeys.check(checkId), check.deadline);
  await armCustomerTimer(run, timerKeys.check(checkId), undefined);
  if (!check || check.status !== "pending") return;
  const incident = await run.tx.incidents.findById(check.incidentId);
  if (!incident || incident.status !== "resolved") {
    await run.tx.surveys.updateCheck({ ...check, status: "cancelled", answeredAt: run.now });
    return;
  }
  const key = incidentKey(incident.number);
  const closed = await saveIncident(run, { ...incident, status: "closed", closedAt: run.now });
  await recordLoop(run, closed, TRANSITION_KIND.close, { from: incident.status, to: closed.status, deemedConfirmed: true });
  await recordLoop(run, closed, CUSTOMER_TIMELINE.deemedConfirmed, { checkId: check.id, deadline: check.deadline.toISOString() });
  await run.notify.thread(run.tx, closed, say.threadDeemed(key), run.now);
  await run.tx.surveys.updateCheck({ ...check, status: "deemed", answeredAt: run.now });
  await editQuestion(run, check, say.confirmClosedByTeam(key, incident.resolution ?? ""));
  const contact = await run.tx.directory.findPerson(check.contactId);
  if (contact) await run.notify.direct(run.tx, contact, { text: say.deemedConfirmed(key) }, run.now, { incidentId: incident.id });
  await scheduleSurvey(run, closed);
}

async function editQuestion(run: LoopRun, check: ResolutionCheck, text: string): Promise<void> {
  const contact = await run.tx.directory.findPerson(check.contactId);
  if (contact) await run.notify.editDirect(run.tx, contact, messageKeys.check(check.id), { text }, run.now, check.incidentId);
}
