import type { Platform } from "../ports/chat.js";
import type { Logger } from "../ports/logger.js";
import type { Store } from "../ports/store.js";

/** Probe tuning. */
export interface RecoveryOptions {
  /** How often one backed-off row of a failing platform is tried ahead of its backoff (jittered ±25 %). */
  probeMs: number;
  random: () => number;
}

/**
 * Rows that backed off for minutes during an outage must not keep a platform silent for
 * minutes after it answers again. While a platform fails with transient errors, one of its
 * backed-off rows is made due ahead of its backoff once per probe interval; the first delivery
 * that goes through makes everything the platform has backing off due at once.
 */
export class PlatformRecovery {
  /** Failing platforms and when to probe them next (epoch ms). */
  private readonly probeAt = new Map<Platform, number>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: RecoveryOptions,
  ) {}

  /** A delivery on `platform` failed with a transient error. */
  failed(platform: Platform, now: Date): void {
    if (!this.probeAt.has(platform)) this.probeAt.set(platform, now.getTime() + this.delayMs());
  }

  /** Make one backed-off row due on each failing platform whose probe is due and that `canSend`. */
  async probe(now: Date, canSend: (platform: Platform) => boolean): Promise<void> {
    for (const [platform, at] of this.probeAt) {
      if (at > now.getTime() || !canSend(platform)) continue;
      this.probeAt.set(platform, now.getTime() + this.delayMs());
      await this.store.outbox.retryFailingNow(platform, now, 1);
    }
  }

  /** These platforms delivered: those that were failing have their backed-off rows due now. */
  async delivered(platforms: Platform[], now: Date): Promise<void> {
    for (const platform of new Set(platforms)) {
      if (!this.probeAt.delete(platform)) continue;
      const woken = await this.store.outbox.retryFailingNow(platform, now);
      this.logger.info({ platform, rows: woken }, "platform answers again; its backed-off messages are due now");
    }
  }

  private delayMs(): number {
    return Math.round(this.options.probeMs * (0.75 + this.options.random() / 2));
  }
}
