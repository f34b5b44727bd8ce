import type { Store } from "../ports/store.js";
import { MemoryStore } from "./memory/memory-store.js";
import { isPostgresUrl } from "./prisma/postgres-client.js";
import { openPostgresStore, openSqliteStore } from "./prisma/prisma-store.js";

/** A Store with a way to close it (and, on PostgreSQL, to free a dead leader's leases). */
export type ClosableStore = Store & { close(): Promise<void>; releaseTimerLeases?(): Promise<number> };

/**
 * The store DATABASE_URL names: `memory:` (demos, nothing kept), `postgres://…` (PostgreSQL,
 * for several replicas) or an SQLite `file:` URL (the embedded default). Migrates on open.
 */
export async function openStore(url: string): Promise<ClosableStore> {
  if (url === "memory:") return new MemoryStore();
  if (isPostgresUrl(url)) return openPostgresStore(url);
  if (url.startsWith("file:")) return openSqliteStore(url);
  throw new Error(`DATABASE_URL must be memory:, file:<path> or postgres://…, not ${JSON.stringify(url.split("@").pop())}`);
}
