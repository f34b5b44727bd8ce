import type { Logger } from "../../ports/logger.js";

const RANK: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const LABEL = { info: "info", warn: "warning", error: "error" } as const;

/** One field as a person reads it: errors by their message (never a stack), lists joined. */
function show(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `warning: <message> (key: value; key: value)` — one short line per entry. */
export function formatLogLine(level: keyof typeof LABEL, fields: Record<string, unknown>, message: string): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key === "err" ? "error" : key}: ${show(value)}`);
  return `${LABEL[level]}: ${message}${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

/**
 * Short readable lines for the console, where a person reads the log beside the conversation
 * (servers keep JSON; `LOG_FORMAT=json` keeps it in the console too).
 */
export function createTextLogger(level: string, write: (line: string) => void): Logger {
  const min = RANK[level] ?? RANK.info;
  const at = (name: keyof typeof LABEL) => (fields: Record<string, unknown>, message: string) => {
    if (RANK[name] >= min) write(`${formatLogLine(name, fields, message)}\n`);
  };
  return { info: at("info"), warn: at("warn"), error: at("error") };
}
