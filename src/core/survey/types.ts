// The customer loop's records: invitations that link a chat account to a contact, problem
// reports waiting for their impact, resolution confirmations, CSAT surveys and complaints.
import type { Platform } from "../chat-types.js";
import type { Severity } from "../incident/types.js";

/** A one-time code a lead hands to a contact so their chat account can be linked. */
export interface LinkCode {
  code: string;
  /** The contact the code links to. */
  personId: string;
  organisationId: string;
  createdById: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
  /** `telegram:8910`: who used it. */
  usedBy?: string;
}

/** A chat identity linked with a code; re-applied when the policy file is synced. */
export interface IdentityLink {
  personId: string;
  platform: Platform;
  externalId: string;
  linkedAt: Date;
}

/** `/report <text>` waiting for the contact to choose the impact. */
export interface ProblemDraft {
  id: number;
  personId: string;
  organisationId: string;
  text: string;
  createdAt: Date;
  /** Set once the incident is opened, so a second press cannot open another. */
  incidentId?: number;
  severity?: Severity;
}

export type NewProblemDraft = Omit<ProblemDraft, "id">;

/** Where a resolution confirmation stands. */
export type CheckStatus = "pending" | "confirmed" | "rejected" | "deemed" | "cancelled";

/** "INC-42 was resolved: … Is it fixed?" asked of the reporting contact. */
export interface ResolutionCheck {
  id: number;
  incidentId: number;
  contactId: string;
  askedAt: Date;
  /** End of the next working day on the organisation's calendar. */
  deadline: Date;
  status: CheckStatus;
  answeredAt?: Date;
  /** After "No, still broken": the contact's next free text is the reason. */
  awaitingReason: boolean;
  reason?: string;
}

export type NewResolutionCheck = Omit<ResolutionCheck, "id">;

/** Where a survey stands. Answers live beside the status: an answered survey stays "sent" until it expires. */
export type SurveyStatus = "scheduled" | "sent" | "expired";

/** The CSAT survey of one incident (one per incident). */
export interface Survey {
  id: number;
  incidentId: number;
  contactId: string;
  organisationId: string;
  /** Who was assigned when the incident closed (for per-assignee reports). */
  assigneeId?: string;
  createdAt: Date;
  sendAt: Date;
  status: SurveyStatus;
  sentAt?: Date;
  remindedAt?: Date;
  expiresAt?: Date;
  score?: number;
  comment?: string;
  answeredAt?: Date;
  /** After a score: the contact's next free text is the comment. */
  awaitingComment: boolean;
}

export type NewSurvey = Omit<Survey, "id">;

/** A low score, tracked until a lead reviews it. */
export interface Complaint {
  id: number;
  incidentId: number;
  surveyId: number;
  organisationId: string;
  score: number;
  comment?: string;
  status: "open" | "reviewed";
  createdAt: Date;
  reviewedAt?: Date;
  reviewedById?: string;
  reviewNote?: string;
}

export type NewComplaint = Omit<Complaint, "id">;
