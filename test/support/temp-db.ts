import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openSqliteStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";

/** A fresh SQLite file (migrated on open) in its own temporary folder. */
export function tempDatabaseUrl(): { url: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-test-"));
  const file = path.join(dir, "vigil.db");
  return { url: `file:${file}`, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Prisma store on a new temporary SQLite file. */
export async function openTempStore(): Promise<{ store: PrismaStore; url: string; file: string; cleanup: () => Promise<void> }> {
  const db = tempDatabaseUrl();
  const store = await openSqliteStore(db.url);
  return { store, url: db.url, file: db.file, cleanup: async () => (await store.close(), db.cleanup()) };
}
