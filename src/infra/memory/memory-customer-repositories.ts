import type { Severity } from "../../core/incident/types.js";
import type {
  Complaint,
  IdentityLink,
  LinkCode,
  NewComplaint,
  NewProblemDraft,
  NewResolutionCheck,
  NewSurvey,
  ProblemDraft,
  ResolutionCheck,
  Survey,
} from "../../core/survey/types.js";
import type { CustomerPeriod, CustomerRepository, FollowUpRepository } from "../../ports/customer-store.js";
import type { MemoryState } from "./memory-state.js";

const copyOf = <T>(value: T): T => structuredClone(value);
const newest = <T extends { id: number }>(rows: T[]): T | undefined => rows.reduce<T | undefined>((a, b) => (!a || b.id > a.id ? b : a), undefined);

/** Invitations, linked identities and report drafts in memory. */
export class MemoryCustomerRepository implements CustomerRepository {
  constructor(private readonly s: () => MemoryState) {}
  private get c() { return this.s().customer; }
  async createLinkCode(code: LinkCode) {
    this.c.codes.set(code.code, copyOf(code));
  }
  async findLinkCode(code: string) {
    const found = this.c.codes.get(code);
    return found && copyOf(found);
  }
  async useLinkCode(code: string, at: Date, usedBy: string) {
    const found = this.c.codes.get(code);
    if (!found || found.usedAt) return false;
    Object.assign(found, { usedAt: at, usedBy });
    return true;
  }
  async saveIdentityLink(link: IdentityLink) {
    this.c.links = this.c.links.filter((l) => !(l.platform === link.platform && l.externalId === link.externalId));
    this.c.links.push(copyOf(link));
  }
  async listIdentityLinks() {
    return this.c.links.map(copyOf);
  }
  async createDraft(draft: NewProblemDraft) {
    const stored = { ...copyOf(draft), id: this.c.nextId.draft++ };
    this.c.drafts.push(stored);
    return copyOf(stored);
  }
  async findDraft(id: number) {
    const found = this.c.drafts.find((d) => d.id === id);
    return found && copyOf(found);
  }
  async markDraftReported(id: number, incidentId: number, severity: Severity) {
    const found = this.c.drafts.find((d) => d.id === id);
    if (!found || found.incidentId !== undefined) return false;
    Object.assign(found, { incidentId, severity });
    return true;
  }
}

/** Confirmations, surveys and complaints in memory. */
export class MemoryFollowUpRepository implements FollowUpRepository {
  constructor(private readonly s: () => MemoryState) {}
  private get c() { return this.s().customer; }
  private inPeriod = (p: CustomerPeriod) => (r: { createdAt: Date; organisationId: string }) =>
    r.createdAt >= p.from && r.createdAt < p.to && (!p.organisationId || r.organisationId === p.organisationId);

  async createCheck(check: NewResolutionCheck) {
    const stored = { ...copyOf(check), id: this.c.nextId.check++ };
    this.c.checks.push(stored);
    return copyOf(stored);
  }
  async findCheck(id: number) {
    const found = this.c.checks.find((c) => c.id === id);
    return found && copyOf(found);
  }
  async findPendingCheck(incidentId: number) {
    const found = newest(this.c.checks.filter((c) => c.incidentId === incidentId && c.status === "pending"));
    return found && copyOf(found);
  }
  async findCheckAwaitingReason(contactId: string) {
    const found = newest(this.c.checks.filter((c) => c.contactId === contactId && c.awaitingReason));
    return found && copyOf(found);
  }
  async listPendingChecks() {
    return this.c.checks.filter((c) => c.status === "pending").map(copyOf);
  }
  async updateCheck(check: ResolutionCheck) {
    this.replace(this.c.checks, check);
  }
  async createSurvey(survey: NewSurvey) {
    if (this.c.surveys.some((s) => s.incidentId === survey.incidentId)) throw new Error(`survey for incident ${survey.incidentId} exists`);
    const stored = { ...copyOf(survey), id: this.c.nextId.survey++ };
    this.c.surveys.push(stored);
    return copyOf(stored);
  }
  async findSurvey(id: number) {
    const found = this.c.surveys.find((s) => s.id === id);
    return found && copyOf(found);
  }
  async findSurveyByIncident(incidentId: number) {
    const found = this.c.surveys.find((s) => s.incidentId === incidentId);
    return found && copyOf(found);
  }
  async lastSurveyFor(contactId: string) {
    const found = newest(this.c.surveys.filter((s) => s.contactId === contactId));
    return found && copyOf(found);
  }
  async findSurveyAwaitingComment(contactId: string) {
    const found = newest(this.c.surveys.filter((s) => s.contactId === contactId && s.awaitingComment));
    return found && copyOf(found);
  }
  async listOpenSurveys() {
    return this.c.surveys.filter((s) => s.status !== "expired").map(copyOf);
  }
  async listSurveys(period: CustomerPeriod) {
    return this.c.surveys.filter(this.inPeriod(period)).map(copyOf);
  }
  async updateSurvey(survey: Survey) {
    this.replace(this.c.surveys, survey);
  }
  async createComplaint(complaint: NewComplaint) {
    const stored = { ...copyOf(complaint), id: this.c.nextId.complaint++ };
    this.c.complaints.push(stored);
    return copyOf(stored);
  }
  async findComplaintBySurvey(surveyId: number) {
    const found = this.c.complaints.find((c) => c.surveyId === surveyId);
    return found && copyOf(found);
  }
  async listComplaintsForIncident(incidentId: number) {
    return this.c.complaints.filter((c) => c.incidentId === incidentId).map(copyOf);
  }
  async listComplaints(period: CustomerPeriod) {
    return this.c.complaints.filter(this.inPeriod(period)).map(copyOf);
  }
  async updateComplaint(complaint: Complaint) {
    this.replace(this.c.complaints, complaint);
  }

  private replace<T extends { id: number }>(rows: T[], next: T): void {
    const index = rows.findIndex((r) => r.id === next.id);
    if (index < 0) throw new Error(`row ${next.id} not found`);
    rows[index] = copyOf(next);
  }
}
