// Seeding for the SLA tick benchmark on PostgreSQL: the same plan as sla-seed.ts (rowFor),
// written with unnest() batches through pg in one transaction.
import pg from "pg";
import { rowFor, type SeedPlan } from "./sla-seed.js";

const BATCH = 20_000;

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
    for (let from = 0; from < plan.total; from += BATCH) {
      const ids: number[] = [], sev: string[] = [], status: string[] = [], opened: Date[] = [], acked: (Date | null)[] = [], due: Date[] = [];
      for (let i = from; i < Math.min(plan.total, from + BATCH); i++) {
        const r = rowFor(plan, i);
        ids.push(i + 1);
        sev.push(r.severity);
        status.push(r.acknowledgedAt === undefined ? "open" : "acknowledged");
        opened.push(new Date(r.openedAt));
        acked.push(r.acknowledgedAt === undefined ? null : new Date(r.acknowledgedAt));
        due.push(new Date(r.dueAt));
      }
      await client.query(
        `INSERT INTO "Incident" ("id","number","title","description","severity","status","organisationId","reporterId","tier","version","openedAt","acknowledgedAt","acknowledgedById","updatedAt")
         SELECT id, id, 'Incident ' || id, '', sev, st, 'acme', 'ana', 0, 1, op, ack, CASE WHEN ack IS NULL THEN NULL ELSE 'ben' END, op
         FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamp[], $5::timestamp[]) AS t(id, sev, st, op, ack)`,
        [ids, sev, status, opened.map(utc), acked.map((d) => (d ? utc(d) : null))],
      );
      await client.query(
        `INSERT INTO "TimelineEntry" ("incidentId","at","kind","actorId","platform","details")
         SELECT id, op, 'opened', 'ana', 'console', '{}' FROM unnest($1::int[], $2::timestamp[]) AS t(id, op)`,
        [ids, opened.map(utc)],
      );
      await client.query(
        `INSERT INTO "SlaState" ("incidentId","severity","lastUpdateAt","pauses")
         SELECT id, sev, COALESCE(ack, op), '[]' FROM unnest($1::int[], $2::text[], $3::timestamp[], $4::timestamp[]) AS t(id, sev, op, ack)`,
        [ids, sev, opened.map(utc), acked.map((d) => (d ? utc(d) : null))],
      );
      await client.query(
        `INSERT INTO "SlaTimer" ("key","incidentId","dueAt","status","generation")
         SELECT 'incident:' || id, id, due, 'pending', 1 FROM unnest($1::int[], $2::timestamp[]) AS t(id, due)`,
        [ids, due.map(utc)],
      );
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('"Incident"', 'id'), $1)`, [plan.total]);
    await client.query("COMMIT");
    // Fresh statistics, as autovacuum would have gathered on a long-running database.
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
  return performance.now() - started;
}

// Prisma stores DateTime as UTC in `timestamp(3)` (without time zone): send UTC wall time.
const utc = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
