import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listMigrations } from "./migration-folders.js";

/** prisma/migrations of this checkout, wherever the process was started from. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** The file path behind a `file:` URL, relative to the working directory as Prisma does. */
export function sqlitePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`not an SQLite file URL: ${url}`);
  return path.resolve(url.slice("file:".length).split("?")[0]);
}

/**
 * Apply every committed migration not yet applied, recording it in Prisma's own
 * `_prisma_migrations` table (same checksum), so `prisma migrate deploy/status` agree with
 * us. Runs in-process in milliseconds instead of spawning the CLI; safe to call on every
 * start and from several processes at once (BEGIN IMMEDIATE serialises them).
 * Returns the names of the migrations it applied.
 */
export function migrateSqlite(url: string, dir = MIGRATIONS_DIR): string[] {
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE);
    const pending = () => {
      const done = new Set(
        (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[]).map((r) => r.migration_name),
      );
      return listMigrations(dir).filter((m) => !done.has(m));
    };
    const applied: string[] = [];
    db.exec("BEGIN IMMEDIATE");
    try {
      for (const name of pending()) {
        const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
        db.exec(sql);
        db.prepare(
          "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)",
        ).run(randomUUID(), createHash("sha256").update(sql).digest("hex"), Date.now(), name, Date.now());
        applied.push(name);
      }
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    return applied;
  } finally {
    db.close();
  }
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
