import { Prisma } from "../../generated/prisma/client.js";
import type { DeadlineRepository, DeadlineTimer, TimerRearm } from "../../ports/store.js";
import { BATCH, chunks, toTimer, type TimerRow } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import { skipLocked, type Dialect } from "./sql-dialect.js";

/**
 * Deadline rows in SQL (the table is still called `SlaTimer`: it began with the SLA clocks).
 * Claiming and re-arming are single raw statements over the (status, dueAt) index, because a
 * sweeper tick may act on a thousand rows and one Prisma model call per row costs a millisecond.
 */
export class PrismaDeadlineRepository implements DeadlineRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect = "sqlite",
    private readonly root?: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
    // PostgreSQL: where a claim's one statement commits on its own (the root client's runner).
    private readonly rootSql: SqlRunner | undefined = root && prismaRunner(root),
  ) {}

  async arm(key: string, incidentId: number | undefined, dueAt: Date | undefined, now: Date): Promise<void> {
    // Raw SQL: every incident change re-arms its clock.
    if (!dueAt) {
      await this.sql.execute(Prisma.sql`UPDATE "SlaTimer" SET "status" = 'done', "dueAt" = ${now}, "generation" = "generation" + 1, "leaseUntil" = NULL WHERE "key" = ${key}`);
      return;
    }
    await this.sql.execute(Prisma.sql`
      INSERT INTO "SlaTimer" ("key", "incidentId", "dueAt", "status", "generation") VALUES (${key}, ${incidentId ?? null}, ${dueAt}, 'pending', 1)
      ON CONFLICT ("key") DO UPDATE SET "dueAt" = excluded."dueAt", "status" = 'pending', "generation" = "SlaTimer"."generation" + 1, "leaseUntil" = NULL`);
  }

  async find(key: string): Promise<DeadlineTimer | undefined> {
    const rows = await this.sql.query<TimerRow>(Prisma.sql`SELECT * FROM "SlaTimer" WHERE "key" = ${key}`);
    return rows[0] ? toTimer(rows[0]) : undefined;
  }

  async findByIds(ids: number[]): Promise<DeadlineTimer[]> {
    const out: DeadlineTimer[] = [];
    for (const part of chunks(ids, BATCH)) {
      const rows = await this.sql.query<TimerRow>(Prisma.sql`SELECT * FROM "SlaTimer" WHERE "id" IN (${Prisma.join(part)})`);
      out.push(...rows.map(toTimer));
    }
    return out;
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DeadlineTimer[]> {
    // One statement: the inner SELECT walks the (status, dueAt) index from the oldest due row;
    // on PostgreSQL replicas claiming at once skip each other's rows instead of waiting.
    // On PostgreSQL the claim commits on its own (READ COMMITTED, one statement): see the outbox.
    const sql = this.dialect === "postgresql" && this.rootSql ? this.rootSql : this.sql;
    const rows = await sql.query<TimerRow>(Prisma.sql`
      UPDATE "SlaTimer" SET "leaseUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "SlaTimer"
        WHERE "status" = 'pending' AND "dueAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
        ORDER BY "dueAt" LIMIT ${limit} ${skipLocked(this.dialect)})
      RETURNING *`);
    return rows.map(toTimer).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  }

  async rearm(timers: TimerRearm[], now: Date): Promise<void> {
    for (const part of chunks(timers, BATCH)) {
      const values = part.map(
        (t) => Prisma.sql`(${t.id}, ${t.key}, ${t.incidentId ?? null}, ${t.dueAt ?? now}, ${t.dueAt ? "pending" : "done"}, ${t.generation + 1}, NULL)`,
      );
      // An upsert on the primary key re-arms a whole batch in one statement.
      await this.sql.execute(Prisma.sql`
        INSERT INTO "SlaTimer" ("id", "key", "incidentId", "dueAt", "status", "generation", "leaseUntil")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("id") DO UPDATE SET "dueAt" = excluded."dueAt", "status" = excluded."status",
          "generation" = excluded."generation", "leaseUntil" = NULL`);
    }
  }
}
