import type { InboundEvent, Platform, ReplyRoute } from "../../ports/chat.js";
import type { InboxEntry, InboxRepository } from "../../ports/store.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";

type Row = { seq: number; eventId: string; platform: string; event: string; replyTo: string; owner: string | null; receivedAt: Date };

/** The inbox on Prisma: one row per answered-but-unfinished inbound event, unique by event id. */
export class PrismaInboxRepository implements InboxRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  // accept and remove in raw SQL: each is on the path of every slash command, before its 200.
  async accept(entry: Omit<InboxEntry, "seq">): Promise<boolean> {
    // DO NOTHING: a redelivered event is not an error, and on PostgreSQL a caught unique violation would abort the statement's transaction.
    const inserted = await this.sql.execute(Prisma.sql`
      INSERT INTO "InboxEvent" ("eventId", "platform", "event", "replyTo", "owner", "receivedAt")
      VALUES (${entry.eventId}, ${entry.platform}, ${JSON.stringify(entry.event)}, ${JSON.stringify(entry.replyTo)}, ${entry.owner ?? null}, ${entry.receivedAt})
      ON CONFLICT ("eventId") DO NOTHING`);
    return inserted > 0;
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
    await this.sql.execute(Prisma.sql`DELETE FROM "InboxEvent" WHERE "eventId" = ${eventId}`);
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
