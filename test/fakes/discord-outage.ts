import type { ServerResponse } from "node:http";
import type { FakeAnswer } from "./fake-discord-routes.js";

/**
 * A REST-wide fault of the fake Discord for a time window (fault-injection runs). It hits the
 * bot's own calls (Authorization: Bot …: messages, edits, threads, command registration);
 * interaction callbacks and interaction webhooks only with `interactions`, because Discord
 * serves those outside the bot's rate limits and they are how a person's command is answered.
 * The gateway stays up.
 */
export interface DiscordOutage {
  /** 429 rate limit, HTTP 500, no answer at all, or the connection reset. */
  kind: "429" | "500" | "hang" | "reset";
  /** Until when (Date.now() ms). */
  untilMs: number;
  /** Seconds to wait, as Discord's `retry_after` and Retry-After (429 only; default 1). */
  retryAfter?: number;
  /** The global limit (every route of the bot) rather than one route's bucket (429 only). */
  global?: boolean;
  /** Interaction callbacks and `/webhooks/…` (interaction replies) meet it too. */
  interactions?: boolean;
}

const INTERACTION_ROUTE = /^(POST|PATCH|GET|DELETE) \/(interactions|webhooks)\//;

/** Whether a call on `route` meets the outage now. */
export function meetsOutage(outage: DiscordOutage | undefined, route: string, now = Date.now()): outage is DiscordOutage {
  if (!outage || now >= outage.untilMs) return false;
  return outage.interactions === true || !INTERACTION_ROUTE.test(route);
}

/**
 * The answer Discord gives during the outage, or undefined when it gives none (hang: the
 * client's own time-out ends the call; reset: the socket is destroyed here).
 * https://discord.com/developers/docs/topics/rate-limits: a route's 429 carries its bucket
 * (X-RateLimit-Limit/-Remaining 0/-Reset/-Reset-After/-Bucket, Scope "user"); a global one
 * carries X-RateLimit-Global and Scope "global" and no bucket. Both have Retry-After in whole
 * seconds and the body `{ message, retry_after (seconds, may be fractional), global }`.
 * A 500 is `{ message: "500: Internal Server Error", code: 0 }`.
 */
export function discordOutageAnswer(outage: DiscordOutage, route: string, res: ServerResponse): FakeAnswer | undefined {
  if (outage.kind === "hang") return undefined;
  if (outage.kind === "reset") {
    res.socket?.destroy();
    return undefined;
  }
  if (outage.kind === "500") return { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
  const retryAfter = outage.retryAfter ?? 1;
  const body = { message: "You are being rate limited.", retry_after: retryAfter, global: outage.global === true };
  const common = { "retry-after": String(Math.ceil(retryAfter)) };
  if (outage.global) return { status: 429, headers: { ...common, "x-ratelimit-global": "true", "x-ratelimit-scope": "global" }, body };
  const bucket = {
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
    "x-ratelimit-reset-after": retryAfter.toFixed(3),
    "x-ratelimit-bucket": bucketHash(route),
    "x-ratelimit-scope": "user",
  };
  return { status: 429, headers: { ...common, ...bucket }, body };
}

// Discord names buckets by opaque hashes; one per route template is enough for discord.js.
function bucketHash(route: string): string {
  let h = 0;
  for (const c of route) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, "0");
}
