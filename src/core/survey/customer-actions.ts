import type { Severity } from "../incident/types.js";

/** A button of the customer loop, decoded from its compact action id. */
export type CustomerAction =
  | { kind: "severity"; draftId: number; severity: Severity }
  | { kind: "confirm"; checkId: number; fixed: boolean }
  | { kind: "score"; surveyId: number; score: number }
  | { kind: "skipComment"; surveyId: number }
  /** Staff answering "which organisation?" for an open that did not say: the offered org's position. */
  | { kind: "organisation"; draftId: number; choice: number };

// Telegram allows 64 bytes of callback data: one letter, an id and one value stay far below
// it (`s:123456789:5` is 13 bytes) and carry nothing a presser could abuse except ids, which
// the app checks against the presser.
const PATTERN = /^([rcs]):(\d{1,9}):([1-5]|[yn]|x|P[1-4])$/;
const ORGANISATION = /^o:(\d{1,9}):(\d{1,2})$/;

/** The neutral action id of a customer-loop button. */
export function encodeCustomerAction(action: CustomerAction): string {
  switch (action.kind) {
    case "severity":
      return `r:${action.draftId}:${action.severity}`;
    case "confirm":
      return `c:${action.checkId}:${action.fixed ? "y" : "n"}`;
    case "score":
      return `s:${action.surveyId}:${action.score}`;
    case "skipComment":
      return `s:${action.surveyId}:x`;
    case "organisation":
      return `o:${action.draftId}:${action.choice}`;
  }
}

/** The customer-loop button behind an action id, or undefined for anything else. */
export function decodeCustomerAction(id: string): CustomerAction | undefined {
  const org = ORGANISATION.exec(id);
  if (org) return { kind: "organisation", draftId: Number(org[1]), choice: Number(org[2]) };
  const match = PATTERN.exec(id);
  if (!match) return undefined;
  const [, letter, rawId, value] = match;
  const n = Number(rawId);
  if (letter === "r" && /^P[1-4]$/.test(value)) return { kind: "severity", draftId: n, severity: value as Severity };
  if (letter === "c" && (value === "y" || value === "n")) return { kind: "confirm", checkId: n, fixed: value === "y" };
  if (letter === "s" && /^[1-5]$/.test(value)) return { kind: "score", surveyId: n, score: Number(value) };
  if (letter === "s" && value === "x") return { kind: "skipComment", surveyId: n };
  return undefined;
}
