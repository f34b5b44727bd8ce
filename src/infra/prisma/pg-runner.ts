import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { Prisma } from "../../generated/prisma/client.js";
import type { SqlRunner } from "./sql-runner.js";

const TIMESTAMP = 1114; // timestamp without time zone: what Prisma's DateTime is on PostgreSQL
const INT8 = 20;

// Read as Prisma's adapter reads them, so rows from either path are the same: DateTime columns
// hold UTC wall time; 64-bit integers (count(*), nextval) come back as BigInt.
function readingAsPrisma(defaults: typeof pg.types) {
  const fallback = defaults.getTypeParser as (oid: number, format?: string) => (value: string) => unknown;
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
      if (oid === INT8) return (value: string) => BigInt(value);
      return fallback(oid, format);
    },
  };
}

// A Date goes as UTC text, as Prisma writes it: `pg` would write local time with an offset,
// and a timestamp without time zone ignores the offset.
const toPg = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

// Named statements are parsed and planned once per connection, not for every command. Only the
// few shapes every command sends: a statement with a variable list (a batch, an IN list) has a
// shape per length, and each named one stays prepared on every connection for its lifetime.
const MAX_PARAMETERS = 24;
const MAX_NAMED = 200;
const names = new Map<string, string>();
function statementName(sql: Prisma.Sql): string | undefined {
  // Nor one that selects `*`: a migration adding a column (a newer replica starting while this
  // one runs) would make PostgreSQL refuse its prepared plan ("cached plan must not change
  // result type") on every connection that has it, until the process restarts.
  if (sql.values.length > MAX_PARAMETERS || sql.text.includes("*")) return undefined;
  let name = names.get(sql.text);
  if (!name && names.size < MAX_NAMED) names.set(sql.text, (name = `vigil_${names.size + 1}`));
  return name;
}

/** What runs statements: a pooled connection inside a transaction, or the pool itself. */
export type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Statements straight on the `pg` connection (PostgreSQL's counterpart of sqliteRunner): each
 * statement through Prisma's client, query compiler and adapter cost more client CPU than the
 * server spent on it (`npm run bench -- pg-replicas`, profiled). Inside a transaction it is the
 * very connection Prisma's transaction holds (see `capturingConnection`), so statements sent
 * here are part of it. `defaults`: the `pg` module's parsers (pg is loaded on demand).
 */
export function pgRunner(db: Queryable, defaults: typeof pg.types): SqlRunner {
  const types = readingAsPrisma(defaults);
  const run = (sql: Prisma.Sql) => db.query({ name: statementName(sql), text: sql.text, values: sql.values.map(toPg), types } as pg.QueryConfig);
  return {
    async query<T>(sql: Prisma.Sql) {
      return (await run(sql)).rows as T[];
    },
    async execute(sql) {
      return (await run(sql)).rowCount ?? 0;
    },
  };
}

/** Where a transaction's connection is put once Prisma's adapter has taken it. */
export interface ConnectionSlot {
  connection?: Queryable;
}

const opening = new AsyncLocalStorage<ConnectionSlot>();

/**
 * Run `open` (a Prisma `$transaction` call); the pooled connection Prisma's adapter takes for
 * that transaction is put in `slot` before the transaction's callback runs (see
 * `reportConnection`).
 */
export function capturingConnection<T>(slot: ConnectionSlot, open: () => Promise<T>): Promise<T> {
  return opening.run(slot, open);
}

/** Called by the adapter as it starts a transaction with `connection`. */
export function reportConnection(connection: Queryable): void {
  const slot = opening.getStore();
  // Only the first: a transaction started from inside this one's callback (a claim on the
  // root client, which commits on its own) inherits the slot and must not take it over.
  if (slot && !slot.connection) slot.connection = connection;
}
