// Patches for the Prisma 6.19.3 CLI running offline (engine "js", Wasm schema engine,
// better-sqlite3 driver adapter). Loaded only by prisma.config.ts inside the CLI process;
// the bot's runtime never imports this file.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Any existing file stops the CLI from downloading a native query engine it never loads,
// and telemetry would only time out here.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;
process.env.CHECKPOINT_DISABLE ??= "1";

// The Wasm engine leaves long timers armed after it finishes, which keeps `migrate dev`
// alive for up to a minute; let the process exit once real work is done.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...rest);
  if ((ms ?? 0) >= 1000 && new Error().stack?.includes("wasm://")) timer.unref();
  return timer;
}) as typeof setTimeout;

// `migrate dev`/`status` on a fresh file fail with P1014 unless this table already exists.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

/** Driver adapter factory for the CLI with the fixes above applied. */
export function sqliteFactory(url: string) {
  const base = new PrismaBetterSQLite3({ url });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      await adapter.executeScript(MIGRATIONS_TABLE);
      return adapter;
    },
    async connectToShadowDb() {
      // The shadow replay sends whole migration scripts through executeRaw, but
      // better-sqlite3 prepares one statement at a time: run argument-less SQL as a script.
      const shadow = await base.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await shadow.executeScript(query.sql);
        return 0;
      };
      return shadow;
    },
  };
}
