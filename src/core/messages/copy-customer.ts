// Every string of the customer loop (linking, reporting, confirmation, surveys, complaints),
// kept beside copy.ts so the wording can be reviewed and translated in one place.
import type { Severity, Status } from "../incident/types.js";

const STATUS_WORD: Record<Status, string> = {
  open: "Open",
  acknowledged: "Being worked on",
  mitigated: "Service restored",
  resolved: "Resolved",
  closed: "Closed",
};

/** What each severity means to a customer, in plain words, with a short button label. */
const IMPACT: Record<Severity, { button: string; meaning: string }> = {
  P1: { button: "P1 · Down", meaning: "a critical service is down or data is at risk" },
  P2: { button: "P2 · Badly impaired", meaning: "it works only in part, or capacity or monitoring is lost" },
  P3: { button: "P3 · Degraded", meaning: "slower or partly broken, but critical work goes on" },
  P4: { button: "P4 · Minor", meaning: "little impact: a warning, a full log, a question" },
};

const pct = (share: number) => `${Math.round(share * 100)} %`;

export const customerCopy = {
  // Linking a chat account to a contact
  inviteCreated: (name: string, org: string, code: string, expires: string) =>
    `Invitation for ${name} (${org}). Code ${code} works once and expires ${expires}.`,
  inviteLink: (link: string) => `Send them this link: ${link}`,
  inviteNoLink: (code: string) => `They open Vigil's Telegram bot and send: /start ${code}`,
  inviteBadAction: (word: string) => `“${word}” is not a /contact action (use invite).`,
  inviteUnknownOrg: (org: string, known: string) => `“${org}” is not an organisation Vigil knows (known: ${known}).`,
  linked: (name: string, org: string) =>
    `Welcome, ${name}! This chat is now linked to ${org}. Report a problem with /report <what is wrong>; see your tickets with /mytickets.`,
  linkUnknownCode: "That invitation code is not valid. Ask your account manager for a new link.",
  linkExpired: (when: string) => `That invitation expired on ${when}. Ask your account manager for a new link.`,
  linkUsed: "That invitation was already used. Ask your account manager for a new link.",
  alreadyLinked: (name: string) => `This chat is already linked to you, ${name}.`,
  hello: (name: string) => `Hello ${name}. Report a problem with /report <what is wrong>; see your tickets with /mytickets.`,
  helloStaff: (name: string) => `Hello ${name}. Type /incident help to see what you can do.`,

  // Reporting
  reportStaff: "/report is how customer contacts report a problem. Open an incident with /incident open; the monthly SLA report is /incident report.",
  reportAskImpact: (text: string) =>
    [`You reported: ${text}`, "How much does it affect you?", ...Object.entries(IMPACT).map(([s, i]) => `${s}: ${i.meaning}`)].join("\n"),
  impactButton: (severity: Severity) => IMPACT[severity].button,
  reportOpened: (key: string, severity: Severity) =>
    `Thank you. Your report is ${key} (${severity}). We will tell you here when it is acknowledged, mitigated and resolved.`,
  reportAlreadyOpened: (key: string) => `This report is already ${key}.`,
  draftUnknown: "That report was not found; please send /report again.",

  // My tickets
  myTicketsStaff: "/mytickets lists a customer contact's own tickets; use /incident list to see incidents.",
  myTicketsEmpty: (org: string) => `${org} has no open incidents.`,
  myTicketsTitle: (org: string, count: number) => `${org}: ${count} open incident${count === 1 ? "" : "s"}`,
  myTicketsLine: (key: string, severity: Severity, status: Status, title: string) => `${key} · ${severity} · ${STATUS_WORD[status]} — ${title}`,

  // Updates to the reporting contact
  contactAcknowledged: (key: string, title: string) => `${key} (${title}) was acknowledged: an engineer is working on it.`,
  contactMitigated: (key: string, note?: string) => `${key}: service is restored, possibly by a workaround${note ? `: ${note}` : "."} We are still working on a permanent fix.`,
  contactReopened: (key: string) => `${key} was reopened; we are working on it again.`,
  confirmQuestion: (key: string, note: string) => `${key} was resolved: ${note}. Is it fixed?`,
  confirmYes: "Yes, close it",
  confirmNo: "No, still broken",
  confirmAnsweredYes: (key: string, note: string) => `${key} was resolved: ${note}.\n✔ You confirmed it is fixed.`,
  confirmAnsweredNo: (key: string, note: string) => `${key} was resolved: ${note}.\n✖ You told us it is still broken.`,
  confirmClosedByTeam: (key: string, note: string) => `${key} was resolved: ${note}.\nThis question has closed.`,
  confirmThanks: (key: string) => `Thank you. ${key} is closed.`,
  confirmAskReason: (key: string) => `Sorry it is still broken. ${key} is reopened and the engineer has been alerted. What is still wrong? Reply here in a few words.`,
  reasonThanks: (key: string) => `Thank you, we passed that on to the team working on ${key}.`,
  checkNotYours: "This question was asked of someone else.",
  checkOver: (key: string) => `${key} is no longer waiting for your confirmation.`,
  waitingOnYou: (key: string, title: string, what: string) =>
    `The team working on ${key} (${title}) needs something from you: ${what}. Please reply here.`,
  answerThanks: (key: string) => `Thank you, we passed your answer on to the team working on ${key}.`,
  deemedConfirmed: (key: string) => `We did not hear back, so ${key} is now closed. If the problem comes back, send /report.`,

  // Team-side messages about the customer's answers
  threadConfirmed: (name: string, key: string) => `✔ ${name} confirmed ${key} is fixed; closed.`,
  threadRejected: (name: string, key: string) => `✖ ${name} says ${key} is still broken; reopened.`,
  threadReason: (name: string, reason: string) => `💬 ${name}: ${reason}`,
  threadDeemed: (key: string) => `${key} closed: the customer did not answer by the end of the next working day (deemed confirmed).`,
  alertRejected: (key: string, title: string, name: string) => `⚠️ ${name} says ${key} (${title}) is still broken; it was reopened.`,
  alertReason: (key: string, name: string, reason: string) => `💬 ${name} on ${key}: ${reason}`,

  // Surveys
  surveyQuestion: (key: string) => `How satisfied are you with how ${key} was handled?\n1 = very dissatisfied, 5 = very satisfied.`,
  surveyAnswer: (key: string, score: number, until: string) =>
    `How satisfied are you with how ${key} was handled?\nYour answer: ${score}/5. You can change it until ${until}.`,
  surveyReminder: (key: string, until: string) => `A reminder: how satisfied are you with how ${key} was handled? The survey closes ${until}.`,
  surveyClosed: (key: string, score?: number) => `The survey for ${key} has closed.${score ? ` Your answer: ${score}/5. Thank you!` : ""}`,
  surveyAskComment: (score: number) => `Thank you for the ${score}/5. Anything you would like to add? Type a comment, or press Skip.`,
  skip: "Skip",
  commentThanks: "Thank you for your comment.",
  skipThanks: "Thank you, noted.",
  nothingToSkip: "There is no comment waiting.",
  surveyNotYours: "This survey is not yours: only the contact it was sent to can answer it.",
  surveyOver: (key: string) => `The survey for ${key} has closed; thank you anyway.`,
  surveyNotOpen: "That survey is not open yet.",

  // Complaints
  dutyComplaint: (key: string, org: string, name: string, score: number, assignee: string, title: string) =>
    `😟 Complaint on ${key} (${org}): ${name} rated ${score}/5. Assignee: ${assignee}. ${title}`,
  dutyComplaintComment: (key: string, name: string, comment: string) => `💬 ${name} commented on the ${key} complaint: ${comment}`,
  complaintBadAction: (word: string) => `“${word}” is not a complaint action (use reviewed).`,
  complaintNone: (key: string) => `${key} has no open complaint.`,
  complaintReviewed: (key: string) => `The complaint on ${key} is marked reviewed.`,
  threadComplaintReviewed: (actor: string, key: string, note: string) => `${actor} reviewed the complaint on ${key}: ${note}`,

  // CSAT report
  csatTitle: "Customer satisfaction (CSAT)",
  csatNone: "No surveys were sent in this period.",
  csatSummary: (average: number | undefined, answered: number, sent: number, rate: number | undefined) =>
    `Average ${average === undefined ? "—" : average.toFixed(2)} from ${answered} answer${answered === 1 ? "" : "s"}; response rate ${answered}/${sent}${rate === undefined ? "" : ` (${pct(rate)})`}`,
  csatDistribution: (counts: readonly number[]) => `Scores: ${counts.map((n, i) => `${i + 1}★ ${n}`).join(" · ")}`,
  csatComplaints: (total: number, open: number) => `Complaints: ${total} (${open} open)`,
  csatAssignee: (name: string, average: number | undefined, answered: number, sent: number, complaints: number) =>
    `${name}: ${average === undefined ? "—" : average.toFixed(2)} (${answered}/${sent} answered, ${complaints} complaint${complaints === 1 ? "" : "s"})`,

  // Free text nobody asked for
  unexpectedText: "I was not expecting a message. Report a problem with /report <what is wrong>, or see your tickets with /mytickets.",
};
