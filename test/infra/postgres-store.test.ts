import { describe, expect, it } from "vitest";
import pg from "pg";
import { Prisma } from "../../src/generated/prisma/client.js";
import { readdirSync } from "node:fs";
import { migratePostgres, PG_MIGRATIONS_DIR } from "../../src/infra/prisma/migrate-postgres.js";
import { openTempPgStore, tempPgDatabase } from "../support/temp-pg.js";
import { openPostgresStore } from "../../src/infra/prisma/prisma-store.js";
import { alertStoreContract } from "./alert-store-contract.js";
import { customerStoreContract } from "./customer-store-contract.js";
import { storeContract } from "./store-contract.js";

const committedMigrations = () =>
  readdirSync(PG_MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

storeContract("Prisma + PostgreSQL", openTempPgStore, { foldsWaitingCards: false });
customerStoreContract("Prisma + PostgreSQL", openTempPgStore);
alertStoreContract("Prisma + PostgreSQL", openTempPgStore);

describe("PostgreSQL setup", () => {
  it("applies each migration once when replicas start together, and records them for the Prisma CLI", async () => {
    const db = await tempPgDatabase();
    try {
      const runs = await Promise.all([migratePostgres(db.url), migratePostgres(db.url), migratePostgres(db.url)]);
      expect(runs.flat().sort()).toEqual(committedMigrations());
      expect(await migratePostgres(db.url)).toEqual([]);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const rows = (await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
      await client.end();
      expect(rows.map((r) => r.migration_name)).toEqual(committedMigrations());
      expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].finished_at).not.toBeNull();
    } finally {
      await db.cleanup();
    }
  });
});

describe("incident numbers on PostgreSQL", () => {
  it("an open retried after a serialization conflict keeps its number: no gap", async () => {
    const { store, cleanup } = await openTempPgStore();
    try {
      await store.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
      await store.directory.upsertPerson({ id: "ana", name: "Ana Lima", role: "lead", identities: [] });
      const incident = { title: "Disk full", description: "", severity: "P3" as const, status: "open" as const, organisationId: "acme", reporterId: "ana", tier: 0, openedAt: new Date(0), updatedAt: new Date(0) };
      let attempts = 0;
      const first = await store.transaction(async (tx) => {
        const created = await tx.incidents.create(incident);
        // What PostgreSQL says when a concurrent transaction won: the store runs the work again.
        if (++attempts === 1) throw Object.assign(new Error("could not serialize access due to concurrent update"), { code: "P2034" });
        return created;
      });
      const second = await store.transaction((tx) => tx.incidents.create(incident));
      expect(attempts).toBe(2);
      expect([first.number, second.number]).toEqual([1, 2]);
    } finally {
      await cleanup();
    }
  });
});

describe("transactions on PostgreSQL", () => {
  it("a store transaction is SERIALIZABLE, statements outside one are not", async () => {
    const { store, cleanup } = await openTempPgStore();
    try {
      const level = (sql: { query<T>(q: Prisma.Sql): Promise<T[]> }) => sql.query<{ level: string }>(Prisma.sql`SELECT current_setting('transaction_isolation') AS "level"`);
      // Both through the repositories' own statement runner, the one the hot path uses.
      const inside = await store.transaction(async (tx) => level((tx.incidents as unknown as { sql: Parameters<typeof level>[0] }).sql));
      const outside = await level((store.incidents as unknown as { sql: Parameters<typeof level>[0] }).sql);
      expect([inside[0].level, outside[0].level]).toEqual(["serializable", "read committed"]);
    } finally {
      await cleanup();
    }
  });
});

describe("prepared statements on PostgreSQL", () => {
  it("a running replica still reads incidents after a newer one's migration adds a column", async () => {
    const db = await tempPgDatabase(true);
    const store = await openPostgresStore(db.url, 1);
    try {
      await store.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
      await store.directory.upsertPerson({ id: "ana", name: "Ana Lima", role: "lead", identities: [] });
      const incident = { title: "Disk full", description: "", severity: "P3" as const, status: "open" as const, organisationId: "acme", reporterId: "ana", tier: 0, openedAt: new Date(0), updatedAt: new Date(0) };
      const created = await store.transaction((tx) => tx.incidents.create(incident));
      await store.transaction((tx) => tx.incidents.findByNumber(created.number));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(`ALTER TABLE "Incident" ADD COLUMN "later" TEXT`);
      await client.end();
      // A plan prepared for `SELECT i.*` before the column existed would be refused now.
      expect((await store.transaction((tx) => tx.incidents.findByNumber(created.number)))?.title).toBe("Disk full");
    } finally {
      await store.close();
      await db.cleanup();
    }
  });
});
