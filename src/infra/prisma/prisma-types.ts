import type { Prisma, PrismaClient } from "../../generated/prisma/client.js";

/** The root client or a transaction's client: repositories work on either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Whether a Prisma error is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
