import { Prisma } from "../../generated/prisma/client.js";

/** Which SQL the repositories' raw statements are sent to. */
export type Dialect = "sqlite" | "postgresql";

/**
 * The row-lock clause of a claim's inner SELECT. On PostgreSQL, concurrent claimers skip rows
 * another transaction is claiming instead of queueing behind it; SQLite has one writer at a
 * time (BEGIN IMMEDIATE), so there is nothing to skip.
 */
export function skipLocked(dialect: Dialect): Prisma.Sql {
  return dialect === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

/** The PostgreSQL NOTIFY channel that says "outbox rows were committed" (to the leader's sender). */
export const OUTBOX_CHANNEL = "vigil_outbox";
