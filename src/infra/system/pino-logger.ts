import { pino } from "pino";
import type { Logger } from "../../ports/logger.js";
import { createTextLogger } from "./text-logger.js";

/**
 * Logs on stderr (stdout belongs to the console adapter's conversation): JSON lines (pino) by
 * default, or short readable lines with `format: "text"`. `level` defaults to info; "silent"
 * turns logging off.
 */
export function createLogger(level = "info", format: "json" | "text" = "json"): Logger {
  if (format === "text") return createTextLogger(level, (line) => void process.stderr.write(line));
  const log = pino({ level, base: { app: "vigil" } }, pino.destination(2));
  return {
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
  };
}
