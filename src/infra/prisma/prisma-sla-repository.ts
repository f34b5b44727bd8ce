import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { NudgeFilter, SlaRepository, SlaTimer, TimerRearm } from "../../ports/store.js";
import { chunks, factsColumns, toFacts, toNudge, toTimer, type FactsRow, type NudgeRow, type TimerRow } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";
import { skipLocked, type Dialect } from "./sql-dialect.js";

// Rows per statement: a sweeper batch in one go, 8 values a row staying well under SQLite's
// 32,766 bound variables (and PostgreSQL's 65,535).
const BATCH = 1000;

/**
 * SLA facts, timers and the nudge ledger in SQL. The sweeper's hot paths (claim, batch
 * loads, ledger inserts, re-arming) are single raw statements over indexes, because one
 * Prisma model call per row costs about a millisecond and a tick may act on a thousand rows.
 */
export class PrismaSlaRepository implements SlaRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect = "sqlite",
    private readonly root?: Db,
  ) {}

  async findFacts(incidentIds: number[]): Promise<SlaFacts[]> {
    const out: SlaFacts[] = [];
    for (const ids of chunks(incidentIds, BATCH)) {
      const rows = await this.db.$queryRaw<FactsRow[]>`SELECT * FROM "SlaState" WHERE "incidentId" IN (${Prisma.join(ids)})`;
      out.push(...rows.map(toFacts));
    }
    return out;
  }

  async saveFacts(facts: SlaFacts): Promise<void> {
    const data = factsColumns(facts);
    await this.db.slaState.upsert({ where: { incidentId: facts.incidentId }, create: { incidentId: facts.incidentId, ...data }, update: data });
  }

  async armTimer(key: string, incidentId: number | undefined, dueAt: Date | undefined, now: Date): Promise<void> {
    if (!dueAt) {
      await this.db.slaTimer.updateMany({ where: { key }, data: { status: "done", dueAt: now, generation: { increment: 1 }, leaseUntil: null } });
      return;
    }
    await this.db.slaTimer.upsert({
      where: { key },
      create: { key, incidentId: incidentId ?? null, dueAt, status: "pending" },
      update: { dueAt, status: "pending", generation: { increment: 1 }, leaseUntil: null },
    });
  }

  async findTimer(key: string): Promise<SlaTimer | undefined> {
    const row = await this.db.slaTimer.findUnique({ where: { key } });
    return row ? toTimer(row) : undefined;
  }

  async findTimersByIds(ids: number[]): Promise<SlaTimer[]> {
    const out: SlaTimer[] = [];
    for (const part of chunks(ids, BATCH)) {
      const rows = await this.db.$queryRaw<TimerRow[]>`SELECT * FROM "SlaTimer" WHERE "id" IN (${Prisma.join(part)})`;
      out.push(...rows.map(toTimer));
    }
    return out;
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<SlaTimer[]> {
    // One statement: the inner SELECT walks the (status, dueAt) index from the oldest due row;
    // on PostgreSQL replicas claiming at once skip each other's rows instead of waiting.
    // On PostgreSQL the claim commits on its own (READ COMMITTED, one statement): see the outbox.
    const db = this.dialect === "postgresql" && this.root ? this.root : this.db;
    const rows = await db.$queryRaw<TimerRow[]>`
      UPDATE "SlaTimer" SET "leaseUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "SlaTimer"
        WHERE "status" = 'pending' AND "dueAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
        ORDER BY "dueAt" LIMIT ${limit} ${skipLocked(this.dialect)})
      RETURNING *`;
    return rows.map(toTimer).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  }

  async rearm(timers: TimerRearm[], now: Date): Promise<void> {
    for (const part of chunks(timers, BATCH)) {
      const values = part.map(
        (t) => Prisma.sql`(${t.id}, ${t.key}, ${t.incidentId ?? null}, ${t.dueAt ?? now}, ${t.dueAt ? "pending" : "done"}, ${t.generation + 1}, NULL)`,
      );
      // An upsert on the primary key re-arms a whole batch in one statement.
      await this.db.$executeRaw`
        INSERT INTO "SlaTimer" ("id", "key", "incidentId", "dueAt", "status", "generation", "leaseUntil")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("id") DO UPDATE SET "dueAt" = excluded."dueAt", "status" = excluded."status",
          "generation" = excluded."generation", "leaseUntil" = NULL`;
    }
  }

  async recordNudges(nudges: NudgeRecord[]): Promise<NudgeRecord[]> {
    const recorded: NudgeRecord[] = [];
    const key = (n: { incidentId: number | bigint; clock: string; cycle: string; kind: string; repeat: number | bigint }) =>
      `${Number(n.incidentId)}|${n.clock}|${n.cycle}|${n.kind}|${Number(n.repeat)}`;
    for (const part of chunks(nudges, BATCH)) {
      const values = part.map(
        (n) => Prisma.sql`(${n.incidentId}, ${n.clock}, ${n.cycle}, ${n.kind}, ${n.repeat}, ${n.dueAt}, ${n.at}, ${n.late})`,
      );
      // DO NOTHING + RETURNING says which nudges are new: the ledger's unique key is the
      // last word on "never twice", whatever the callers checked before.
      const rows = await this.db.$queryRaw<Pick<NudgeRow, "incidentId" | "clock" | "cycle" | "kind" | "repeat">[]>`
        INSERT INTO "SlaNudge" ("incidentId", "clock", "cycle", "kind", "repeat", "dueAt", "at", "late")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING
        RETURNING "incidentId", "clock", "cycle", "kind", "repeat"`;
      const inserted = new Set(rows.map(key));
      recorded.push(...part.filter((n) => inserted.has(key(n))));
    }
    return recorded;
  }

  async listNudges(filter: NudgeFilter): Promise<NudgeRecord[]> {
    const where: Prisma.Sql[] = [];
    if (filter.kinds) where.push(filter.kinds.length ? Prisma.sql`"kind" IN (${Prisma.join(filter.kinds)})` : Prisma.sql`0 = 1`);
    if (filter.from) where.push(Prisma.sql`"at" >= ${filter.from}`);
    if (filter.to) where.push(Prisma.sql`"at" < ${filter.to}`);
    const query = async (extra: Prisma.Sql[]) => {
      const all = [...where, ...extra];
      const clause = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
      return (await this.db.$queryRaw<NudgeRow[]>`SELECT * FROM "SlaNudge" ${clause} ORDER BY "id"`).map(toNudge);
    };
    if (!filter.incidentIds) return query([]);
    const out: NudgeRecord[] = [];
    for (const ids of chunks(filter.incidentIds, BATCH)) out.push(...(await query([Prisma.sql`"incidentId" IN (${Prisma.join(ids)})`])));
    return out.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
