/** Structured logging; implementations write JSON lines (pino). */
export interface Logger {
  /** Routine facts worth keeping (started, delivered). */
  info(fields: Record<string, unknown>, message: string): void;
  /** Something went wrong but was handled (a retry, a refused request). */
  warn(fields: Record<string, unknown>, message: string): void;
  /** Something went wrong unexpectedly; fields should carry the error and a reference id. */
  error(fields: Record<string, unknown>, message: string): void;
}
