import type { InboundEvent, Platform, ReplyRoute } from "../../ports/chat.js";
import type { InboxEntry, InboxRepository } from "../../ports/store.js";
import { isUniqueViolation, type Db } from "./prisma-types.js";

type Row = { seq: number; eventId: string; platform: string; event: string; replyTo: string; owner: string | null; receivedAt: Date };

/** The inbox on Prisma: one row per answered-but-unfinished inbound event, unique by event id. */
export class PrismaInboxRepository implements InboxRepository {
  constructor(private readonly db: Db) {}

  async accept(entry: Omit<InboxEntry, "seq">): Promise<boolean> {
    try {
      await this.db.inboxEvent.create({
        data: {
          eventId: entry.eventId,
          platform: entry.platform,
          event: JSON.stringify(entry.event),
          replyTo: JSON.stringify(entry.replyTo),
          owner: entry.owner ?? null,
          receivedAt: entry.receivedAt,
        },
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async claimOrphans(owner: string, limit: number): Promise<InboxEntry[]> {
    const live = (await this.db.dispatcherInstance.findMany({ select: { id: true } })).map((i) => i.id);
    const candidates = await this.db.inboxEvent.findMany({
      where: { OR: [{ owner: null }, { owner: { notIn: live } }] },
      orderBy: { seq: "asc" },
      take: limit,
    });
    const claimed: InboxEntry[] = [];
    for (const row of candidates) {
      // Compare-and-set on the old owner: of two processes taking up the same row, one wins.
      const taken = await this.db.inboxEvent.updateMany({ where: { seq: row.seq, owner: row.owner }, data: { owner } });
      if (taken.count === 1) claimed.push(toEntry({ ...row, owner }));
    }
    return claimed;
  }

  async release(eventId: string): Promise<void> {
    await this.db.inboxEvent.updateMany({ where: { eventId }, data: { owner: null } });
  }

  async remove(eventId: string): Promise<void> {
    await this.db.inboxEvent.deleteMany({ where: { eventId } });
  }

  async list(): Promise<InboxEntry[]> {
    return (await this.db.inboxEvent.findMany({ orderBy: { seq: "asc" } })).map(toEntry);
  }
}

function toEntry(row: Row): InboxEntry {
  return {
    seq: row.seq,
    eventId: row.eventId,
    platform: row.platform as Platform,
    event: JSON.parse(row.event) as InboundEvent,
    replyTo: JSON.parse(row.replyTo) as ReplyRoute,
    ...(row.owner ? { owner: row.owner } : {}),
    receivedAt: row.receivedAt,
  };
}
