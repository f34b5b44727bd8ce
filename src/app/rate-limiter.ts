import type { RateLimit } from "../ports/chat.js";

/**
 * Token buckets per channel: `burst` messages back to back, then `perChannelPerSecond`.
 * Time is passed in, so the fake clock drives it in tests.
 */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Take a token for `channel` at `now`; returns 0 if sent now, else ms to wait. */
  reserve(channel: string, limit: RateLimit | undefined, now: Date): number {
    if (!limit) return 0;
    const t = now.getTime();
    const bucket = this.buckets.get(channel) ?? { tokens: limit.burst, at: t };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perChannelPerSecond);
    bucket.at = t;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / limit.perChannelPerSecond) * 1000);
  }
}
