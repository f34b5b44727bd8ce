import type { NewComplaint, NewResolutionCheck, NewSurvey, ResolutionCheck, Survey, Complaint } from "../../core/survey/types.js";
import type { CustomerPeriod, FollowUpRepository } from "../../ports/customer-store.js";
import { complaintColumns, surveyColumns, toCheck, toComplaint, toSurvey } from "./customer-mappers.js";
import type { Db } from "./prisma-types.js";

const period = (p: CustomerPeriod) => ({ createdAt: { gte: p.from, lt: p.to }, ...(p.organisationId ? { organisationId: p.organisationId } : {}) });

/** Confirmations, surveys and complaints in SQL. */
export class PrismaFollowUpRepository implements FollowUpRepository {
  constructor(private readonly db: Db) {}

  async createCheck(check: NewResolutionCheck) {
    return toCheck(await this.db.resolutionCheck.create({ data: this.checkColumns(check) }));
  }
  async findCheck(id: number) {
    const row = await this.db.resolutionCheck.findUnique({ where: { id } });
    return row ? toCheck(row) : undefined;
  }
  async findPendingCheck(incidentId: number) {
    const row = await this.db.resolutionCheck.findFirst({ where: { incidentId, status: "pending" }, orderBy: { id: "desc" } });
    return row ? toCheck(row) : undefined;
  }
  async findCheckAwaitingReason(contactId: string) {
    const row = await this.db.resolutionCheck.findFirst({ where: { contactId, awaitingReason: true }, orderBy: { id: "desc" } });
    return row ? toCheck(row) : undefined;
  }
  async listPendingChecks() {
    const rows = await this.db.resolutionCheck.findMany({ where: { status: "pending" }, orderBy: { deadline: "asc" } });
    return rows.map(toCheck);
  }
  async updateCheck(check: ResolutionCheck) {
    await this.db.resolutionCheck.update({ where: { id: check.id }, data: this.checkColumns(check) });
  }

  async createSurvey(survey: NewSurvey) {
    return toSurvey(await this.db.survey.create({ data: surveyColumns(survey) }));
  }
  async findSurvey(id: number) {
    const row = await this.db.survey.findUnique({ where: { id } });
    return row ? toSurvey(row) : undefined;
  }
  async findSurveyByIncident(incidentId: number) {
    const row = await this.db.survey.findUnique({ where: { incidentId } });
    return row ? toSurvey(row) : undefined;
  }
  async lastSurveyFor(contactId: string) {
    const row = await this.db.survey.findFirst({ where: { contactId }, orderBy: { id: "desc" } });
    return row ? toSurvey(row) : undefined;
  }
  async findSurveyAwaitingComment(contactId: string) {
    const row = await this.db.survey.findFirst({ where: { contactId, awaitingComment: true }, orderBy: { id: "desc" } });
    return row ? toSurvey(row) : undefined;
  }
  async listOpenSurveys() {
    const rows = await this.db.survey.findMany({ where: { status: { in: ["scheduled", "sent"] } }, orderBy: { id: "asc" } });
    return rows.map(toSurvey);
  }
  async listSurveys(p: CustomerPeriod) {
    return (await this.db.survey.findMany({ where: period(p), orderBy: { id: "asc" } })).map(toSurvey);
  }
  async updateSurvey(survey: Survey) {
    await this.db.survey.update({ where: { id: survey.id }, data: surveyColumns(survey) });
  }

  async createComplaint(complaint: NewComplaint) {
    return toComplaint(await this.db.complaint.create({ data: complaintColumns(complaint) }));
  }
  async findComplaintBySurvey(surveyId: number) {
    const row = await this.db.complaint.findUnique({ where: { surveyId } });
    return row ? toComplaint(row) : undefined;
  }
  async listComplaintsForIncident(incidentId: number) {
    return (await this.db.complaint.findMany({ where: { incidentId }, orderBy: { id: "asc" } })).map(toComplaint);
  }
  async listComplaints(p: CustomerPeriod) {
    return (await this.db.complaint.findMany({ where: period(p), orderBy: { id: "asc" } })).map(toComplaint);
  }
  async updateComplaint(complaint: Complaint) {
    await this.db.complaint.update({ where: { id: complaint.id }, data: complaintColumns(complaint) });
  }

  private checkColumns(c: NewResolutionCheck) {
    return {
      incidentId: c.incidentId,
      contactId: c.contactId,
      askedAt: c.askedAt,
      deadline: c.deadline,
      status: c.status,
      answeredAt: c.answeredAt ?? null,
      awaitingReason: c.awaitingReason,
      reason: c.reason ?? null,
    };
  }
}
