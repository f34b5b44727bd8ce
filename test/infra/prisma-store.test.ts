import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { readdirSync } from "node:fs";
import { migrateSqlite, MIGRATIONS_DIR } from "../../src/infra/prisma/migrate-sqlite.js";
import { openTempStore, tempDatabaseUrl } from "../support/temp-db.js";
import { storeContract } from "./store-contract.js";

// Every migration folder committed under prisma/migrations, in the order they apply.
const committedMigrations = () =>
  readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

storeContract("Prisma + SQLite", async () => {
  const { store, cleanup } = await openTempStore();
  return { store, cleanup };
});

describe("SQLite setup", () => {
  it("applies migrations once, idempotently, and records them for the Prisma CLI", () => {
    const db = tempDatabaseUrl();
    try {
      expect(migrateSqlite(db.url)).toEqual(committedMigrations());
      expect(migrateSqlite(db.url)).toEqual([]);
      const sqlite = new Database(db.file, { readonly: true });
      const rows = sqlite.prepare("SELECT migration_name, checksum, finished_at FROM _prisma_migrations").all() as { checksum: string; finished_at: unknown }[];
      expect(rows).toHaveLength(committedMigrations().length);
      expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].finished_at).not.toBeNull();
      sqlite.close();
    } finally {
      db.cleanup();
    }
  });

  it("runs in WAL mode", async () => {
    const { file, cleanup } = await openTempStore();
    try {
      const sqlite = new Database(file, { readonly: true });
      expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      sqlite.close();
    } finally {
      await cleanup();
    }
  });
});
