import type { Prisma, PrismaClient } from "../../generated/prisma/client.js";

/** The root client or a transaction's client: repositories work on either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Whether a Prisma error is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Whether a PostgreSQL transaction failed only because a concurrent one won (serialization
 * failure 40001 or deadlock 40P01: Prisma's P2034, or the driver adapter's
 * TransactionWriteConflict when it surfaces unwrapped): running it again is safe.
 */
export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, cause } = error as { code?: string; message?: string; cause?: { kind?: string } };
  if (code === "P2034" || cause?.kind === "TransactionWriteConflict") return true;
  return /TransactionWriteConflict|40001|40P01|could not serialize|deadlock detected/.test(message ?? "");
}
