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
} from "../core/survey/types.js";
import type { Severity } from "../core/incident/types.js";

/** Contact invitations, linked chat identities and problem reports awaiting their impact. */
export interface CustomerRepository {
  /** Store a new invitation code. */
  createLinkCode(code: LinkCode): Promise<void>;
  /** The invitation with this code, used or not, or undefined. */
  findLinkCode(code: string): Promise<LinkCode | undefined>;
  /** Mark an unused code used; false if someone used it first (codes work once). */
  useLinkCode(code: string, at: Date, usedBy: string): Promise<boolean>;
  /** Remember a linked identity (replacing an earlier link of the same identity). */
  saveIdentityLink(link: IdentityLink): Promise<void>;
  /** Every linked identity, oldest first (re-applied after the policy file is synced). */
  listIdentityLinks(): Promise<IdentityLink[]>;
  /** Store a report waiting for its impact. */
  createDraft(draft: NewProblemDraft): Promise<ProblemDraft>;
  /** The draft with this id, or undefined. */
  findDraft(id: number): Promise<ProblemDraft | undefined>;
  /** Record the incident a draft became; false if it already became one. */
  markDraftReported(id: number, incidentId: number, severity: Severity): Promise<boolean>;
}

/** Which surveys or complaints a report covers: created in [from, to), optionally one organisation. */
export interface CustomerPeriod {
  from: Date;
  to: Date;
  organisationId?: string;
}

/** Resolution confirmations, CSAT surveys and complaints. */
export interface FollowUpRepository {
  /** Store a new confirmation request. */
  createCheck(check: NewResolutionCheck): Promise<ResolutionCheck>;
  /** The confirmation with this id, or undefined. */
  findCheck(id: number): Promise<ResolutionCheck | undefined>;
  /** The incident's confirmation still waiting for an answer, if any. */
  findPendingCheck(incidentId: number): Promise<ResolutionCheck | undefined>;
  /** The newest confirmation of this contact that waits for a reason in free text. */
  findCheckAwaitingReason(contactId: string): Promise<ResolutionCheck | undefined>;
  /** Every confirmation still waiting for an answer. */
  listPendingChecks(): Promise<ResolutionCheck[]>;
  /** Replace a confirmation's mutable fields. */
  updateCheck(check: ResolutionCheck): Promise<void>;
  /** Store a new survey; the store refuses a second survey for one incident (unique). */
  createSurvey(survey: NewSurvey): Promise<Survey>;
  /** The survey with this id, or undefined. */
  findSurvey(id: number): Promise<Survey | undefined>;
  /** The incident's survey, or undefined. */
  findSurveyByIncident(incidentId: number): Promise<Survey | undefined>;
  /** This contact's most recent survey (for the per-contact cap). */
  lastSurveyFor(contactId: string): Promise<Survey | undefined>;
  /** The newest survey of this contact that waits for a comment in free text. */
  findSurveyAwaitingComment(contactId: string): Promise<Survey | undefined>;
  /** Surveys not yet expired (scheduled or sent), oldest first. */
  listOpenSurveys(): Promise<Survey[]>;
  /** Surveys created in the period. */
  listSurveys(period: CustomerPeriod): Promise<Survey[]>;
  /** Replace a survey's mutable fields. */
  updateSurvey(survey: Survey): Promise<void>;
  /** Store a new complaint. */
  createComplaint(complaint: NewComplaint): Promise<Complaint>;
  /** The complaint raised from this survey, or undefined. */
  findComplaintBySurvey(surveyId: number): Promise<Complaint | undefined>;
  /** The incident's complaints, oldest first. */
  listComplaintsForIncident(incidentId: number): Promise<Complaint[]>;
  /** Complaints created in the period. */
  listComplaints(period: CustomerPeriod): Promise<Complaint[]>;
  /** Replace a complaint's mutable fields. */
  updateComplaint(complaint: Complaint): Promise<void>;
}
