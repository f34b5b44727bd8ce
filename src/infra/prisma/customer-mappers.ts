import type { Platform } from "../../ports/chat.js";
import type { Severity } from "../../core/incident/types.js";
import type { Complaint, IdentityLink, LinkCode, ProblemDraft, ResolutionCheck, Survey } from "../../core/survey/types.js";
import type * as Db from "../../generated/prisma/client.js";

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** Row → invitation code. */
export function toLinkCode(row: Db.ContactInvite): LinkCode {
  return { ...row, usedAt: opt(row.usedAt), usedBy: opt(row.usedBy) };
}

/** Row → linked identity. */
export function toIdentityLink(row: Db.IdentityLink): IdentityLink {
  return { ...row, platform: row.platform as Platform };
}

/** Row → report draft. */
export function toDraft(row: Db.ReportDraft): ProblemDraft {
  return { ...row, incidentId: opt(row.incidentId), severity: opt(row.severity) as Severity | undefined };
}

/** Row → resolution confirmation. */
export function toCheck(row: Db.ResolutionCheck): ResolutionCheck {
  return { ...row, status: row.status as ResolutionCheck["status"], answeredAt: opt(row.answeredAt), reason: opt(row.reason) };
}

/** Row → survey. */
export function toSurvey(row: Db.Survey): Survey {
  return {
    ...row,
    status: row.status as Survey["status"],
    assigneeId: opt(row.assigneeId),
    sentAt: opt(row.sentAt),
    remindedAt: opt(row.remindedAt),
    expiresAt: opt(row.expiresAt),
    score: opt(row.score),
    comment: opt(row.comment),
    answeredAt: opt(row.answeredAt),
  };
}

/** Survey → its mutable columns. */
export function surveyColumns(s: Omit<Survey, "id">) {
  return {
    incidentId: s.incidentId,
    contactId: s.contactId,
    organisationId: s.organisationId,
    assigneeId: s.assigneeId ?? null,
    createdAt: s.createdAt,
    sendAt: s.sendAt,
    status: s.status,
    sentAt: s.sentAt ?? null,
    remindedAt: s.remindedAt ?? null,
    expiresAt: s.expiresAt ?? null,
    score: s.score ?? null,
    comment: s.comment ?? null,
    answeredAt: s.answeredAt ?? null,
    awaitingComment: s.awaitingComment,
  };
}

/** Row → complaint. */
export function toComplaint(row: Db.Complaint): Complaint {
  return {
    ...row,
    status: row.status as Complaint["status"],
    comment: opt(row.comment),
    reviewedAt: opt(row.reviewedAt),
    reviewedById: opt(row.reviewedById),
    reviewNote: opt(row.reviewNote),
  };
}

/** Complaint → its mutable columns. */
export function complaintColumns(c: Omit<Complaint, "id">) {
  return {
    incidentId: c.incidentId,
    surveyId: c.surveyId,
    organisationId: c.organisationId,
    score: c.score,
    comment: c.comment ?? null,
    status: c.status,
    createdAt: c.createdAt,
    reviewedAt: c.reviewedAt ?? null,
    reviewedById: c.reviewedById ?? null,
    reviewNote: c.reviewNote ?? null,
  };
}
