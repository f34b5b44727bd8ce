import type { ChangeAction, TransitionAction } from "./transitions.js";

/** Timeline entry kinds (stable identifiers stored in the database, not display text). */
export const TIMELINE = {
  opened: "opened",
  note: "note",
  assigned: "assigned",
  escalated: "escalated",
  severityChanged: "severity_changed",
  messageSent: "message_sent",
  slaWarning: "sla_warning",
  slaBreach: "sla_breach",
  slaRepeat: "sla_repeat",
  waiting: "waiting",
  resumed: "resumed",
  postmortem: "postmortem",
} as const;

/** The timeline kind each lifecycle action writes. */
export const TRANSITION_KIND: Record<TransitionAction, string> = {
  ack: "acknowledged",
  mitigate: "mitigated",
  resolve: "resolved",
  close: "closed",
  reopen: "reopened",
};

/** Timeline kinds written by alert ingestion. */
export const ALERT_TIMELINE = {
  firedAgain: "alert_fired_again",
  resolved: "alert_resolved",
  unrouted: "alert_unrouted",
  failure: "alert_failure",
  handlingOverdue: "alert_handling_overdue",
  silenced: "alert_silenced",
  backOnline: "alert_back_online",
} as const;

/** The timeline kind every change writes. */
export const CHANGE_KIND: Record<ChangeAction, string> = {
  ...TRANSITION_KIND,
  assign: TIMELINE.assigned,
  escalate: TIMELINE.escalated,
  severity: TIMELINE.severityChanged,
  note: TIMELINE.note,
};
