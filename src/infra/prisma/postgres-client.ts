import type { PrismaClient } from "../../generated/prisma/client.js";
import { releasingFailedCommits } from "./pg-failed-commit.js";

/**
 * A Prisma client on PostgreSQL (`postgres://…` or `postgresql://…`), typed as the SQLite
 * client: both are generated from the same models (prisma/pg/schema.prisma is derived from
 * prisma/schema.prisma), so the model API the repositories use is identical, and the data layer
 * is written once. `poolSize` caps this process's connections. Loaded on demand, so an SQLite
 * install never loads the PostgreSQL client or driver.
 */
export async function createPostgresClient(url: string, poolSize = 10): Promise<PrismaClient> {
  const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../../generated/prisma-pg/client.js"),
  ]);
  const adapter = releasingFailedCommits(new PrismaPg({ connectionString: url, max: poolSize }));
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

/** Whether a database URL names a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
