// The migration that moved an incident's SLA facts from their own table onto its timer row
// (20261202201100_sla_facts_on_timer) carries an existing install's facts over: a file migrated
// up to the migration before it, with facts for an incident that has a timer and for one that
// never had one, reads the same facts through the store afterwards.
import Database from "better-sqlite3";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listMigrations } from "../../src/infra/prisma/migration-folders.js";
import { migrateSqlite, MIGRATIONS_DIR } from "../../src/infra/prisma/migrate-sqlite.js";
import { openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import { tempDatabaseUrl } from "../support/temp-db.js";

const MOVED = "20261202201100_sla_facts_on_timer";

describe("the SLA facts migration", () => {
  const db = tempDatabaseUrl();
  const before = mkdtempSync(path.join(os.tmpdir(), "vigil-migrations-"));
  afterAll(() => {
    db.cleanup();
    rmSync(before, { recursive: true, force: true });
  });

  it("keeps every incident's facts, and gives an incident without a timer a finished one", async () => {
    const all = listMigrations(MIGRATIONS_DIR);
    expect(all).toContain(MOVED);
    for (const name of all.slice(0, all.indexOf(MOVED))) cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    migrateSqlite(db.url, before);

    const sqlite = new Database(db.file);
    sqlite.prepare(`INSERT INTO "SlaState" ("incidentId","severity","lastUpdateAt","pauses","postmortemAt","postmortem") VALUES (1,'P1',?,?,?,?)`).run(
      "2026-11-02T09:05:00.000Z", JSON.stringify([{ from: "2026-11-02T09:10:00.000Z", to: "2026-11-02T09:20:00.000Z", reason: "logs" }]), "2026-11-03T10:00:00.000Z", "https://wiki/pm/1",
    );
    sqlite.prepare(`INSERT INTO "SlaState" ("incidentId","severity","lastUpdateAt","pauses") VALUES (2,'P3',?,'[]')`).run("2026-11-02T11:00:00.000Z");
    sqlite.prepare(`INSERT INTO "SlaTimer" ("key","incidentId","dueAt","status","generation") VALUES ('incident:1',1,?,'pending',4)`).run("2026-11-02T13:00:00.000Z");
    sqlite.prepare(`INSERT INTO "SlaTimer" ("key","incidentId","dueAt","status","generation") VALUES ('digest',NULL,?,'pending',2)`).run("2026-11-03T01:00:00.000Z");
    sqlite.close();

    const store = await openSqliteStore(db.url);
    try {
      expect(await store.sla.findFacts([1, 2])).toEqual([
        {
          incidentId: 1,
          severity: "P1",
          lastUpdateAt: new Date("2026-11-02T09:05:00Z"),
          pauses: [{ from: new Date("2026-11-02T09:10:00Z"), to: new Date("2026-11-02T09:20:00Z"), reason: "logs" }],
          postmortemAt: new Date("2026-11-03T10:00:00Z"),
          postmortem: "https://wiki/pm/1",
        },
        { incidentId: 2, severity: "P3", lastUpdateAt: new Date("2026-11-02T11:00:00Z"), pauses: [] },
      ]);
      // The timers themselves are as they were; the one created is finished, so it never fires.
      expect(await store.deadlines.find("incident:1")).toMatchObject({ dueAt: new Date("2026-11-02T13:00:00Z"), status: "pending", generation: 4 });
      expect(await store.deadlines.find("incident:2")).toMatchObject({ incidentId: 2, status: "done" });
      expect(await store.deadlines.find("digest")).toMatchObject({ status: "pending", generation: 2 });
      expect(await store.sla.findFacts([99])).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
