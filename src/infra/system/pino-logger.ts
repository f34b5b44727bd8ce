import { pino } from "pino";
import type { Logger } from "../../ports/logger.js";

/**
 * JSON logs on stderr (stdout belongs to the console adapter's conversation).
 * `level` defaults to info; "silent" turns logging off.
 */
export function createLogger(level = "info"): Logger {
  const log = pino({ level, base: { app: "vigil" } }, pino.destination(2));
  return {
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
  };
}
