import { TIMELINE } from "../core/incident/timeline-kinds.js";
import { ChatDeliveryError, type ChatAdapter, type MessageRef, type Platform } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { OutboxRow, Store } from "../ports/store.js";
import { ChannelRateLimiter } from "./rate-limiter.js";

/** Delivery tuning; defaults suit production. */
export interface DispatcherOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed row stays ours before another dispatcher may take it. */
  leaseMs: number;
  /** How often the background loop looks for due rows when nobody kicks it. */
  pollMs: number;
}

const DEFAULTS: DispatcherOptions = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, leaseMs: 60_000, pollMs: 1000 };

/**
 * Sends outbox rows after commit: in order per channel (one row in flight per channel),
 * paced per channel, retried with exponential backoff or the platform's Retry-After, and
 * marked sent so a row is never sent twice. Card rows edit the card in place once posted.
 */
export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private readonly limiter = new ChannelRateLimiter();
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private draining?: Promise<number>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Send everything due now; resolves when nothing due is left. Returns rows sent. */
  drain(): Promise<number> {
    // One drain at a time per process; callers arriving meanwhile share its result.
    this.draining ??= this.drainOnce().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const rows = await this.store.transaction((tx) => tx.outbox.claimDue(now, new Date(now.getTime() + this.options.leaseMs), 50));
      if (rows.length === 0) return sent;
      const results = await Promise.all(rows.map((row) => this.deliver(row)));
      sent += results.filter(Boolean).length;
    }
  }

  /** Ask the background loop to look now (called after each commit). */
  kick(): void {
    this.wake?.();
  }

  /** Run the background loop until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runLoop();
  }

  /** Stop the background loop after its current pass. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Pending rows and when the next one is due (for "wait until delivered"). */
  pending(): Promise<{ count: number; nextDueAt?: Date }> {
    return this.store.outbox.pendingSummary();
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      try {
        await this.drain();
      } catch (error) {
        this.logger.error({ err: error }, "outbox drain failed");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Deliver one claimed row; true if it was sent. */
  private async deliver(row: OutboxRow): Promise<boolean> {
    const now = this.clock.now();
    const adapter = this.adapters.get(row.platform);
    if (!adapter) {
      // Another process may run that platform's adapter; leave the row for it.
      await this.store.outbox.retryLater(row.id, new Date(now.getTime() + this.options.leaseMs), undefined, false);
      return false;
    }
    const wait = this.limiter.reserve(`${row.platform}:${row.channelId}`, adapter.rateLimit, now);
    if (wait > 0) {
      await this.store.outbox.retryLater(row.id, new Date(now.getTime() + wait), undefined, false);
      return false;
    }
    try {
      return await this.send(adapter, row);
    } catch (error) {
      await this.handleFailure(row, error);
      return false;
    }
  }

  private async send(adapter: ChatAdapter, row: OutboxRow): Promise<boolean> {
    const link = row.incidentId !== undefined ? await this.store.links.find(row.incidentId, row.platform, row.channelId) : undefined;
    // A stale edit can be skipped when a newer one is queued; the first post cannot, because
    // thread replies queued after it need the card to exist.
    if (row.kind === "card" && link && (await this.store.outbox.hasNewerCard(row))) {
      await this.store.outbox.complete(row.id, "superseded", this.clock.now());
      return false;
    }
    if (row.kind === "card" && link) {
      await adapter.update(link, row.message);
      await this.store.outbox.complete(row.id, "sent", this.clock.now(), link.messageId);
      return true;
    }
    const threadId = row.kind === "thread" ? link?.messageId : undefined;
    const ref = await adapter.post({ platform: row.platform, channelId: row.channelId, ...(threadId ? { threadId } : {}) }, row.message);
    await this.recordSent(row, ref);
    return true;
  }

  private async recordSent(row: OutboxRow, ref: MessageRef): Promise<void> {
    const now = this.clock.now();
    await this.store.transaction(async (tx) => {
      await tx.outbox.complete(row.id, "sent", now, ref.messageId);
      if (row.incidentId === undefined) return;
      if (row.kind === "card") await tx.links.save(row.incidentId, ref, now);
      await tx.timeline.append({
        incidentId: row.incidentId,
        at: now,
        kind: TIMELINE.messageSent,
        platform: row.platform,
        details: { channelId: row.channelId, messageId: ref.messageId, kind: row.kind, text: row.message.text },
      });
    });
  }

  private async handleFailure(row: OutboxRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = row.attempts + 1;
    const permanent = error instanceof ChatDeliveryError && error.permanent;
    if (permanent || attempts >= this.options.maxAttempts) {
      this.logger.error({ err: error, outboxId: row.id, attempts, platform: row.platform, channelId: row.channelId }, "giving up on outbox message");
      await this.store.outbox.fail(row.id, message);
      return;
    }
    const retryAfter = error instanceof ChatDeliveryError ? error.retryAfterMs : undefined;
    const backoff = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** row.attempts);
    const delay = retryAfter ?? backoff;
    this.logger.warn({ outboxId: row.id, attempts, delayMs: delay, error: message }, "outbox delivery failed; will retry");
    await this.store.outbox.retryLater(row.id, new Date(this.clock.now().getTime() + delay), message, true);
  }
}
