// The CSAT survey after close: scheduled (after the configured delay), sent with 1–5 buttons,
// reminded once, answered (and re-answered) until it expires, then its buttons are removed.
import { DomainError } from "../../core/errors.js";
import { incidentKey, type Incident, type Person } from "../../core/incident/types.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { formatTime } from "../../core/messages/format-time.js";
import { encodeCustomerAction } from "../../core/survey/customer-actions.js";
import { CUSTOMER_TIMELINE, messageKeys } from "../../core/survey/customer-timeline.js";
import { canAnswer, cappedByRecentSurvey, nextSurveyStep } from "../../core/survey/survey-machine.js";
import type { Survey } from "../../core/survey/types.js";
import type { OutboundMessage, Reply } from "../../ports/chat.js";
import { commentOnComplaint, complaintForScore } from "./complaints.js";
import { armSurveyTimer } from "../deadlines/customer-timers.js";
import { customerConfig, reportingContact } from "./loop-run.js";
import type { Run } from "../app-context.js";
import { appendEntry } from "../incident/change-incident.js";

const ok = (message: OutboundMessage): Reply => ({ outcome: "ok", message });
const SCORES = [1, 2, 3, 4, 5];

/** After close: create the incident's one survey for its reporting contact (unless capped). */
export async function scheduleSurvey(run: Run, incident: Incident): Promise<void> {
  const contact = await reportingContact(run.tx, incident);
  if (!contact || (await run.tx.followUps.findSurveyByIncident(incident.id))) return;
  const settings = customerConfig(run.ctx).survey;
  const system = { ...run, actor: undefined, platform: undefined };
  if (settings.perContactCapMs) {
    const last = await run.tx.followUps.lastSurveyFor(contact.id);
    if (cappedByRecentSurvey(last?.createdAt, run.now, settings)) {
      await appendEntry(system, incident, CUSTOMER_TIMELINE.surveySkipped, { contactId: contact.id, reason: "per-contact cap", lastSurveyId: last?.id });
      return;
    }
  }
  const survey = await run.tx.followUps.createSurvey({
    incidentId: incident.id,
    contactId: contact.id,
    organisationId: incident.organisationId,
    ...(incident.assigneeId ? { assigneeId: incident.assigneeId } : {}),
    createdAt: run.now,
    sendAt: new Date(run.now.getTime() + settings.delayMs),
    status: "scheduled",
    awaitingComment: false,
  });
  if (settings.delayMs === 0) {
    await armSurveyTimer(run, await sendSurvey(system, survey, incident, contact));
    return;
  }
  await appendEntry(system, incident, CUSTOMER_TIMELINE.surveyScheduled, { surveyId: survey.id, sendAt: survey.sendAt.toISOString() });
  await armSurveyTimer(run, survey);
}

/** Do the survey's due step (send, remind or expire), then arm the timer for the next one. */
export async function runSurveyStep(run: Run, survey: Survey): Promise<void> {
  const step = nextSurveyStep(survey, customerConfig(run.ctx).survey);
  let next = survey;
  if (step && step.at <= run.now) {
    const incident = await run.tx.incidents.findById(survey.incidentId);
    const contact = await run.tx.directory.findPerson(survey.contactId);
    if (!incident || !contact) return armSurveyTimer(run, { ...survey, status: "expired" });
    if (step.step === "send") next = await sendSurvey(run, survey, incident, contact);
    if (step.step === "remind") next = await remindSurvey(run, survey, incident, contact);
    if (step.step === "expire") next = await expireSurvey(run, survey, incident, contact);
  }
  await armSurveyTimer(run, next);
}

async function sendSurvey(run: Run, survey: Survey, incident: Incident, contact: Person): Promise<Survey> {
  const expiresAt = new Date(run.now.getTime() + customerConfig(run.ctx).survey.expiryMs);
  const sent: Survey = { ...survey, status: "sent", sentAt: run.now, expiresAt };
  await run.tx.followUps.updateSurvey(sent);
  const message = surveyMessage(run, sent, incident);
  await run.notify.direct(run.tx, contact, message, run.now, { incidentId: incident.id, messageKey: messageKeys.survey(sent.id) });
  await appendEntry(run, incident, CUSTOMER_TIMELINE.surveySent, { surveyId: sent.id, contactId: contact.id, expiresAt: expiresAt.toISOString() });
  return sent;
}

async function remindSurvey(run: Run, survey: Survey, incident: Incident, contact: Person): Promise<Survey> {
  const reminded: Survey = { ...survey, remindedAt: run.now };
  await run.tx.followUps.updateSurvey(reminded);
  const message = { ...surveyMessage(run, reminded, incident), text: say.surveyReminder(incidentKey(incident.number), until(run, reminded)) };
  await run.notify.direct(run.tx, contact, message, run.now, { incidentId: incident.id, messageKey: messageKeys.reminder(survey.id) });
  await appendEntry(run, incident, CUSTOMER_TIMELINE.surveyReminded, { surveyId: survey.id });
  return reminded;
}

async function expireSurvey(run: Run, survey: Survey, incident: Incident, contact: Person): Promise<Survey> {
  const expired: Survey = { ...survey, status: "expired", awaitingComment: false };
  await run.tx.followUps.updateSurvey(expired);
  const closed = { text: say.surveyClosed(incidentKey(incident.number), survey.score) };
  await run.notify.editDirect(run.tx, contact, messageKeys.survey(survey.id), closed, run.now, incident.id);
  if (survey.remindedAt) await run.notify.editDirect(run.tx, contact, messageKeys.reminder(survey.id), closed, run.now, incident.id);
  await appendEntry(run, incident, CUSTOMER_TIMELINE.surveyExpired, { surveyId: survey.id, answered: survey.score !== undefined });
  return expired;
}

/** A score button: record (or change) the answer, raise a complaint if low, ask for a comment. */
export async function answerScore(run: Run<Person>, surveyId: number, score: number): Promise<Reply> {
  const survey = await openSurvey(run, surveyId);
  const incident = await run.tx.incidents.findById(survey.incidentId);
  if (!incident) throw new DomainError("SURVEY.OVER", say.surveyNotOpen);
  const answered: Survey = { ...survey, score, answeredAt: run.now, awaitingComment: true };
  await run.tx.followUps.updateSurvey(answered);
  await appendEntry(run, incident, CUSTOMER_TIMELINE.surveyAnswered, { surveyId, score, ...(survey.score ? { previous: survey.score } : {}) });
  await run.notify.editDirect(run.tx, run.actor, messageKeys.survey(surveyId), surveyMessage(run, answered, incident), run.now, incident.id);
  await complaintForScore(run, answered, incident);
  const skip = { id: encodeCustomerAction({ kind: "skipComment", surveyId }), label: say.skip };
  return ok({ text: say.surveyAskComment(score), actions: [skip] });
}

/** Free text after a score: the comment. */
export async function receiveComment(run: Run<Person>, survey: Survey, text: string): Promise<Reply> {
  await run.tx.followUps.updateSurvey({ ...survey, comment: text, awaitingComment: false });
  const incident = await run.tx.incidents.findById(survey.incidentId);
  if (incident) {
    await appendEntry(run, incident, CUSTOMER_TIMELINE.surveyComment, { surveyId: survey.id, text });
    await commentOnComplaint(run, survey, incident, text);
  }
  return ok({ text: say.commentThanks });
}

/** The Skip button: no comment. */
export async function skipComment(run: Run<Person>, surveyId: number): Promise<Reply> {
  const survey = await openSurvey(run, surveyId);
  if (!survey.awaitingComment) return ok({ text: say.nothingToSkip });
  await run.tx.followUps.updateSurvey({ ...survey, awaitingComment: false });
  return ok({ text: say.skipThanks });
}

async function openSurvey(run: Run<Person>, surveyId: number): Promise<Survey> {
  const survey = await run.tx.followUps.findSurvey(surveyId);
  if (!survey) throw new DomainError("SURVEY.NOT_YOURS", say.surveyNotYours);
  const check = canAnswer(survey, run.actor.id, run.now);
  if (check === "not_yours") throw new DomainError("SURVEY.NOT_YOURS", say.surveyNotYours);
  if (check === "not_sent") throw new DomainError("SURVEY.NOT_OPEN", say.surveyNotOpen);
  if (check === "expired") {
    const incident = await run.tx.incidents.findById(survey.incidentId);
    throw new DomainError("SURVEY.OVER", say.surveyOver(incidentKey(incident?.number ?? 0)));
  }
  return survey;
}

/** The survey message: the question (or the current answer) and the five buttons, the answer marked. */
function surveyMessage(run: Run, survey: Survey, incident: Incident): OutboundMessage {
  const key = incidentKey(incident.number);
  const text = survey.score ? say.surveyAnswer(key, survey.score, until(run, survey)) : say.surveyQuestion(key);
  const actions = SCORES.map((score) => ({
    id: encodeCustomerAction({ kind: "score", surveyId: survey.id, score }),
    label: score === survey.score ? `${score} ✓` : String(score),
  }));
  return { text, actions };
}

function until(run: Run, survey: Survey): string {
  return survey.expiresAt ? formatTime(survey.expiresAt, run.ctx.policy.timezone) : "";
}
