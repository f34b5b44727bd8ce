import { ChatDeliveryError } from "../ports/chat.js";
import type { OutboxRow } from "../ports/store.js";

/** How the outbox waits after a failed delivery. */
export interface RetryPolicy {
  /** First backoff ceiling after a transient error; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a row keeps retrying transient errors (5xx, network, time-outs) before it is dead-lettered. */
  giveUpAfterMs: number;
  /** Uniform in [0, 1]; injected so tests can pin the jitter. */
  random: () => number;
}

/** What to do with a row whose delivery failed. */
export type FailureDecision =
  | { kind: "dead"; reason: string }
  | { kind: "wait"; delayMs: number; countAttempt: boolean; failingSince?: Date; pausePlatform: boolean };

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  giveUpAfterMs: 24 * 3_600_000,
  random: Math.random,
};

// A retry never comes back sooner than this, so full jitter cannot spin on a dead platform.
const MIN_DELAY_MS = 100;
// Spread over which rows told to wait the same Retry-After come back, so they do not return as one herd.
const MAX_RATE_LIMIT_JITTER_MS = 1000;

/**
 * A rate limit waits its Retry-After plus jitter and uses up no attempt; a permanent error ends
 * the row; a transient one backs off exponentially with full jitter until the horizon since the
 * first failure of this run has passed.
 */
export function decideAfterFailure(row: OutboxRow, error: unknown, now: Date, policy: RetryPolicy): FailureDecision {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ChatDeliveryError && error.retryAfterMs !== undefined) {
    const jitter = policy.random() * Math.min(MAX_RATE_LIMIT_JITTER_MS, error.retryAfterMs / 4);
    return { kind: "wait", delayMs: Math.ceil(error.retryAfterMs + jitter), countAttempt: false, pausePlatform: error.platformWide };
  }
  if (error instanceof ChatDeliveryError && error.permanent) return { kind: "dead", reason: message };
  const failingSince = row.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= policy.giveUpAfterMs) return { kind: "dead", reason: `${message} (still failing after ${Math.round(policy.giveUpAfterMs / 60_000)} min)` };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(row.attempts, 40));
  const delayMs = Math.max(MIN_DELAY_MS, Math.round(policy.random() * ceiling));
  return { kind: "wait", delayMs, countAttempt: true, failingSince, pausePlatform: false };
}
