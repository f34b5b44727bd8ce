import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "../../generated/prisma-pg/client.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

/**
 * A Prisma client on PostgreSQL (`postgres://…` or `postgresql://…`), typed as the SQLite
 * client: both are generated from the same models (prisma/pg/schema.prisma is derived from
 * prisma/schema.prisma), so the model API the repositories use is identical, and the data layer
 * is written once. `poolSize` caps this process's connections.
 */
export function createPostgresClient(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

/** Whether a database URL names a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
