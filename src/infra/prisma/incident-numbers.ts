import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";
import type { Dialect } from "./sql-dialect.js";
import type { SqlRunner } from "./sql-runner.js";

// SQLite: the "Sequence" row, inside the transaction. One writer at a time, so it never
// conflicts, and a rolled-back open gives its number back: numbers stay gapless.
const SQLITE_NEXT = Prisma.sql`
  INSERT INTO "Sequence" ("name", "value") VALUES ('incident', 1)
  ON CONFLICT ("name") DO UPDATE SET "value" = "Sequence"."value" + 1 RETURNING "value"`;
// PostgreSQL: a sequence (migration incident_number_sequence). The row above made every two
// concurrent SERIALIZABLE opens conflict: most of the retried transactions in
// bench/pg-replicas.bench.ts were its upsert. nextval never conflicts and never waits; a number
// it gave to a transaction that did not commit is skipped, never reused.
const POSTGRES_NEXT = Prisma.sql`SELECT nextval('"IncidentNumber"')::int AS "value"`;

/**
 * Where one unit of work takes incident numbers. On PostgreSQL a transaction that lost a
 * serialization conflict runs again: it takes the numbers its earlier attempts took, in the
 * same order, so a retried open leaves no gap. One per `store.transaction` call.
 */
export class IncidentNumbers {
  private readonly taken: number[] = [];
  private used = 0;

  constructor(private readonly dialect: Dialect) {}

  /** A new attempt of the same unit of work: its numbers are handed out again from the first. */
  restart(): void {
    this.used = 0;
  }

  /** The next incident number for this unit of work. */
  async next(sql: SqlRunner): Promise<number> {
    if (this.dialect === "sqlite") return takeNumber(sql, "sqlite");
    if (this.used === this.taken.length) this.taken.push(await takeNumber(sql, "postgresql"));
    return this.taken[this.used++];
  }
}

/** A new incident number, with no reservation (outside a unit of work). */
export async function takeNumber(sql: SqlRunner, dialect: Dialect): Promise<number> {
  const [{ value }] = await sql.query<{ value: number | bigint }>(dialect === "postgresql" ? POSTGRES_NEXT : SQLITE_NEXT);
  return Number(value);
}

/** The highest incident number a store has given out (0 when none). */
export async function highestNumberGiven(prisma: PrismaClient, dialect: Dialect): Promise<number> {
  const counter =
    dialect === "postgresql"
      ? Prisma.sql`SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS "value" FROM "IncidentNumber"`
      : Prisma.sql`SELECT "value" FROM "Sequence" WHERE "name" = 'incident'`;
  const [given] = await prisma.$queryRaw<{ value: number | bigint }[]>(counter);
  const [{ value: highest }] = await prisma.$queryRaw<{ value: number | bigint | null }[]>(Prisma.sql`SELECT MAX("number") AS "value" FROM "Incident"`);
  return Math.max(Number(given?.value ?? 0), Number(highest ?? 0));
}

/**
 * Move a store's counter so its next number is past `given` (a copied store continues where
 * its source stopped, whichever database kept the counter). Never moves it back.
 */
export async function continueNumbersAfter(prisma: PrismaClient, dialect: Dialect, given: number): Promise<void> {
  const at = Math.max(given, await highestNumberGiven(prisma, dialect));
  if (dialect === "postgresql") {
    await prisma.$executeRaw(Prisma.sql`SELECT setval('"IncidentNumber"', ${Math.max(at, 1)}::bigint, ${at >= 1}::boolean)`);
    return;
  }
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO "Sequence" ("name", "value") VALUES ('incident', ${at})
    ON CONFLICT ("name") DO UPDATE SET "value" = ${at}`);
}
