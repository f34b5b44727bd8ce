/** Timeline entry kinds of the customer loop (stable identifiers stored in the database). */
export const CUSTOMER_TIMELINE = {
  confirmationAsked: "confirmation_asked",
  confirmed: "customer_confirmed",
  rejected: "customer_rejected",
  customerReason: "customer_reason",
  customerAnswer: "customer_answer",
  deemedConfirmed: "deemed_confirmed",
  surveyScheduled: "survey_scheduled",
  surveySkipped: "survey_skipped",
  surveySent: "survey_sent",
  surveyReminded: "survey_reminded",
  surveyAnswered: "survey_answered",
  surveyComment: "survey_comment",
  surveyExpired: "survey_expired",
  complaintOpened: "complaint_opened",
  complaintReviewed: "complaint_reviewed",
} as const;

/** Message keys of customer-loop messages that are edited later (`messageKey` of outbox rows). */
export const messageKeys = {
  check: (checkId: number) => `check:${checkId}`,
  survey: (surveyId: number) => `survey:${surveyId}`,
  reminder: (surveyId: number) => `survey:${surveyId}:reminder`,
};
