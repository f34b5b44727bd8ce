import type { Incident, Severity, Status } from "./types.js";

/** The lifecycle actions that move an incident between statuses. */
export type TransitionAction = "ack" | "mitigate" | "resolve" | "close" | "reopen";

/** Actions that edit an incident without moving it. */
export type EditAction = "assign" | "escalate" | "severity" | "note";

/**
 * Which statuses each action may start from, and where it leads. Mitigating or resolving
 * an open incident is allowed (whoever fixes it has obviously seen it) and counts as the
 * acknowledgement too; `mitigated` may be skipped on the way to `resolved`.
 */
export const TRANSITIONS: Record<TransitionAction, { from: readonly Status[]; to: Status }> = {
  ack: { from: ["open"], to: "acknowledged" },
  mitigate: { from: ["open", "acknowledged"], to: "mitigated" },
  resolve: { from: ["open", "acknowledged", "mitigated"], to: "resolved" },
  close: { from: ["resolved"], to: "closed" },
  reopen: { from: ["resolved", "closed"], to: "acknowledged" },
};

/** Statuses in which the incident is still being worked on. */
export const ACTIVE_STATUSES: readonly Status[] = ["open", "acknowledged", "mitigated"];

/** Actions that edit an incident without moving it, and where they are allowed. */
export const EDIT_ALLOWED_IN: Record<EditAction, readonly Status[]> = {
  assign: ["open", "acknowledged", "mitigated", "resolved"],
  escalate: ["open", "acknowledged", "mitigated"],
  severity: ["open", "acknowledged", "mitigated", "resolved"],
  note: ["open", "acknowledged", "mitigated", "resolved", "closed"],
};

/** Whether `action` may be taken on an incident in `status`. */
export function canTransition(action: TransitionAction, status: Status): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/**
 * One change to an incident, whoever asks for it (a command, a button, the customer's answer,
 * a deadline, the SLA engine). `by` is the person who made it; absent when Vigil did.
 */
export type IncidentChange =
  | { action: "ack"; by?: string }
  | { action: "mitigate"; by?: string; note?: string }
  | { action: "resolve"; by?: string; note: string }
  | { action: "close"; by?: string }
  | { action: "reopen"; by?: string; reason?: string }
  | { action: "assign"; by?: string; assigneeId: string }
  | { action: "escalate"; by?: string; tier: number; severity: Severity }
  | { action: "severity"; by?: string; severity: Severity }
  | { action: "note"; by?: string; text: string };

/** Every action a change can carry. */
export type ChangeAction = IncidentChange["action"];

/** The outcome of {@link transition}: the incident after the change, or why the table refuses it. */
export type Transitioned = { ok: true; incident: Incident } | { ok: false; action: ChangeAction; status: Status };

/** Whether the table lets `action` be taken on an incident in `status`. */
export function allowed(action: ChangeAction, status: Status): boolean {
  return action in TRANSITIONS ? canTransition(action as TransitionAction, status) : EDIT_ALLOWED_IN[action as EditAction].includes(status);
}

/**
 * Apply one change at `at`, or refuse it when the table does not allow it from the incident's
 * status. The only place an incident's status (and the times that go with it) is written.
 */
export function transition(incident: Incident, change: IncidentChange, at: Date): Transitioned {
  if (!allowed(change.action, incident.status)) return { ok: false, action: change.action, status: incident.status };
  return { ok: true, incident: applyChange(incident, change, at) };
}

function applyChange(incident: Incident, change: IncidentChange, at: Date): Incident {
  switch (change.action) {
    case "assign":
      return { ...incident, assigneeId: change.assigneeId };
    case "escalate":
      return { ...incident, tier: change.tier, severity: change.severity };
    case "severity":
      return { ...incident, severity: change.severity };
    case "note":
      return incident;
    default:
      return move(incident, change, at);
  }
}

function move(incident: Incident, change: Extract<IncidentChange, { action: TransitionAction }>, at: Date): Incident {
  const next: Incident = { ...incident, status: TRANSITIONS[change.action].to };
  // Whoever mitigates or resolves an open incident has evidently responded to it.
  if (!next.acknowledgedAt && change.action !== "close") {
    next.acknowledgedAt = at;
    next.acknowledgedById = change.by;
  }
  if (change.action === "mitigate") next.mitigatedAt = at;
  if (change.action === "resolve") {
    next.resolvedAt = at;
    next.mitigatedAt ??= at;
    next.resolution = change.note;
  }
  if (change.action === "close") next.closedAt = at;
  if (change.action === "reopen") {
    next.reopenedAt = at;
    next.resolvedAt = undefined;
    next.closedAt = undefined;
    next.resolution = undefined;
  }
  return next;
}
