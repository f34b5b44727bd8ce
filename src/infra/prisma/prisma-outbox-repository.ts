import type { NewOutboxRow, OutboxRepository, OutboxRow } from "../../ports/store.js";
import { toOutboxRow } from "./mappers.js";
import { Prisma } from "../../generated/prisma/client.js";
import { chunks } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";

// How many pending rows one claim looks at to find each channel's head.
const SCAN = 5000;

/** The transactional outbox in SQL. Claims lease rows so concurrent dispatchers never share one. */
export class PrismaOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Db) {}

  async enqueue(row: NewOutboxRow): Promise<OutboxRow> {
    const created = await this.db.outboxMessage.create({
      data: {
        createdAt: row.createdAt,
        platform: row.platform,
        channelId: row.channelId,
        kind: row.kind,
        incidentId: row.incidentId ?? null,
        payload: JSON.stringify(row.message),
        nextAttemptAt: row.createdAt,
      },
    });
    return toOutboxRow(created);
  }

  async enqueueMany(rows: NewOutboxRow[]): Promise<void> {
    for (const part of chunks(rows, 400)) {
      const values = part.map(
        (r) => Prisma.sql`(${r.createdAt}, ${r.platform}, ${r.channelId}, ${r.kind}, ${r.incidentId ?? null}, ${JSON.stringify(r.message)}, ${r.createdAt})`,
      );
      await this.db.$executeRaw`
        INSERT INTO "OutboxMessage" ("createdAt", "platform", "channelId", "kind", "incidentId", "payload", "nextAttemptAt")
        VALUES ${Prisma.join(values)}`;
    }
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
    const pending = await this.db.outboxMessage.findMany({ where: { status: "pending" }, orderBy: { id: "asc" }, take: SCAN });
    const heads = new Map<string, (typeof pending)[number]>();
    for (const row of pending) {
      const channel = `${row.platform}\u0000${row.channelId}`;
      if (!heads.has(channel)) heads.set(channel, row);
    }
    const due = [...heads.values()]
      .filter((r) => r.nextAttemptAt <= now && (r.leaseUntil === null || r.leaseUntil <= now))
      .slice(0, limit);
    const claimed: OutboxRow[] = [];
    for (const row of due) {
      const { count } = await this.db.outboxMessage.updateMany({
        where: { id: row.id, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
        data: { leaseUntil },
      });
      if (count === 1) claimed.push(toOutboxRow(row));
    }
    return claimed;
  }

  async hasNewerCard(row: OutboxRow): Promise<boolean> {
    if (row.kind !== "card" || row.incidentId === undefined) return false;
    const newer = await this.db.outboxMessage.count({
      where: { status: "pending", kind: "card", incidentId: row.incidentId, platform: row.platform, channelId: row.channelId, id: { gt: row.id } },
    });
    return newer > 0;
  }

  async complete(id: number, status: "sent" | "superseded", at: Date, messageId?: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status, sentAt: at, messageId: messageId ?? null, leaseUntil: null } });
  }

  async retryLater(id: number, nextAttemptAt: Date, error: string | undefined, countAttempt: boolean): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: {
        nextAttemptAt,
        leaseUntil: null,
        ...(error !== undefined ? { lastError: error } : {}),
        ...(countAttempt ? { attempts: { increment: 1 } } : {}),
      },
    });
  }

  async fail(id: number, error: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status: "failed", lastError: error, leaseUntil: null, attempts: { increment: 1 } } });
  }

  async pendingSummary(): Promise<{ count: number; nextDueAt?: Date }> {
    const agg = await this.db.outboxMessage.aggregate({ where: { status: "pending" }, _count: { _all: true }, _min: { nextAttemptAt: true } });
    return { count: agg._count._all, nextDueAt: agg._min.nextAttemptAt ?? undefined };
  }

  async list(): Promise<OutboxRow[]> {
    const rows = await this.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    return rows.map(toOutboxRow);
  }
}
