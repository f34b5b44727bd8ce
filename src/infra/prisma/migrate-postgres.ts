import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { listMigrations } from "./migration-folders.js";

/** prisma/pg/migrations of this checkout, wherever the process was started from. */
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/pg/migrations", import.meta.url));

// One fixed key for "Vigil migrates this database": replicas starting together queue on it.
const MIGRATION_LOCK_KEY = 0x76_69_67_01;

/**
 * Apply every committed PostgreSQL migration not yet applied, recording each in Prisma's own
 * `_prisma_migrations` table (same checksum), so `prisma migrate status --config
 * prisma.pg.config.ts` agrees. The whole run holds a session advisory lock, so replicas starting
 * at once apply each migration exactly once; each migration commits with its record.
 * Returns the names of the migrations this call applied.
 */
export async function migratePostgres(url: string, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE);
    const done = new Set(
      (await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )).rows.map((r) => r.migration_name),
    );
    const applied: string[] = [];
    for (const name of listMigrations(dir).filter((m) => !done.has(m))) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end(); // ending the session releases the advisory lock
  }
}

// Prisma's own DDL for PostgreSQL.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;
