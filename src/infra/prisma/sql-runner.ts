import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "./prisma-types.js";

/**
 * Where a repository's hot statements go: typed raw SQL (Prisma.sql templates) that every
 * command runs. On PostgreSQL it is Prisma's $queryRaw; on SQLite it is the very connection
 * Prisma's driver adapter opened, with prepared statements kept: Prisma's client and query
 * compiler cost about twenty times what better-sqlite3 does for a point read or an insert.
 * Transactions stay Prisma's (on SQLite one connection holds BEGIN IMMEDIATE … COMMIT, so a
 * statement sent here inside a transaction is part of it).
 */
export interface SqlRunner {
  /** Rows of a SELECT or of an INSERT/UPDATE … RETURNING; `dates` are the columns read as Date. */
  query<T>(sql: Prisma.Sql, dates?: readonly string[]): Promise<T[]>;
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  execute(sql: Prisma.Sql): Promise<number>;
}

/** Statements through Prisma (PostgreSQL, and any Prisma client). */
export function prismaRunner(db: Db): SqlRunner {
  return {
    query: <T>(sql: Prisma.Sql) => db.$queryRaw<T[]>(sql),
    execute: (sql) => db.$executeRaw(sql),
  };
}

/** The part of a better-sqlite3 connection the runner uses. */
export interface SqliteConnection {
  prepare(sql: string): { reader: boolean; safeIntegers(on: boolean): unknown; all(...args: unknown[]): unknown[]; run(...args: unknown[]): { changes: number } };
}

// Written as Prisma's SQLite adapter writes them (its default "iso8601" format), so rows from
// either path read the same.
const toSqlite = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
};

function readDates<T>(row: Record<string, unknown>, dates: readonly string[]): T {
  for (const column of dates) {
    const value = row[column];
    if (typeof value === "string" || typeof value === "number") row[column] = new Date(value);
  }
  return row as T;
}

/** Statements straight on the adapter's better-sqlite3 connection, prepared once each. */
export function sqliteRunner(connection: SqliteConnection, onStatement?: (sql: string) => void): SqlRunner {
  const prepared = new Map<string, ReturnType<SqliteConnection["prepare"]>>();
  const statement = (sql: Prisma.Sql) => {
    onStatement?.(sql.sql);
    let stmt = prepared.get(sql.sql);
    if (!stmt) {
      stmt = connection.prepare(sql.sql);
      // The adapter reads integers as BigInt; Vigil's integer columns are ids, counters and versions, all well within 2^53.
      stmt.safeIntegers(false);
      prepared.set(sql.sql, stmt);
    }
    return { stmt, args: sql.values.map(toSqlite) };
  };
  return {
    async query<T>(sql: Prisma.Sql, dates: readonly string[] = []) {
      const { stmt, args } = statement(sql);
      return (stmt.all(...args) as Record<string, unknown>[]).map((row) => readDates<T>(row, dates));
    },
    async execute(sql) {
      const { stmt, args } = statement(sql);
      return stmt.run(...args).changes;
    },
  };
}
