import type { CommandName } from "./command-types.js";

/** Card buttons: the command they stand for and the incident number. */
export type ButtonCommand = Extract<CommandName, "ack" | "mitigate" | "resolve" | "escalate">;
const BUTTONS: readonly ButtonCommand[] = ["ack", "mitigate", "resolve", "escalate"];

/**
 * Neutral action id of a card button: `inc:<command>:<number>`. Short enough for
 * Telegram's 64-byte callback data, readable in logs.
 */
export function encodeActionId(command: ButtonCommand, number: number): string {
  return `inc:${command}:${number}`;
}

/** The button behind an action id, or undefined for anything we did not issue. */
export function decodeActionId(id: string): { command: ButtonCommand; number: number } | undefined {
  const match = /^inc:([a-z]+):(\d{1,9})$/.exec(id);
  if (!match || !BUTTONS.includes(match[1] as ButtonCommand)) return undefined;
  return { command: match[1] as ButtonCommand, number: Number(match[2]) };
}
