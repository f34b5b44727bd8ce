// The confirmation and CSAT step machine: which deadline comes next and who may answer.
// Pure: every function takes the instant it reasons about.
import type { Survey } from "./types.js";

/** Survey timing and the complaint threshold, from the policy file's `surveys:` section. */
export interface SurveySettings {
  /** Time from close to the survey. */
  delayMs: number;
  /** How long the answer can be given or changed, from when the survey was sent. */
  expiryMs: number;
  /** One reminder this long after sending, if there is no answer yet. */
  reminderMs: number;
  /** Scores at or below this are complaints. */
  complaintAtOrBelow: number;
  /** At most one survey per contact within this time; absent = no cap. */
  perContactCapMs?: number;
}

/** Defaults from product.md: right after close, 7 days to answer, one reminder after 24 h, ≤ 2 is a complaint. */
export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  delayMs: 0,
  expiryMs: 7 * 86_400_000,
  reminderMs: 86_400_000,
  complaintAtOrBelow: 2,
};

/** What the survey waits for next. */
export type SurveyStep = "send" | "remind" | "expire";

/** The survey's next step and when it is due, or undefined when nothing is left to do. */
export function nextSurveyStep(survey: Survey, settings: SurveySettings): { step: SurveyStep; at: Date } | undefined {
  if (survey.status === "scheduled") return { step: "send", at: survey.sendAt };
  if (survey.status !== "sent" || !survey.sentAt || !survey.expiresAt) return undefined;
  const remindAt = survey.sentAt.getTime() + settings.reminderMs;
  const unanswered = survey.score === undefined;
  if (unanswered && !survey.remindedAt && remindAt < survey.expiresAt.getTime()) return { step: "remind", at: new Date(remindAt) };
  return { step: "expire", at: survey.expiresAt };
}

/** Why someone may not answer a survey, or "ok". */
export type AnswerCheck = "ok" | "not_yours" | "expired" | "not_sent";

/** Only the contact it was sent to may answer, and only while it is open. */
export function canAnswer(survey: Survey, personId: string, at: Date): AnswerCheck {
  if (survey.contactId !== personId) return "not_yours";
  if (survey.status === "scheduled") return "not_sent";
  if (survey.status === "expired" || (survey.expiresAt && at >= survey.expiresAt)) return "expired";
  return "ok";
}

/** Whether a score counts as a complaint. */
export function isComplaintScore(score: number, settings: SurveySettings): boolean {
  return score <= settings.complaintAtOrBelow;
}

/** Whether the per-contact cap forbids a new survey, given when the contact's last one was created. */
export function cappedByRecentSurvey(lastSurveyAt: Date | undefined, at: Date, settings: SurveySettings): boolean {
  if (!settings.perContactCapMs || !lastSurveyAt) return false;
  return at.getTime() - lastSurveyAt.getTime() < settings.perContactCapMs;
}

/** The customer loop's settings from the policy file (`surveys:`, `invites:`). */
export interface CustomerConfig {
  survey: SurveySettings;
  /** How long a contact invitation code stays valid. */
  inviteTtlMs: number;
}

/** Defaults: product.md's survey timing, invitations valid for 3 days. */
export const DEFAULT_CUSTOMER_CONFIG: CustomerConfig = { survey: DEFAULT_SURVEY_SETTINGS, inviteTtlMs: 3 * 86_400_000 };
