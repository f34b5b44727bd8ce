// Seeding for the SLA tick benchmark: open incidents with their SLA facts, timers and an
// "opened" timeline entry, written with raw better-sqlite3 in one transaction (Prisma's
// per-row creates would take minutes for a million incidents). Dates are stored the way the
// Prisma SQLite adapter stores them (ISO text with +00:00), so the app reads them back.
import Database from "better-sqlite3";
import { sqlitePath } from "../../src/infra/prisma/migrate-sqlite.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

/** An ISO instant as the Prisma SQLite adapter writes it. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** A group of incidents whose restore warning (18 h into a 24 h P3 target) falls due at `dueAt`. */
export interface DueGroup {
  size: number;
  dueAt: number;
}

/** Incidents whose response warning and breach both fall due before `breachAt` (unacknowledged P2). */
export interface BreachGroup {
  size: number;
  breachAt: number;
}

/** What to seed: `total` open incidents, some of them in due groups, the rest due later. */
export interface SeedPlan {
  total: number;
  now: number;
  groups: DueGroup[];
  breaches?: BreachGroup;
}

/** One seeded incident: its severity, lifecycle instants and when its timer is due. */
export interface Row {
  severity: string;
  openedAt: number;
  acknowledgedAt?: number;
  dueAt: number;
}

/** The incident at `index` of a plan (shared with the PostgreSQL seeder). */
export function rowFor(plan: SeedPlan, index: number): Row {
  let start = 0;
  for (const g of plan.groups) {
    if (index < start + g.size) return { severity: "P3", openedAt: g.dueAt - 18 * HOUR, acknowledgedAt: g.dueAt - 18 * HOUR + 5 * MIN, dueAt: g.dueAt };
    start += g.size;
  }
  if (plan.breaches && index < start + plan.breaches.size) {
    const openedAt = plan.breaches.breachAt - 20 * MIN;
    return { severity: "P2", openedAt, dueAt: openedAt + 15 * MIN };
  }
  // Everyone else: a P3 opened in the last 17 h, acknowledged, its restore warning still ahead.
  const openedAt = plan.now - ((index * 7919) % (17 * 3600)) * 1000;
  return { severity: "P3", openedAt, acknowledgedAt: openedAt + 5 * MIN, dueAt: openedAt + 18 * HOUR };
}

function statements(db: Database.Database) {
  return {
    incident: db.prepare(
      `INSERT INTO "Incident" ("id","number","title","description","severity","status","organisationId","reporterId","tier","version","openedAt","acknowledgedAt","acknowledgedById","updatedAt")
       VALUES (?,?,?,'',?,?,'acme','ana',0,1,?,?,?,?)`,
    ),
    timeline: db.prepare(`INSERT INTO "TimelineEntry" ("incidentId","at","kind","actorId","platform","details") VALUES (?,?,'opened','ana','console','{}')`),
    // An incident's timer row holds its SLA facts.
    timer: db.prepare(`INSERT INTO "SlaTimer" ("key","incidentId","dueAt","status","generation","severity","lastUpdateAt","pauses") VALUES (?,?,?,'pending',1,?,?,'[]')`),
  };
}

/** Fill a migrated SQLite file per the plan. Returns how long it took (ms). */
export function seed(url: string, plan: SeedPlan): number {
  const started = performance.now();
  const db = new Database(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const s = statements(db);
  db.transaction(() => {
    db.prepare(`INSERT INTO "Organisation" ("id","name") VALUES ('acme','ACME Corp')`).run();
    db.prepare(`INSERT INTO "Person" ("id","name","role") VALUES ('ana','Ana Lima','lead'),('ben','Ben Okafor','engineer')`).run();
    db.prepare(`INSERT INTO "Sequence" ("name","value") VALUES ('incident',?)`).run(plan.total);
    for (let i = 0; i < plan.total; i++) {
      const id = i + 1;
      const r = rowFor(plan, i);
      const acked = r.acknowledgedAt === undefined ? null : iso(r.acknowledgedAt);
      s.incident.run(id, id, `Incident ${id}`, r.severity, acked ? "acknowledged" : "open", iso(r.openedAt), acked, acked ? "ben" : null, iso(r.openedAt));
      s.timeline.run(id, iso(r.openedAt));
      s.timer.run(`incident:${id}`, id, iso(r.dueAt), r.severity, iso(r.acknowledgedAt ?? r.openedAt));
    }
  })();
  // Fold the seeding's WAL into the database now, so the measured ticks do not pay for it.
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return performance.now() - started;
}
