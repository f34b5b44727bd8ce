import type { Platform, RateLimit } from "../ports/chat.js";

type Pace = Pick<RateLimit, "perChannelPerSecond" | "burst">;

// Buckets that are full again carry no information; past this many channels they are dropped.
const MAX_IDLE_BUCKETS = 10_000;

/**
 * Token buckets per channel: `burst` messages back to back, then `perChannelPerSecond`.
 * Time is passed in, so the fake clock drives it in tests.
 */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Take a token for `channel` at `now`; returns 0 if sent now, else ms to wait. */
  reserve(channel: string, limit: Pace | undefined, now: Date): number {
    if (!limit) return 0;
    const t = now.getTime();
    if (this.buckets.size > MAX_IDLE_BUCKETS) this.prune(t, limit);
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

  /** Whether `channel` has a bucket in this process (else {@link resume} should seed it first). */
  knows(channel: string): boolean {
    return this.buckets.has(channel);
  }

  /**
   * Start `channel`'s bucket from when its last messages went out (from any process): a process
   * that restarts or takes over sending must not begin with a full burst the previous sender
   * just spent. Whatever the bucket held before, at most `burst` minus the sends of the last
   * `burst / perChannelPerSecond` seconds can be left, so this never allows more than the
   * platform's own bucket would.
   */
  resume(channel: string, limit: Pace | undefined, recentSends: readonly Date[], now: Date): void {
    if (!limit) return;
    const t = now.getTime();
    const windowMs = (limit.burst / limit.perChannelPerSecond) * 1000;
    const spent = recentSends.filter((at) => t - at.getTime() < windowMs).length;
    this.buckets.set(channel, { tokens: Math.max(0, limit.burst - spent), at: t });
  }

  private prune(t: number, limit: Pace): void {
    for (const [channel, bucket] of this.buckets) {
      if (bucket.tokens + ((t - bucket.at) / 1000) * limit.perChannelPerSecond >= limit.burst) this.buckets.delete(channel);
    }
  }
}

/**
 * One token bucket per platform for its global rate (Telegram: ~30 messages/s). The
 * dispatcher asks how many rows it may claim *before* claiming, so rows beyond the budget
 * stay in the queue instead of being claimed and pushed back one by one (which would make
 * them all due again at the same instant: a thundering herd).
 *
 * The bucket holds a quarter of a second of messages: small against the platform's own
 * allowance (Telegram tolerates about a second's worth), so a burst plus network jitter never
 * trips it, yet large enough that a busy moment (a slow database write, a late timer) does
 * not waste budget at the cap. The dispatcher wakes when half of it has refilled.
 *
 * A bucket alone lets its burst come on top of a full second's rate: the fleet-pacing bench
 * saw 38 messages in one second at 30/s. So the sends of the last second are counted too,
 * stamped when each is handed to the platform (a claim's database round trip comes between
 * the grant and the send, and varies), together with the rows claimed and not yet sent: no
 * more than `globalPerSecond` go out in any one second.
 */
export class PlatformRateLimiter {
  private readonly buckets = new Map<Platform, { tokens: number; at: number }>();
  /** When each platform's sends of the last second went out (epoch ms, oldest first). */
  private readonly recent = new Map<Platform, number[]>();
  /** Rows claimed for each platform and not yet sent or given back. */
  private readonly claimed = new Map<Platform, number>();

  /** Whole tokens available to `platform` at `now` (Infinity without a global limit). */
  available(platform: Platform, limit: RateLimit | undefined, now: Date): number {
    if (!limit?.globalPerSecond) return Infinity;
    const tokens = Math.floor(this.refill(platform, limit.globalPerSecond, now).tokens);
    const inSecond = this.lastSecond(platform, now.getTime()).length + (this.claimed.get(platform) ?? 0);
    return Math.min(tokens, limit.globalPerSecond - inSecond);
  }

  /** Spend `n` tokens (rows just claimed). */
  take(platform: Platform, n: number): void {
    const bucket = this.buckets.get(platform);
    if (!bucket) return;
    bucket.tokens -= n;
    this.claimed.set(platform, (this.claimed.get(platform) ?? 0) + n);
  }

  /** A claimed row is handed to the platform now: it counts in the last second from here. */
  sent(platform: Platform, now: Date): void {
    if (!this.buckets.has(platform)) return;
    this.unclaim(platform);
    const recent = this.recent.get(platform) ?? [];
    recent.push(now.getTime());
    this.recent.set(platform, recent);
  }

  /** Give a token back (a claimed row was not sent after all, e.g. its channel was paced). */
  refund(platform: Platform, limit: RateLimit | undefined): void {
    const bucket = this.buckets.get(platform);
    if (!bucket || !limit?.globalPerSecond) return;
    bucket.tokens = Math.min(burstOf(limit.globalPerSecond), bucket.tokens + 1);
    this.unclaim(platform);
  }

  /** Nothing claimed is in flight any more (between two claims; a failed pass leaves no debt). */
  settle(): void {
    this.claimed.clear();
  }

  private unclaim(platform: Platform): void {
    this.claimed.set(platform, Math.max(0, (this.claimed.get(platform) ?? 0) - 1));
  }

  /** Milliseconds until half the bucket has refilled and the last second has room (when to look again after running dry). */
  wakeInMs(platform: Platform, limit: RateLimit | undefined, now: Date): number {
    if (!limit?.globalPerSecond) return 0;
    const bucket = this.refill(platform, limit.globalPerSecond, now);
    const want = Math.max(1, Math.floor(burstOf(limit.globalPerSecond) / 2));
    const refilled = Math.ceil(((want - bucket.tokens) / limit.globalPerSecond) * 1000);
    // The window has room for `want` once that many of its oldest sends are a second old.
    const recent = this.lastSecond(platform, now.getTime());
    const over = recent.length + want - limit.globalPerSecond;
    const roomy = over > 0 ? recent[Math.min(over, recent.length) - 1] + WINDOW_MS - now.getTime() : 0;
    return Math.max(0, refilled, roomy);
  }

  // The grants of the last second at `t`, older ones dropped.
  private lastSecond(platform: Platform, t: number): number[] {
    const recent = this.recent.get(platform) ?? [];
    let old = 0;
    while (old < recent.length && recent[old] <= t - WINDOW_MS) old++;
    if (old) recent.splice(0, old);
    return recent;
  }

  private refill(platform: Platform, perSecond: number, now: Date): { tokens: number; at: number } {
    const t = now.getTime();
    const burst = burstOf(perSecond);
    const bucket = this.buckets.get(platform) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    this.buckets.set(platform, bucket);
    return bucket;
  }
}

const WINDOW_MS = 1000;

function burstOf(perSecond: number): number {
  return Math.max(1, Math.round(perSecond / 4));
}
