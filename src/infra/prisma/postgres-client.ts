import type { PrismaClient } from "../../generated/prisma/client.js";
import { releasingFailedCommits } from "./pg-failed-commit.js";
import { beginningSerializableInOne } from "./pg-serializable-begin.js";
import { pgRunner, type Queryable } from "./pg-runner.js";
import type { SqlRunner } from "./sql-runner.js";

/** A Prisma client on PostgreSQL and the `pg` pool under it, for the statements that skip Prisma. */
export interface PostgresClient {
  prisma: PrismaClient;
  /** The pool Prisma's adapter takes its connections from. */
  pool: Queryable;
  /** Statements straight on `db` (a connection of the pool, or the pool), read as Prisma reads them. */
  runnerOn(db: Queryable): SqlRunner;
}

/**
 * A Prisma client on PostgreSQL (`postgres://…` or `postgresql://…`), typed as the SQLite
 * client: both are generated from the same models (prisma/pg/schema.prisma is derived from
 * prisma/schema.prisma), so the model API the repositories use is identical, and the data layer
 * is written once. `poolSize` caps this process's connections. Loaded on demand, so an SQLite
 * install never loads the PostgreSQL client or driver.
 */
export async function openPostgresClient(url: string, poolSize = 10): Promise<PostgresClient> {
  const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }, { default: pg }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../../generated/prisma-pg/client.js"),
    import("pg"),
  ]);
  // The pool is ours so hot statements can use it too; Prisma's $disconnect ends it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const adapter = releasingFailedCommits(beginningSerializableInOne(new PrismaPg(pool, { disposeExternalPool: true }), pool));
  const prisma = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  return { prisma, pool, runnerOn: (db) => pgRunner(db, pg.types) };
}

/** The Prisma client of `openPostgresClient` alone. */
export async function createPostgresClient(url: string, poolSize = 10): Promise<PrismaClient> {
  return (await openPostgresClient(url, poolSize)).prisma;
}

/** Whether a database URL names a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
