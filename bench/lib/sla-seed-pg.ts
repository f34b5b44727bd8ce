// Seeding for the SLA tick benchmark on PostgreSQL: the same plan as sla-seed.ts (rowFor), set
// based so a million incidents take seconds, not one round trip per row. The incidents of the
// plan's groups (a few thousand) go in from rowFor through unnest(); every other incident is
// computed in SQL from generate_series with rowFor's formula for "everyone else". Timeline,
// SLA state and timer rows are then derived from the incidents in one INSERT … SELECT each.
import pg from "pg";
import { rowFor, type SeedPlan } from "./sla-seed.js";

/** Fill a migrated PostgreSQL database per the plan. Returns how long it took (ms). */
export async function seedPostgres(url: string, plan: SeedPlan): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`INSERT INTO "Organisation" ("id","name") VALUES ('acme','ACME Corp')`);
    await client.query(`INSERT INTO "Person" ("id","name","role") VALUES ('ana','Ana Lima','lead'),('ben','Ben Okafor','engineer')`);
    await client.query(`INSERT INTO "Sequence" ("name","value") VALUES ('incident',$1)`, [plan.total]);
    const special = Math.min(plan.total, plan.groups.reduce((n, g) => n + g.size, 0) + (plan.breaches?.size ?? 0));
    const ids: number[] = [], sev: string[] = [], opened: string[] = [], acked: (string | null)[] = [];
    for (let i = 0; i < special; i++) {
      const r = rowFor(plan, i);
      ids.push(i + 1);
      sev.push(r.severity);
      opened.push(utc(r.openedAt));
      acked.push(r.acknowledgedAt === undefined ? null : utc(r.acknowledgedAt));
    }
    const columns = `"id","number","title","description","severity","status","organisationId","reporterId","tier","version","openedAt","acknowledgedAt","acknowledgedById","updatedAt"`;
    await client.query(
      `INSERT INTO "Incident" (${columns})
       SELECT id, id, 'Incident ' || id, '', sev, CASE WHEN ack IS NULL THEN 'open' ELSE 'acknowledged' END, 'acme', 'ana', 0, 1, op, ack, CASE WHEN ack IS NULL THEN NULL ELSE 'ben' END, op
       FROM unnest($1::int[], $2::text[], $3::timestamp[], $4::timestamp[]) AS t(id, sev, op, ack)`,
      [ids, sev, opened, acked],
    );
    // rowFor's "everyone else": a P3 opened ((index × 7919) mod 17 h) seconds before now, acknowledged 5 minutes later.
    await client.query(
      `INSERT INTO "Incident" (${columns})
       SELECT id, id, 'Incident ' || id, '', 'P3', 'acknowledged', 'acme', 'ana', 0, 1, op, op + interval '5 minutes', 'ben', op
       FROM (SELECT i + 1 AS id, $2::timestamp - (((i::bigint * 7919) % 61200) * interval '1 second') AS op FROM generate_series($1::int, $3::int - 1) AS i) AS t`,
      [special, utc(plan.now), plan.total],
    );
    await client.query(`INSERT INTO "TimelineEntry" ("incidentId","at","kind","actorId","platform","details") SELECT "id", "openedAt", 'opened', 'ana', 'console', '{}' FROM "Incident"`);
    // rowFor's due instants (and each incident's SLA facts, which live on its timer row): P3 restore warning 18 h after opening, P2 (the breach group) response breach after 15 minutes.
    await client.query(
      `INSERT INTO "SlaTimer" ("key","incidentId","dueAt","status","generation","severity","lastUpdateAt","pauses")
       SELECT 'incident:' || "id", "id", "openedAt" + CASE WHEN "severity" = 'P2' THEN interval '15 minutes' ELSE interval '18 hours' END, 'pending', 1,
         "severity", COALESCE("acknowledgedAt", "openedAt"), '[]' FROM "Incident"`,
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('"Incident"', 'id'), $1)`, [plan.total]);
    await client.query("COMMIT");
    // Fresh statistics, as autovacuum would have gathered on a long-running database.
    await client.query(`VACUUM ANALYZE`);
  } finally {
    await client.end();
  }
  return performance.now() - started;
}

// Prisma stores DateTime as UTC in `timestamp(3)` (without time zone): send UTC wall time.
const utc = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
