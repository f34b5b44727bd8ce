// `npm run db:copy`: an SQLite install moved to PostgreSQL keeps everything, through the CLI.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openCopyEnd, type CopyEnd } from "../../src/infra/prisma/copy-database.js";
import { openPostgresStore, openSqliteStore } from "../../src/infra/prisma/prisma-store.js";
import { schemaModels } from "../../src/infra/prisma/schema-models.js";
import { createHarness, type Harness } from "../support/harness.js";
import { tempDatabaseUrl } from "../support/temp-db.js";
import { tempPgDatabase } from "../support/temp-pg.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

async function dbCopy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "src/db-copy-cli.ts"), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Every row of every model, ordered by primary key, as plain JSON (dates as ISO text).
async function snapshot(end: CopyEnd): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const m of schemaModels()) {
    const rows = await (end.prisma as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[m.delegate].findMany({
      orderBy: m.idFields.map((f) => ({ [f]: "asc" })),
    });
    out[m.name] = JSON.parse(JSON.stringify(rows));
  }
  return out;
}

describe("npm run db:copy (SQLite → PostgreSQL)", () => {
  let h: Harness | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await h?.close();
    for (const c of cleanups.splice(0)) await c();
  });

  it("keeps every incident, timeline row, timer, nudge and pending message, and new rows carry on after them", async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P1 Payments down --org acme");
    await h.as("ana", "/incident open P3 Slow search --org globex");
    await h.as("ana", "/incident open P1 Nobody answers --org acme"); // left unacknowledged
    await h.as("ben", "/incident ack 1");
    await h.deliver(); // some rows sent …
    await h.as("ana", "/incident resolve 2 cache warmed"); // … and some still pending
    h.clock.advance(2 * 3600_000);
    await h.tick(); // SLA nudges recorded (INC-3's response breach), timers re-armed
    const target = await tempPgDatabase();
    cleanups.push(target.cleanup);

    const result = await dbCopy("--from", `file:${h.dbFile}`, "--to", target.url);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Copied \d+ rows: /);

    const source = await openCopyEnd(`file:${h.dbFile}`);
    const copied = await openCopyEnd(target.url);
    cleanups.push(async () => void (await Promise.all([source.prisma.$disconnect(), copied.prisma.$disconnect()])));
    const [before, after] = await Promise.all([snapshot(source), snapshot(copied)]);
    expect(after).toEqual(before);
    expect(before.Incident).toHaveLength(3);
    expect(before.TimelineEntry.length).toBeGreaterThan(3);
    expect(before.SlaTimer.length).toBeGreaterThan(0);
    expect(before.SlaNudge.length).toBeGreaterThan(0);
    expect((before.OutboxMessage as { status: string }[]).some((r) => r.status === "pending")).toBe(true);
    expect((before.OutboxMessage as { status: string }[]).some((r) => r.status === "sent")).toBe(true);

    // The copied store works: the next incident is INC-4 and its rows get fresh ids.
    const store = await openPostgresStore(target.url, 2);
    try {
      const next = await store.transaction(async (tx) => {
        const incident = await tx.incidents.create({ title: "After the move", description: "", severity: "P3", status: "open", organisationId: "acme", reporterId: "ana", tier: 0, openedAt: h!.clock.now(), updatedAt: h!.clock.now() });
        await tx.timeline.append({ incidentId: incident.id, at: h!.clock.now(), kind: "opened", platform: "console", details: {} });
        return incident;
      });
      expect(next.number).toBe(4);
      expect(next.id).toBe(4);
    } finally {
      await store.close();
    }
  }, 90_000);

  it("refuses a target that already holds data, and changes nothing there", async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P2 Disk full --org acme");
    const target = await tempPgDatabase();
    cleanups.push(target.cleanup);
    expect((await dbCopy("--from", `file:${h.dbFile}`, "--to", target.url)).code).toBe(0);
    await h.as("ana", "/incident open P2 Second --org acme");

    const again = await dbCopy("--from", `file:${h.dbFile}`, "--to", target.url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("The target database already holds data");
    expect(again.stderr).toContain("Nothing was copied");
    const copied = await openCopyEnd(target.url);
    cleanups.push(() => copied.prisma.$disconnect());
    expect((await copied.prisma.incident.findMany()).map((i) => i.title)).toEqual(["Disk full"]);
  }, 90_000);

  it("a copy from PostgreSQL back to SQLite goes on numbering after every number PostgreSQL gave", async () => {
    const source = await tempPgDatabase();
    cleanups.push(source.cleanup);
    const pgStore = await openPostgresStore(source.url, 2);
    const incident = { title: "On PostgreSQL", description: "", severity: "P3" as const, status: "open" as const, organisationId: "acme", reporterId: "ana", tier: 0, openedAt: new Date(0), updatedAt: new Date(0) };
    try {
      await pgStore.directory.upsertOrganisation({ id: "acme", name: "ACME Corp" });
      await pgStore.directory.upsertPerson({ id: "ana", name: "Ana Lima", role: "lead", identities: [] });
      await pgStore.transaction((tx) => tx.incidents.create(incident));
      // INC-2 is taken and never committed: it is skipped, and must not be given again.
      await expect(pgStore.transaction(async (tx) => (await tx.incidents.create(incident), Promise.reject(new Error("boom"))))).rejects.toThrow("boom");
    } finally {
      await pgStore.close();
    }
    const target = tempDatabaseUrl();
    cleanups.push(async () => target.cleanup());
    expect((await dbCopy("--from", source.url, "--to", target.url)).code).toBe(0);
    const sqliteStore = await openSqliteStore(target.url);
    try {
      const next = await sqliteStore.transaction((tx) => tx.incidents.create({ ...incident, title: "On SQLite" }));
      expect(next.number).toBe(3);
    } finally {
      await sqliteStore.close();
    }
  }, 90_000);

  it("explains its usage and refuses URLs it cannot open", async () => {
    const missing = await dbCopy("--from", "file:/tmp/x.db");
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("Usage: npm run db:copy -- --from");
    const bad = await dbCopy("--from", "mysql://db/vigil", "--to", "postgres://127.0.0.1/x");
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("--from: “mysql://db/vigil” is not file:<path> or postgres://…");
  }, 60_000);
});
