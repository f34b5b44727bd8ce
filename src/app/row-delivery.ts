import { TIMELINE } from "../core/incident/timeline-kinds.js";
import { deliveryCopy } from "../core/messages/copy-delivery.js";
import { ChatDeliveryError, type ChatAdapter, type MessageRef, type PostDelivery } from "../ports/chat.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { OutboxRow, Store } from "../ports/store.js";

/** What delivering one claimed row did; a post's message id is recorded with its batch. */
export type Outcome = { sent: boolean; posted?: { row: OutboxRow; ref: MessageRef } };

/**
 * What one outbox row does on its platform, once the dispatcher has decided it goes now: card
 * rows edit the card in place once posted (and re-post a deleted one); a thread line goes under
 * its card, re-posting a lost card first, never top-level; edit rows change the message an
 * earlier row with the same key posted. Pacing, retries and dead letters stay the dispatcher's.
 */
export class RowDelivery {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Hand one row to its platform: post, edit the card in place, or change an earlier message. */
  async send(adapter: ChatAdapter, row: OutboxRow): Promise<Outcome> {
    if (row.kind === "edit") return { sent: await this.edit(adapter, row) };
    // Only cards and their threads depend on where the card is.
    const needsLink = row.incidentId !== undefined && (row.kind === "card" || row.kind === "thread");
    let link = needsLink ? await this.store.links.find(row.incidentId!, row.platform, row.channelId) : undefined;
    if (row.kind === "card" && link && (await this.updateCard(adapter, row, link))) return { sent: true };
    if (row.kind === "thread" && row.incidentId !== undefined && !link) link = await this.repostCard(adapter, row, row.incidentId);
    const threadId = row.kind === "thread" ? link?.messageId : undefined;
    const ref = await adapter.post({ platform: row.platform, channelId: row.channelId, ...(threadId ? { threadId } : {}) }, row.message, deliveryOf(row));
    return { sent: true, posted: { row, ref } };
  }

  /**
   * A card edit with a newer state queued behind it: skip it. Never the first post, even with a
   * newer state queued: thread replies queued after it need the card to exist.
   */
  async isStaleCard(row: OutboxRow): Promise<boolean> {
    if (row.kind !== "card" || row.incidentId === undefined) return false;
    if (!(await this.store.outbox.hasNewerCard(row))) return false;
    return (await this.store.links.find(row.incidentId, row.platform, row.channelId)) !== undefined;
  }

  // A thread line whose card is missing (its post was dead-lettered, or it was never queued
  // here) posts the card's latest version first: the line goes under it, never top-level.
  private async repostCard(adapter: ChatAdapter, row: OutboxRow, incidentId: number): Promise<MessageRef> {
    const card = await this.store.outbox.latestCard(incidentId, row.platform, row.channelId);
    if (!card) throw new ChatDeliveryError(deliveryCopy.noCardForThread, undefined, true);
    this.logger.warn({ outboxId: row.id, cardRow: card.id, platform: row.platform, channelId: row.channelId }, "incident card missing; posting it before its thread line");
    // Under the card row's own key: a crash between this post and the link save must not post it twice.
    const ref = await adapter.post({ platform: row.platform, channelId: row.channelId }, card.message, deliveryOf(card));
    await this.store.links.save(incidentId, ref, this.clock.now());
    return ref;
  }

  // Edit the card in place; false when someone deleted it, so the caller posts it afresh
  // (and the new message becomes the card that later changes edit).
  private async updateCard(adapter: ChatAdapter, row: OutboxRow, link: MessageRef): Promise<boolean> {
    try {
      await adapter.update(link, row.message);
    } catch (error) {
      if (!(error instanceof ChatDeliveryError && error.messageGone)) throw error;
      this.logger.warn({ outboxId: row.id, platform: row.platform, channelId: row.channelId }, "incident card was deleted; posting it again");
      return false;
    }
    await this.store.outbox.complete(row.id, "sent", this.clock.now(), link.messageId);
    return true;
  }

  private async edit(adapter: ChatAdapter, row: OutboxRow): Promise<boolean> {
    const target = row.messageKey ? await this.store.outbox.findSentByKey(row.platform, row.channelId, row.messageKey) : undefined;
    if (!target) {
      // The message it would change was never delivered (or failed for good): nothing to edit.
      await this.store.outbox.complete(row.id, "superseded", this.clock.now());
      return false;
    }
    await adapter.update(target, row.message);
    await this.store.outbox.complete(row.id, "sent", this.clock.now(), target.messageId);
    return true;
  }

  /**
   * Mark a batch of posts sent, with their message ids, card links and timeline receipts, in
   * one transaction: one commit per batch instead of one per message keeps SQLite out of the
   * way when thousands of messages are paced out at a platform's full rate.
   */
  async recordSent(posted: { row: OutboxRow; ref: MessageRef }[]): Promise<void> {
    if (posted.length === 0) return;
    const now = this.clock.now();
    await this.store.transaction(async (tx) => {
      const receipts = [];
      for (const { row, ref } of posted) {
        await tx.outbox.complete(row.id, "sent", now, ref.messageId);
        if (row.incidentId === undefined) continue;
        if (row.kind === "card") await tx.links.save(row.incidentId, ref, now);
        const details = { channelId: row.channelId, messageId: ref.messageId, kind: row.kind, text: row.message.text };
        receipts.push({ incidentId: row.incidentId, at: now, kind: TIMELINE.messageSent, platform: row.platform, details });
      }
      await tx.timeline.appendMany(receipts);
    });
  }
}

// A row claimed before by a process that never finished it, or tried before, may be out already.
function deliveryOf(row: OutboxRow): PostDelivery {
  return { key: `vigil-${row.id}`, mayAlreadyBeSent: row.leaseOwner !== undefined || row.attempts > 0 };
}
