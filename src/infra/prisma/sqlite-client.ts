import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.js";

/**
 * @prisma/adapter-better-sqlite3 opens transactions with a deferred BEGIN. In WAL mode a
 * transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT when
 * another process wrote in between, and the busy timeout cannot help. BEGIN IMMEDIATE
 * takes the write lock up front, so concurrent writers queue on the busy timeout instead.
 * This reaches into adapter internals: versions are pinned and a test (two processes
 * acking one incident) proves it still holds.
 */
function beginImmediate(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const db = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client;
    const prepare = db.prepare.bind(db);
    db.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
}

/** A Prisma client on an SQLite file (`file:<path>`, relative to the working directory). */
export async function createSqliteClient(url: string, busyTimeoutMs = 5000): Promise<PrismaClient> {
  const adapter = beginImmediate(new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs }));
  const prisma = new PrismaClient({ adapter });
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return prisma;
}

export { PrismaClient };
