import type { PrismaClient } from "../../generated/prisma/client.js";
import { migratePostgres } from "./migrate-postgres.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import { createPostgresClient, isPostgresUrl } from "./postgres-client.js";
import { schemaModels, type ModelInfo } from "./schema-models.js";
import { createSqliteClient } from "./sqlite-client.js";
import type { Dialect } from "./sql-dialect.js";
import { continueNumbersAfter, highestNumberGiven } from "./incident-numbers.js";

const PAGE = 2000;

/** A database at the end of a copy: its client and which SQL it speaks. */
export interface CopyEnd {
  prisma: PrismaClient;
  dialect: Dialect;
}

type Delegate = {
  findMany(args: { orderBy: Record<string, "asc">[]; skip: number; take: number }): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
  count(): Promise<number>;
};

const delegate = (prisma: PrismaClient, model: ModelInfo) => (prisma as unknown as Record<string, Delegate>)[model.delegate];

/** Thrown when the target already holds data: a copy never merges into or overwrites a store. */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(`the target database is not empty (${tables.join(", ")} have rows); copy into a new, empty database`);
  }
}

/**
 * Copy every row of every model from one migrated store to another, keeping ids, in one target
 * transaction: either the whole store arrives or nothing does. Parents are copied before
 * children; PostgreSQL sequences are moved past the copied ids so new rows do not collide, and
 * the incident counter past the source's, so no number is given twice.
 * Returns the rows copied per model.
 */
export async function copyDatabase(from: CopyEnd, to: CopyEnd): Promise<Record<string, number>> {
  const models = schemaModels();
  const occupied: string[] = [];
  for (const m of models) if ((await delegate(to.prisma, m).count()) > 0) occupied.push(m.name);
  if (occupied.length) throw new TargetNotEmptyError(occupied);
  const counts: Record<string, number> = {};
  await to.prisma.$transaction(
    async (tx) => {
      for (const m of models) {
        counts[m.name] = 0;
        for (let skip = 0; ; skip += PAGE) {
          const rows = await delegate(from.prisma, m).findMany({ orderBy: m.idFields.map((f) => ({ [f]: "asc" as const })), skip, take: PAGE });
          if (rows.length === 0) break;
          counts[m.name] += (await delegate(tx as unknown as PrismaClient, m).createMany({ data: rows })).count;
          if (rows.length < PAGE) break;
        }
        if (to.dialect === "postgresql" && m.autoincrement) await moveSequence(tx as unknown as PrismaClient, m);
      }
      // SQLite counts incident numbers in a row, PostgreSQL in a sequence: the target goes on after the source's last.
      await continueNumbersAfter(tx as unknown as PrismaClient, to.dialect, await highestNumberGiven(from.prisma, from.dialect));
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  return counts;
}

async function moveSequence(prisma: PrismaClient, m: ModelInfo): Promise<void> {
  const table = `"${m.name}"`;
  const column = m.idFields[0];
  await prisma.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE(MAX("${column}"), 1), MAX("${column}") IS NOT NULL) FROM ${table}`,
  );
}

/** Migrate the database behind `url` (SQLite file or PostgreSQL) and open a copy end on it. */
export async function openCopyEnd(url: string): Promise<CopyEnd> {
  if (isPostgresUrl(url)) {
    await migratePostgres(url);
    return { prisma: await createPostgresClient(url, 2), dialect: "postgresql" };
  }
  migrateSqlite(url);
  return { prisma: await createSqliteClient(url), dialect: "sqlite" };
}
