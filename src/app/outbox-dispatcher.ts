import type { Address, ChatAdapter, Platform } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { OutboxRow, Store } from "../ports/store.js";
import type { ProcessIdentity } from "../ports/process-identity.js";
import { DeadLetters } from "./dead-letters.js";
import { DispatcherLease } from "./dispatcher-lease.js";
import { DutyDigest } from "./duty-digest.js";
import { RowDelivery, type Outcome } from "./row-delivery.js";
import { PlatformRecovery, type RecoveryOptions } from "./platform-recovery.js";
import { ChannelRateLimiter, PlatformRateLimiter } from "./rate-limiter.js";
import { DEFAULT_RETRY_POLICY, decideAfterFailure, type RetryPolicy } from "./retry-policy.js";

/** Delivery tuning; defaults suit production. */
export interface DispatcherOptions extends RetryPolicy, RecoveryOptions {
  /** How long a claimed row stays ours without a heartbeat before another dispatcher may take it. */
  leaseMs: number;
  /** How often the background loop renews its leases and frees those of dead processes. */
  heartbeatMs: number;
  /** How often the background loop looks for due rows when nobody kicks it. */
  pollMs: number;
}

let instances = 0;

const DEFAULTS: DispatcherOptions = { ...DEFAULT_RETRY_POLICY, leaseMs: 30_000, heartbeatMs: 5_000, pollMs: 1000, probeMs: 2000 };

/**
 * Sends outbox rows after commit: in order per channel (one row in flight per channel),
 * paced per channel and per platform. A rate limit waits its Retry-After (a platform-wide one
 * pauses the platform) without using an attempt; transient errors back off with full jitter
 * for a long horizon; only a permanent error dead-letters a row. What a row does on its
 * platform (card edits, thread lines under their card, edits) is RowDelivery's.
 */
export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private readonly limiter = new ChannelRateLimiter();
  private readonly platformLimiter = new PlatformRateLimiter();
  /** Platforms paused by a platform-wide rate limit, until when (epoch ms). */
  private readonly pausedUntil = new Map<Platform, number>();
  private readonly recovery: PlatformRecovery;
  private readonly deadLetters: DeadLetters;
  private readonly digest: DutyDigest;
  private readonly rows: RowDelivery;
  /** This process's instance, owner of its outbox leases and of its inbox rows. */
  readonly lease: DispatcherLease;
  /** When a platform's global budget ran dry: how soon the loop should look again. */
  private wakeInMs?: number;
  private running = false;
  /** Paused or stopped: claim nothing more and hand back what was claimed but not yet sent. */
  private halted = false;
  private wake?: () => void;
  private kicked = false;
  private loop?: Promise<void>;
  private draining?: Promise<number>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    options: Partial<DispatcherOptions> = {},
    private readonly metrics?: Metrics,
    /** The duty lead's channels: where a dead-lettered row is reported. */
    alertChannels: readonly Address[] = [],
    /** This process; its id owns the leases (a stand-in that never sees others die by default). */
    identity: ProcessIdentity = { id: `dispatcher-${++instances}`, host: "local", pid: 0, isAlive: () => true },
    /** Whether a platform's adapter is connected; a platform that is not keeps its rows waiting. */
    private readonly isUp: (platform: Platform) => boolean = () => true,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.deadLetters = new DeadLetters(store, clock, logger, alertChannels, metrics);
    this.digest = new DutyDigest(store, alertChannels);
    this.rows = new RowDelivery(store, clock, logger);
    this.lease = new DispatcherLease(store, clock, logger, identity, this.options);
    this.recovery = new PlatformRecovery(store, logger, this.options);
  }

  /** Send everything due now; resolves when nothing due is left. Returns rows sent. */
  drain(): Promise<number> {
    // One drain at a time per process; callers arriving meanwhile share its result.
    this.draining ??= this.drainOnce().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainOnce(): Promise<number> {
    let sent = 0;
    this.wakeInMs = undefined;
    await this.lease.ready();
    for (;;) {
      if (this.halted) return sent;
      this.platformLimiter.settle();
      const now = this.clock.now();
      await this.recovery.probe(now, (platform) => this.isUp(platform) && (this.pausedUntil.get(platform) ?? 0) <= now.getTime());
      const quotas = this.globalQuotas(now);
      const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
      const rows = await this.store.transaction((tx) => tx.outbox.claimDue(now, leaseUntil, 50, quotas, this.lease.owner));
      for (const row of rows) this.platformLimiter.take(row.platform, 1);
      if (rows.length === 0) {
        this.noteDryPlatforms(quotas, now);
        return sent;
      }
      const outcomes = await Promise.all(rows.map((row) => this.deliver(row)));
      await this.rows.recordSent(outcomes.flatMap((o) => (o.posted ? [o.posted] : [])));
      sent += outcomes.filter((o) => o.sent).length;
      await this.recovery.delivered(rows.filter((_, i) => outcomes[i].sent).map((r) => r.platform), now);
    }
  }

  // What each globally limited platform may still send now; the claim takes no more.
  private globalQuotas(now: Date): Partial<Record<Platform, number>> {
    const quotas: Partial<Record<Platform, number>> = {};
    for (const [platform, adapter] of this.adapters) {
      if (!this.isUp(platform)) {
        // Not claimed, so no CPU spent on a platform that is down; coming up kicks the loop.
        quotas[platform] = 0;
        continue;
      }
      if ((this.pausedUntil.get(platform) ?? 0) > now.getTime()) {
        quotas[platform] = 0;
        continue;
      }
      const available = this.platformLimiter.available(platform, adapter.rateLimit, now);
      if (Number.isFinite(available)) quotas[platform] = Math.max(0, available);
    }
    return quotas;
  }

  // A platform that ran out of budget may still have due rows: look again once it has refilled.
  private noteDryPlatforms(quotas: Partial<Record<Platform, number>>, now: Date): void {
    for (const [platform, quota] of Object.entries(quotas) as [Platform, number][]) {
      if (quota > 0 || !this.isUp(platform)) continue;
      const paused = (this.pausedUntil.get(platform) ?? 0) - now.getTime();
      const wait = paused > 0 ? paused : this.platformLimiter.wakeInMs(platform, this.adapters.get(platform)?.rateLimit, now);
      this.wakeInMs = Math.min(this.wakeInMs ?? Infinity, wait);
    }
  }

  /** Ask the background loop to look now (called after each commit). */
  kick(): void {
    // Remembered, because a kick that lands while a drain is past its last claim would
    // otherwise be lost and its message would wait for the next poll.
    this.kicked = true;
    this.wake?.();
  }

  /** Run the background loop until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.halted = false;
    this.lease.startHeartbeat();
    this.loop = this.runLoop();
  }

  /**
   * Stop sending but keep this process's instance and heartbeat: a fleet leader that is demoted
   * still takes commands, and its inbox rows belong to the same instance (stopping the
   * heartbeat made them look orphaned, and another replica answered them a second time).
   * Rows claimed and not yet handed to a platform go back to the queue; resolves once
   * nothing is in flight.
   */
  async pause(): Promise<void> {
    this.running = false;
    this.halted = true;
    this.wake?.();
    await this.loop;
    await this.draining;
  }

  /** Stop sending and hand this instance's leases back (a clean stop of the process). */
  async stop(): Promise<void> {
    await this.pause();
    await this.lease.stop();
  }

  /** Pending rows and when the next one is due (for "wait until delivered"). */
  pending(): Promise<{ count: number; nextDueAt?: Date }> {
    return this.store.outbox.pendingSummary();
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      try {
        await this.drain();
      } catch (error) {
        this.logger.error({ err: error }, "outbox drain failed");
      }
      if (this.kicked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(this.options.pollMs, this.wakeInMs ?? Infinity));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Deliver one claimed row. */
  private async deliver(row: OutboxRow): Promise<Outcome> {
    const now = this.clock.now();
    const adapter = this.adapters.get(row.platform);
    if (!adapter) {
      // Another process may run that platform's adapter; leave the row for it.
      await this.store.outbox.retryLater(row.id, new Date(now.getTime() + this.options.leaseMs), undefined, false, undefined, row.leaseOwner);
      return { sent: false };
    }
    // A stale card state is dropped before it takes one of the channel's sending slots.
    if (await this.rows.isStaleCard(row)) {
      this.platformLimiter.refund(row.platform, adapter.rateLimit);
      await this.store.outbox.complete(row.id, "superseded", now);
      return { sent: false };
    }
    const pace = adapter.rateLimit?.channelLimit?.(row.channelId) ?? adapter.rateLimit;
    const channel = `${row.platform}:${row.channelId}`;
    if (pace && !this.limiter.knows(channel)) this.limiter.resume(channel, pace, await this.store.outbox.lastSentAt(row.platform, row.channelId, Math.ceil(pace.burst)), now);
    const wait = this.limiter.reserve(channel, pace, now);
    if (wait > 0) {
      this.platformLimiter.refund(row.platform, adapter.rateLimit);
      // A row a dead sender may have posted keeps that mark while it waits for its turn.
      await this.store.outbox.retryLater(row.id, new Date(now.getTime() + wait), undefined, false, undefined, row.leaseOwner);
      return { sent: false };
    }
    if (this.halted) {
      // Paused while this batch waited (a demoted leader): the next sender takes the row.
      this.platformLimiter.refund(row.platform, adapter.rateLimit);
      await this.store.outbox.retryLater(row.id, now, undefined, false, undefined, row.leaseOwner);
      return { sent: false };
    }
    this.platformLimiter.sent(row.platform, this.clock.now());
    try {
      const outcome = await this.rows.send(adapter, await this.digest.fold(row, now));
      if (outcome.sent) this.metrics?.outboxResult(row.platform, "sent");
      return outcome;
    } catch (error) {
      await this.handleFailure(row, error);
      return { sent: false };
    }
  }

  private async handleFailure(row: OutboxRow, error: unknown): Promise<void> {
    const now = this.clock.now();
    const decision = decideAfterFailure(row, error, now, this.options);
    if (decision.kind === "dead") return this.deadLetters.bury(row, decision.reason);
    const message = error instanceof Error ? error.message : String(error);
    const until = now.getTime() + decision.delayMs;
    if (decision.countAttempt) this.recovery.failed(row.platform, now);
    if (decision.pausePlatform) {
      this.pausedUntil.set(row.platform, Math.max(until, this.pausedUntil.get(row.platform) ?? 0));
      this.wakeInMs = Math.min(this.wakeInMs ?? Infinity, decision.delayMs);
    }
    const fields = { outboxId: row.id, attempts: row.attempts + (decision.countAttempt ? 1 : 0), delayMs: decision.delayMs, error: message };
    this.logger.warn(fields, decision.countAttempt ? "outbox delivery failed; will retry" : "outbox delivery rate limited; waiting");
    await this.store.outbox.retryLater(row.id, new Date(until), message, decision.countAttempt, decision.failingSince, row.leaseOwner);
    this.metrics?.outboxResult(row.platform, "retry");
  }
}
