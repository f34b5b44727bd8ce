import type { Status } from "./types.js";

/** The lifecycle actions that move an incident between statuses. */
export type TransitionAction = "ack" | "mitigate" | "resolve" | "close" | "reopen";

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
export const EDIT_ALLOWED_IN: Record<"assign" | "escalate" | "severity" | "note", readonly Status[]> = {
  assign: ["open", "acknowledged", "mitigated", "resolved"],
  escalate: ["open", "acknowledged", "mitigated"],
  severity: ["open", "acknowledged", "mitigated", "resolved"],
  note: ["open", "acknowledged", "mitigated", "resolved", "closed"],
};

/** Whether `action` may be taken on an incident in `status`. */
export function canTransition(action: TransitionAction, status: Status): boolean {
  return TRANSITIONS[action].from.includes(status);
}
