import type { Severity } from "../incident/types.js";
import type { CommandName } from "./command-types.js";

/** Card buttons: the command they stand for and the incident number. */
export type ButtonCommand = Extract<CommandName, "ack" | "mitigate" | "resolve" | "escalate">;
const BUTTONS: readonly ButtonCommand[] = ["ack", "mitigate", "resolve", "escalate"];

/** Every button Vigil shows, decoded from its action id: an incident card's, or the customer loop's. */
export type ButtonAction =
  | { kind: "incident"; command: ButtonCommand; number: number }
  | { kind: "severity"; draftId: number; severity: Severity }
  | { kind: "confirm"; checkId: number; fixed: boolean }
  | { kind: "score"; surveyId: number; score: number }
  | { kind: "skipComment"; surveyId: number }
  /** Staff answering "which organisation?" for an open that did not say: the offered org's position. */
  | { kind: "organisation"; draftId: number; choice: number };

// Telegram allows 64 bytes of callback data: `inc:escalate:999999999` is 22, a customer button
// (`s:123456789:5`) 13. They carry nothing a presser could abuse except ids, which the app
// checks against the presser.
const INCIDENT = /^inc:([a-z]+):(\d{1,9})$/;
const CUSTOMER = /^([rcs]):(\d{1,9}):([1-5]|[yn]|x|P[1-4])$/;
const ORGANISATION = /^o:(\d{1,9}):(\d{1,2})$/;

/** The neutral action id of a button (the one codec for every button). */
export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case "incident":
      return `inc:${action.command}:${action.number}`;
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

/** The button behind an action id, or undefined for anything Vigil did not issue. */
export function decodeButton(id: string): ButtonAction | undefined {
  const card = INCIDENT.exec(id);
  if (card) return BUTTONS.includes(card[1] as ButtonCommand) ? { kind: "incident", command: card[1] as ButtonCommand, number: Number(card[2]) } : undefined;
  const org = ORGANISATION.exec(id);
  if (org) return { kind: "organisation", draftId: Number(org[1]), choice: Number(org[2]) };
  const match = CUSTOMER.exec(id);
  if (!match) return undefined;
  const [, letter, rawId, value] = match;
  const n = Number(rawId);
  if (letter === "r" && /^P[1-4]$/.test(value)) return { kind: "severity", draftId: n, severity: value as Severity };
  if (letter === "c" && (value === "y" || value === "n")) return { kind: "confirm", checkId: n, fixed: value === "y" };
  if (letter === "s" && /^[1-5]$/.test(value)) return { kind: "score", surveyId: n, score: Number(value) };
  if (letter === "s" && value === "x") return { kind: "skipComment", surveyId: n };
  return undefined;
}

/** The action id of a card button: `inc:<command>:<number>`, readable in logs. */
export function encodeActionId(command: ButtonCommand, number: number): string {
  return encodeButton({ kind: "incident", command, number });
}
