import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/ports/logger.js";

/**
 * Presents Vigil's structured logger to Bolt and its WebClient, so their warnings (a
 * refused signature, a failed response_url) land in the same JSON log as ours.
 * Bolt's debug chatter is dropped: it includes request bodies.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = "slack";
  const format = (parts: unknown[]) =>
    parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => logger.info({ component: name }, format(parts)),
    warn: (...parts: unknown[]) => logger.warn({ component: name }, format(parts)),
    error: (...parts: unknown[]) => logger.error({ component: name }, format(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
