// The customer loop's buttons share the one button codec (core/commands/action-id.ts).
import { decodeButton, encodeButton, type ButtonAction } from "../commands/action-id.js";

/** A button of the customer loop, decoded from its compact action id. */
export type CustomerAction = Exclude<ButtonAction, { kind: "incident" }>;

/** The neutral action id of a customer-loop button. */
export function encodeCustomerAction(action: CustomerAction): string {
  return encodeButton(action);
}

/** The customer-loop button behind an action id, or undefined for anything else. */
export function decodeCustomerAction(id: string): CustomerAction | undefined {
  const action = decodeButton(id);
  return action && action.kind !== "incident" ? action : undefined;
}
