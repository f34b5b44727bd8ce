import type { CustomerRight } from "../commands/customer-command-types.js";
import type { Role } from "./types.js";

/** Everything a person can ask Vigil to do. */
export type Right =
  | CustomerRight
  | "open"
  | "ack"
  | "note"
  | "assign"
  | "mitigate"
  | "resolve"
  | "escalate"
  | "close"
  | "reopen"
  | "severity"
  | "show"
  | "list"
  | "help"
  | "wait"
  | "postmortem"
  | "oncall"
  | "report"
  | "set-oncall"
  | "silence";

const ENGINEER: readonly Right[] = [
  "open", "ack", "note", "assign", "mitigate", "resolve", "escalate", "show", "list", "help", "wait", "postmortem", "oncall", "silence",
];
// Reports compare every organisation's figures, so they are for leads; contacts are refused.
const LEAD: readonly Right[] = [...ENGINEER, "close", "reopen", "severity", "report", "set-oncall"];

/** Rights per role (product.md, "People and rights"). Contacts see only their organisation. */
export const RIGHTS: Record<Role, readonly Right[]> = {
  engineer: ENGINEER,
  lead: [...LEAD, "invite", "complaint"],
  admin: [...LEAD, "invite", "complaint"],
  contact: ["open", "show", "list", "help", "report-problem", "mytickets"],
};

/** Whether a role may exercise a right. */
export function may(role: Role, right: Right): boolean {
  return RIGHTS[role].includes(right);
}

/** The least role that holds a right, for refusals that say who could do it. */
export function lowestRoleWith(right: Right): Role {
  const order: Role[] = ["contact", "engineer", "lead", "admin"];
  return order.find((role) => may(role, right)) ?? "admin";
}
