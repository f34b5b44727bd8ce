// Complaints: a score at or below the threshold opens one on the incident and alerts the duty
// lead with the score (and the comment when it comes); a lead marks it reviewed.
import type { Person } from "../../core/incident/types.js";
import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { customerCopy as say } from "../../core/messages/copy-customer.js";
import { CUSTOMER_TIMELINE } from "../../core/survey/customer-timeline.js";
import { isComplaintScore } from "../../core/survey/survey-machine.js";
import type { Survey } from "../../core/survey/types.js";
import type { Reply } from "../../ports/chat.js";
import { loadIncident, ok } from "../incident/load-incident.js";
import { customerConfig } from "./loop-run.js";
import { nameOf } from "../incident/person-names.js";
import { organisationName } from "../../core/policy.js";
import type { Run } from "../app-context.js";
import { appendEntry, recordAndRearm } from "../incident/change-incident.js";

/** After a score: open a complaint for a low one (or follow a changed low score). */
export async function complaintForScore(run: Run, survey: Survey, incident: Incident): Promise<void> {
  if (survey.score === undefined || !isComplaintScore(survey.score, customerConfig(run.ctx).survey)) return;
  const existing = await run.tx.followUps.findComplaintBySurvey(survey.id);
  if (existing) {
    // Already alerted: keep the complaint in step with the answer without alerting again.
    if (existing.score !== survey.score) await run.tx.followUps.updateComplaint({ ...existing, score: survey.score });
    return;
  }
  const complaint = await run.tx.followUps.createComplaint({
    incidentId: incident.id,
    surveyId: survey.id,
    organisationId: incident.organisationId,
    score: survey.score,
    status: "open",
    createdAt: run.now,
  });
  await appendEntry(run, incident, CUSTOMER_TIMELINE.complaintOpened, { complaintId: complaint.id, surveyId: survey.id, score: survey.score });
  const contact = (await nameOf(run.tx, survey.contactId)) ?? survey.contactId;
  const assignee = (await nameOf(run.tx, survey.assigneeId)) ?? copy.nobody;
  const text = say.dutyComplaint(incidentKey(incident.number), organisationName(run.ctx.policy, incident.organisationId), contact, survey.score, assignee, incident.title);
  await run.notify.dutyLead(run.tx, incident, text, run.now);
}

/** A comment on a survey that raised a complaint goes to the duty lead too. */
export async function commentOnComplaint(run: Run, survey: Survey, incident: Incident, text: string): Promise<void> {
  const complaint = await run.tx.followUps.findComplaintBySurvey(survey.id);
  if (!complaint) return;
  await run.tx.followUps.updateComplaint({ ...complaint, comment: text });
  const contact = (await nameOf(run.tx, survey.contactId)) ?? survey.contactId;
  await run.notify.dutyLead(run.tx, incident, say.dutyComplaintComment(incidentKey(incident.number), contact, text), run.now);
}

/** `/incident complaint INC-n reviewed <note>` (leads): the open complaint becomes reviewed. */
export async function reviewComplaint(run: Run<Person>, command: Extract<Command, { name: "complaint" }>): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const key = incidentKey(incident.number);
  const complaint = (await run.tx.followUps.listComplaintsForIncident(incident.id)).find((c) => c.status === "open");
  if (!complaint) throw new DomainError("COMPLAINT.NONE", say.complaintNone(key));
  await run.tx.followUps.updateComplaint({ ...complaint, status: "reviewed", reviewedAt: run.now, reviewedById: run.actor.id, reviewNote: command.note });
  await recordAndRearm(run, incident, CUSTOMER_TIMELINE.complaintReviewed, { complaintId: complaint.id, note: command.note });
  await run.notify.thread(run.tx, incident, say.threadComplaintReviewed(run.actor.name, key, command.note), run.now);
  return ok(say.complaintReviewed(key));
}
