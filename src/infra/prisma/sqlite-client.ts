import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.js";
import { AdapterStatementCache } from "./adapter-statement-cache.js";
import { sqliteRunner, type SqlRunner, type SqliteConnection } from "./sql-runner.js";

/** Options of an SQLite client beyond its file. */
export interface SqliteClientOptions {
  busyTimeoutMs?: number;
  /** Called with every SQL statement the client sends (BEGIN and COMMIT included), e.g. to count them. */
  onStatement?: (sql: string) => void;
}

/**
 * @prisma/adapter-better-sqlite3 opens transactions with a deferred BEGIN. In WAL mode a
 * transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT when
 * another process wrote in between, and the busy timeout cannot help. BEGIN IMMEDIATE
 * takes the write lock up front, so concurrent writers queue on the busy timeout instead.
 * Every statement the adapter sends goes through prepare(), which is also where they are
 * counted and where they are kept prepared (AdapterStatementCache). This reaches into adapter internals: versions are pinned and a test (two processes
 * acking one incident) proves it still holds.
 */
function beginImmediate(factory: PrismaBetterSQLite3, onStatement?: (sql: string) => void, opened?: (connection: SqliteConnection) => void): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const db = (adapter as unknown as { client: SqliteConnection }).client;
    const prepare = db.prepare.bind(db);
    opened?.({ prepare });
    const cache = new AdapterStatementCache(prepare as never);
    db.prepare = ((sql: string) => {
      onStatement?.(sql);
      return cache.get(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    }) as never;
    return adapter;
  };
  return factory;
}

/** A Prisma client on an SQLite file (`file:<path>`, relative to the working directory). */
export async function createSqliteClient(url: string, options: SqliteClientOptions = {}): Promise<PrismaClient> {
  return (await openSqliteClient(url, options)).prisma;
}

/** A Prisma client on an SQLite file, and a runner for hot statements on the same connection. */
export async function openSqliteClient(url: string, options: SqliteClientOptions = {}): Promise<{ prisma: PrismaClient; runner: SqlRunner }> {
  let connection: SqliteConnection | undefined;
  const adapter = beginImmediate(new PrismaBetterSQLite3({ url, timeout: options.busyTimeoutMs ?? 5000 }), options.onStatement, (c) => (connection = c));
  const prisma = new PrismaClient({ adapter });
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  if (!connection) throw new Error("the SQLite adapter did not connect");
  return { prisma, runner: sqliteRunner(connection, options.onStatement) };
}

export { PrismaClient };
