import { digestSize, dutyDigest, isDutyDigest, DIGEST_MAX_POSTS } from "../core/messages/duty-digest.js";
import type { Address } from "../ports/chat.js";
import type { OutboxRow, Store } from "../ports/store.js";

/** A duty-lead post that has waited this long is behind its channel's pace (or an outage): fold. */
export const DIGEST_AFTER_MS = 5_000;

/**
 * Duty-lead posts queued one behind another in a duty lead's channel go out as one message once
 * the channel has fallen behind (the first has waited DIGEST_AFTER_MS); when it keeps up, each is
 * its own message, as always.
 * In an alert storm every new incident and every graded failure tells the duty lead, and a
 * channel takes about one message a second (Slack): a hundred posts took minutes to arrive, each
 * one pushing the next down. The fold is committed before anything is sent — the first post
 * takes the others' lines and they are marked superseded — so a crash or a retry sends the
 * digest as one row, under the first post's delivery key, never a line twice.
 */
export class DutyDigest {
  constructor(
    private readonly store: Store,
    private readonly channels: readonly Address[],
  ) {}

  /** The row to send now: `row` itself, or `row` standing for the duty-lead posts queued right behind it. */
  async fold(row: OutboxRow, now: Date): Promise<OutboxRow> {
    const behindPace = now.getTime() - row.createdAt.getTime() >= DIGEST_AFTER_MS;
    const dutyChannel = this.channels.some((c) => c.platform === row.platform && c.channelId === row.channelId);
    if (!behindPace || !dutyChannel || !this.foldable(row) || isDutyDigest(row.message)) return row;
    const behind = await this.store.outbox.queuedAfter(row, DIGEST_MAX_POSTS);
    // Only the posts right behind it: a card or thread line in between keeps its place.
    const run: OutboxRow[] = [];
    for (const next of behind) {
      if (!this.foldable(next)) break;
      run.push(next);
    }
    const folded = run.slice(0, digestSize([row, ...run].map((r) => r.message)) - 1);
    if (folded.length === 0) return row;
    const message = dutyDigest([row, ...folded].map((r) => r.message));
    await this.store.transaction(async (tx) => {
      await tx.outbox.rewrite(row.id, message);
      for (const r of folded) await tx.outbox.complete(r.id, "superseded", now);
    });
    return { ...row, message };
  }

  // A plain post about an incident that nobody can have sent yet (never tried, never claimed by a process that died).
  private foldable(row: OutboxRow): boolean {
    return row.kind === "post" && row.incidentId !== undefined && !row.messageKey && row.attempts === 0 && !row.leaseOwner && !row.message.fields?.length && !row.message.actions?.length;
  }
}
