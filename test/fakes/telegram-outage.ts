import type { ServerResponse } from "node:http";

/** A Bot-API-wide fault for a time window (fault-injection runs): every call meets it, getUpdates too. */
export interface TelegramOutage {
  /** 429 flood wait, HTTP 500, no answer at all, or the connection reset. */
  kind: "429" | "500" | "hang" | "reset";
  /** Until when (Date.now() ms). */
  untilMs: number;
  /** Seconds for `parameters.retry_after` (429 only; default 1). */
  retryAfter?: number;
}

/**
 * Answers a call as the outage dictates, the way the Bot API does: a flood wait is HTTP 429
 * with `parameters.retry_after` in the body (Telegram sends no Retry-After header), a server
 * error is HTTP 500 with `ok:false`. Returns the status recorded for the call (0: no answer).
 */
export function meetTelegramOutage(outage: TelegramOutage, res: ServerResponse): { status: number; response?: Record<string, unknown> } {
  if (outage.kind === "hang") return { status: 0 }; // never answered; the client's own time-out ends it
  if (outage.kind === "reset") {
    res.socket?.destroy();
    return { status: 0 };
  }
  const retryAfter = outage.retryAfter ?? 1;
  const response =
    outage.kind === "429"
      ? { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }
      : { ok: false, error_code: 500, description: "Internal Server Error" };
  res.writeHead(response.error_code, { "content-type": "application/json" }).end(JSON.stringify(response));
  return { status: response.error_code, response };
}
