import type { MessageRef, OutboundMessage, Platform } from "../../ports/chat.js";
import type { DispatcherInstance, NewOutboxRow, OutboxRepository, OutboxRow } from "../../ports/store.js";
import { toOutboxRow } from "./mappers.js";
import type * as Rows from "../../generated/prisma/client.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { skipLocked, type Dialect } from "./sql-dialect.js";
import { OutboxWriter } from "./outbox-writer.js";

// Claiming, the newer-card check and completing are raw SQL on the runner: the dispatcher runs them
// for every message, and through Prisma's model API they cost it about a millisecond each (a
// thousand times the statement). The rest stays on the model API.
const OUTBOX_DATES = ["createdAt", "nextAttemptAt", "leaseUntil", "failingSince", "sentAt"] as const;

// The client is typed as the SQLite one, which only lists SQLite's level; this runs on PostgreSQL.
const READ_COMMITTED = "ReadCommitted" as unknown as "Serializable";

/** The transactional outbox in SQL. Claims lease rows so concurrent dispatchers never share one. */
export class PrismaOutboxRepository implements OutboxRepository {
  // Rows of enqueueLater not yet written (inside a transaction only).
  private deferred: NewOutboxRow[] = [];
  private readonly writer: OutboxWriter;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect = "sqlite",
    private readonly root?: PrismaClient,
    private readonly sql: SqlRunner = prismaRunner(db),
    // One repository per transaction: enqueueLater may hold rows until flush().
    private readonly inTransaction = false,
  ) {
    this.writer = new OutboxWriter(sql, dialect);
  }

  async enqueue(row: NewOutboxRow): Promise<OutboxRow> {
    await this.flush();
    const [id] = await this.write([row]);
    const written = { createdAt: row.createdAt, platform: row.platform, channelId: row.channelId, kind: row.kind, incidentId: row.incidentId ?? null, messageKey: row.messageKey ?? null, payload: JSON.stringify(row.message), nextAttemptAt: row.createdAt };
    const defaults = { status: "pending", attempts: 0, leaseUntil: null, leaseOwner: null, failingSince: null, lastError: null, sentAt: null, messageId: null };
    return toOutboxRow({ id, ...written, ...defaults });
  }

  async enqueueMany(rows: NewOutboxRow[]): Promise<void> {
    await this.flush();
    await this.write(rows);
  }

  async enqueueLater(row: NewOutboxRow): Promise<void> {
    if (!this.inTransaction) return void (await this.write([row]));
    this.deferred.push(row);
  }

  /**
   * Write the rows enqueueLater holds. Every other call here flushes first, so ids keep the
   * order rows were added in; the store flushes before commit.
   */
  async flush(): Promise<void> {
    if (this.deferred.length === 0) return;
    const rows = this.deferred;
    this.deferred = [];
    await this.write(rows);
  }

  // Rows in order, card states folded where this store folds them; on PostgreSQL the same
  // statement wakes the sender (see OutboxWriter).
  private async write(rows: NewOutboxRow[]): Promise<number[]> {
    return this.writer.write(rows);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number, quotas: Partial<Record<Platform, number>> = {}, owner?: string): Promise<OutboxRow[]> {
    await this.flush();
    // PostgreSQL: a claim is its own READ COMMITTED transaction. SKIP LOCKED row locks are what
    // keep replicas apart; under SERIALIZABLE, claimers and senders completing rows abort each
    // other over the rows they read. A lease taken this way is harmless if the caller rolls back.
    if (this.dialect === "postgresql" && this.root) {
      return this.root.$transaction((tx) => new PrismaOutboxRepository(tx, "postgresql").claimDue(now, leaseUntil, limit, quotas, owner), {
        isolationLevel: READ_COMMITTED,
        maxWait: 10_000,
        timeout: 20_000,
      });
    }
    const capped = Object.entries(quotas) as [Platform, number][];
    const uncapped = capped.length ? Prisma.sql`AND o."platform" NOT IN (${Prisma.join(capped.map(([p]) => p))})` : Prisma.empty;
    const heads = await this.dueHeads(now, limit, uncapped);
    for (const [platform, quota] of capped) {
      if (quota > 0) heads.push(...(await this.dueHeads(now, Math.min(quota, limit), Prisma.sql`AND o."platform" = ${platform}`)));
    }
    const chosen = heads.sort((a, b) => a - b).slice(0, limit);
    if (chosen.length === 0) return [];
    // The caller's transaction holds the write lock (BEGIN IMMEDIATE) on SQLite, and the row
    // locks of SKIP LOCKED on PostgreSQL, so nobody leases these in between.
    // Read before leasing: the previous owner tells the dispatcher a crashed process may have sent the row.
    const ids = Prisma.join(chosen);
    const rows = await this.sql.query<Rows.OutboxMessage>(Prisma.sql`SELECT * FROM "OutboxMessage" WHERE "id" IN (${ids}) ORDER BY "id"`, OUTBOX_DATES);
    await this.sql.execute(Prisma.sql`UPDATE "OutboxMessage" SET "leaseUntil" = ${leaseUntil}, "leaseOwner" = ${owner ?? null} WHERE "id" IN (${ids})`);
    return rows.map(toOutboxRow);
  }

  // Due rows that are first in their channel's queue, oldest first. Walking due rows and probing
  // the (platform, channelId, status, id) index per row costs O(due), not O(pending), so a
  // backlog of thousands of rows stays cheap to claim from.
  private async dueHeads(now: Date, limit: number, platformFilter: Prisma.Sql): Promise<number[]> {
    const rows = await this.sql.query<{ id: number | bigint }>(Prisma.sql`
      SELECT o."id" FROM "OutboxMessage" o
      WHERE o."status" = 'pending' AND o."nextAttemptAt" <= ${now} AND (o."leaseUntil" IS NULL OR o."leaseUntil" <= ${now})
        ${platformFilter}
        AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" p
          WHERE p."platform" = o."platform" AND p."channelId" = o."channelId" AND p."status" = 'pending' AND p."id" < o."id")
      ORDER BY o."id" LIMIT ${limit} ${skipLocked(this.dialect)}`);
    return rows.map((r) => Number(r.id));
  }

  async findSentByKey(platform: Platform, channelId: string, messageKey: string): Promise<MessageRef | undefined> {
    await this.flush();
    const row = await this.db.outboxMessage.findFirst({
      where: { platform, channelId, messageKey, status: "sent", messageId: { not: null } },
      orderBy: { id: "desc" },
    });
    return row?.messageId ? { platform, channelId, messageId: row.messageId } : undefined;
  }

  async hasNewerCard(row: OutboxRow): Promise<boolean> {
    await this.flush();
    if (row.kind !== "card" || row.incidentId === undefined) return false;
    const newer = await this.sql.query(Prisma.sql`
      SELECT 1 FROM "OutboxMessage" WHERE "incidentId" = ${row.incidentId} AND "platform" = ${row.platform} AND "channelId" = ${row.channelId}
        AND "kind" = 'card' AND "status" = 'pending' AND "id" > ${row.id} LIMIT 1`);
    return newer.length > 0;
  }

  async lastSentAt(platform: Platform, channelId: string, count: number): Promise<Date[]> {
    await this.flush();
    // Newest by id along the (platform, channelId, status, id) index: a channel's rows go out in id order.
    const rows = await this.db.outboxMessage.findMany({ where: { platform, channelId, status: "sent" }, orderBy: { id: "desc" }, take: count, select: { sentAt: true } });
    return rows.flatMap((r) => (r.sentAt ? [r.sentAt] : []));
  }

  async complete(id: number, status: "sent" | "superseded", at: Date, messageId?: string): Promise<void> {
    await this.flush();
    await this.sql.execute(Prisma.sql`
      UPDATE "OutboxMessage" SET "status" = ${status}, "sentAt" = ${at}, "messageId" = ${messageId ?? null}, "leaseUntil" = NULL, "leaseOwner" = NULL WHERE "id" = ${id}`);
  }

  async retryLater(id: number, nextAttemptAt: Date, error: string | undefined, countAttempt: boolean, failingSince?: Date, previousOwner?: string): Promise<void> {
    await this.flush();
    await this.db.outboxMessage.update({
      where: { id },
      data: {
        nextAttemptAt,
        leaseUntil: null,
        leaseOwner: previousOwner ?? null,
        ...(failingSince ? { failingSince } : {}),
        ...(error !== undefined ? { lastError: error } : {}),
        ...(countAttempt ? { attempts: { increment: 1 } } : {}),
      },
    });
  }

  async retryFailingNow(platform: Platform, now: Date, limit?: number): Promise<number> {
    await this.flush();
    const backingOff = Prisma.sql`"platform" = ${platform} AND "status" = 'pending' AND "failingSince" IS NOT NULL AND "nextAttemptAt" > ${now}`;
    const which = limit === undefined ? backingOff : Prisma.sql`"id" IN (SELECT "id" FROM "OutboxMessage" WHERE ${backingOff} ORDER BY "nextAttemptAt" LIMIT ${limit})`;
    return this.db.$executeRaw`UPDATE "OutboxMessage" SET "nextAttemptAt" = ${now} WHERE ${which}`;
  }

  async fail(id: number, error: string): Promise<void> {
    await this.flush();
    await this.db.outboxMessage.update({ where: { id }, data: { status: "failed", lastError: error, leaseUntil: null, leaseOwner: null, attempts: { increment: 1 } } });
  }

  async listFailed(): Promise<OutboxRow[]> {
    await this.flush();
    const rows = await this.db.outboxMessage.findMany({ where: { status: "failed" }, orderBy: { id: "asc" } });
    return rows.map(toOutboxRow);
  }

  async replay(ids: number[] | "all", now: Date): Promise<number> {
    await this.flush();
    const which = ids === "all" ? {} : { id: { in: ids } };
    const { count } = await this.db.outboxMessage.updateMany({
      where: { status: "failed", ...which },
      data: { status: "pending", attempts: 0, failingSince: null, nextAttemptAt: now, leaseUntil: null, leaseOwner: null },
    });
    return count;
  }

  async queuedAfter(row: OutboxRow, limit: number): Promise<OutboxRow[]> {
    await this.flush();
    const rows = await this.sql.query<Rows.OutboxMessage>(Prisma.sql`
      SELECT * FROM "OutboxMessage" WHERE "platform" = ${row.platform} AND "channelId" = ${row.channelId} AND "status" = 'pending' AND "id" > ${row.id}
      ORDER BY "id" LIMIT ${limit}`, OUTBOX_DATES);
    return rows.map(toOutboxRow);
  }

  async rewrite(id: number, message: OutboundMessage): Promise<void> {
    await this.flush();
    await this.sql.execute(Prisma.sql`UPDATE "OutboxMessage" SET "payload" = ${JSON.stringify(message)} WHERE "id" = ${id} AND "status" = 'pending'`);
  }

  async latestCard(incidentId: number, platform: Platform, channelId: string): Promise<OutboxRow | undefined> {
    await this.flush();
    const row = await this.db.outboxMessage.findFirst({ where: { kind: "card", incidentId, platform, channelId }, orderBy: { id: "desc" } });
    return row ? toOutboxRow(row) : undefined;
  }

  async registerInstance(instance: DispatcherInstance): Promise<void> {
    await this.flush();
    await this.db.dispatcherInstance.upsert({ where: { id: instance.id }, create: instance, update: instance });
  }

  async heartbeat(owner: string, at: Date, leaseUntil: Date): Promise<void> {
    await this.flush();
    await this.db.dispatcherInstance.updateMany({ where: { id: owner }, data: { heartbeatAt: at } });
    await this.db.outboxMessage.updateMany({ where: { leaseOwner: owner, status: "pending", leaseUntil: { not: null } }, data: { leaseUntil } });
  }

  async listInstances(): Promise<DispatcherInstance[]> {
    await this.flush();
    return this.db.dispatcherInstance.findMany({ orderBy: { startedAt: "asc" } });
  }

  async removeInstances(ids: string[]): Promise<number> {
    await this.flush();
    if (ids.length === 0) return 0;
    await this.db.dispatcherInstance.deleteMany({ where: { id: { in: ids } } });
    // The previous owner stays recorded: the next claim must know the row may already be out.
    const { count } = await this.db.outboxMessage.updateMany({ where: { leaseOwner: { in: ids }, status: "pending" }, data: { leaseUntil: null } });
    return count;
  }

  async pendingSummary(): Promise<{ count: number; nextDueAt?: Date; oldestCreatedAt?: Date; failed: number }> {
    await this.flush();
    const agg = await this.db.outboxMessage.aggregate({ where: { status: "pending" }, _count: { _all: true }, _min: { nextAttemptAt: true, createdAt: true } });
    const failed = await this.db.outboxMessage.count({ where: { status: "failed" } });
    return { count: agg._count._all, nextDueAt: agg._min.nextAttemptAt ?? undefined, oldestCreatedAt: agg._min.createdAt ?? undefined, failed };
  }

  async list(): Promise<OutboxRow[]> {
    await this.flush();
    const rows = await this.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    return rows.map(toOutboxRow);
  }
}
