import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { PG_TEMPLATE } from "./pg-global-setup.js";
import { openPostgresStore, type PrismaStore } from "../../src/infra/prisma/prisma-store.js";

/** The test cluster's URL (from the global setup, which fails the run if there is none). */
export function testPgUrl(): string {
  return process.env.VIGIL_TEST_PG_URL ?? inject("pgUrl");
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPgUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new PostgreSQL database on the test cluster, empty or (`migrated`) a copy of the migrated
 * template the global setup made; cleanup drops it.
 */
export async function tempPgDatabase(migrated = false): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const name = `vigil_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${migrated ? ` TEMPLATE "${PG_TEMPLATE}"` : ""}`));
  return {
    url: withDatabase(testPgUrl(), name),
    cleanup: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

// One migrated database per test file, emptied between tests: creating a database costs ~0.8 s
// on these machines, emptying one ~50 ms. The throwaway cluster discards it at the end.
let shared: Promise<{ url: string; cleanup: () => Promise<void> }> | undefined;

async function emptied(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`)).rows;
    const sequences = (await client.query<{ s: string }>(`SELECT sequencename AS s FROM pg_sequences WHERE schemaname = 'public'`)).rows;
    // replica role: no foreign-key triggers, so the order of the deletes does not matter.
    await client.query(
      `SET session_replication_role = replica; ${tables.map((r) => `DELETE FROM "${r.t}";`).join(" ")} ` +
        `${sequences.map((r) => `ALTER SEQUENCE "${r.s}" RESTART;`).join(" ")} SET session_replication_role = DEFAULT;`,
    );
  } finally {
    await client.end();
  }
}

/** A Prisma store on an empty, migrated PostgreSQL database (one per test file, reused). */
export async function openTempPgStore(): Promise<{ store: PrismaStore; url: string; cleanup: () => Promise<void> }> {
  shared ??= tempPgDatabase(true);
  const { url } = await shared;
  await emptied(url);
  const store = await openPostgresStore(url, 4);
  return { store, url, cleanup: () => store.close() };
}
