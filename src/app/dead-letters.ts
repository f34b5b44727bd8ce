import { deliveryCopy } from "../core/messages/copy-delivery.js";
import type { Address } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { OutboxRow, Store } from "../ports/store.js";

// Alerts about dead letters carry this key, so a dead alert never alerts about itself.
const ALERT_KEY = "dead-letter-alert";
const PREVIEW_CHARS = 120;

/**
 * Ends a row for good, visibly: the dead-letter state in the database (with its error), a
 * metric, an error log line, and an alert to the duty lead on every other channel where one
 * is configured, queued in the same transaction so it is never lost either.
 */
export class DeadLetters {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly alertChannels: readonly Address[],
    private readonly metrics?: Metrics,
  ) {}

  async bury(row: OutboxRow, reason: string): Promise<void> {
    this.logger.error({ outboxId: row.id, attempts: row.attempts + 1, platform: row.platform, channelId: row.channelId, error: reason }, "giving up on outbox message");
    const now = this.clock.now();
    const elsewhere = row.messageKey?.startsWith(ALERT_KEY) ? [] : this.alertChannels.filter((a) => a.platform !== row.platform || a.channelId !== row.channelId);
    const preview = (row.message.title ?? row.message.text).slice(0, PREVIEW_CHARS);
    const text = deliveryCopy.deadLetter({ id: row.id, platform: row.platform, channelId: row.channelId, error: reason, preview });
    await this.store.transaction(async (tx) => {
      await tx.outbox.fail(row.id, reason);
      await tx.outbox.enqueueMany(
        elsewhere.map((to) => ({ platform: to.platform, channelId: to.channelId, kind: "post" as const, messageKey: `${ALERT_KEY}:${row.id}`, message: { title: deliveryCopy.deadLetterTitle, text }, createdAt: now })),
      );
    });
    this.metrics?.outboxResult(row.platform, "failed");
  }
}
