import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import { Prisma } from "../../generated/prisma/client.js";
import { incidentTimerKey } from "../../core/sla/incident-timer.js";
import type { FactsRearm, NudgeFilter, SlaRepository } from "../../ports/store.js";
import { chunks, factsColumns, toFacts, toNudge, type FactsRow, type NudgeRow } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import type { IncidentPrefetch } from "./incident-prefetch.js";

import { BATCH } from "./sla-mappers.js";

// A row of incidentSla: the state's columns (null without a row), then one nudge's (null without one).
type IncidentSlaRow = { [K in keyof Omit<FactsRow, "incidentId">]: FactsRow[K] | null } & { [K in keyof Omit<NudgeRow, "incidentId">]: NudgeRow[K] | null };

/**
 * SLA facts and the nudge ledger in SQL. The sweeper's hot paths (batch loads, ledger
 * inserts) are single raw statements over indexes, because one Prisma model call per row
 * costs about a millisecond and a tick may act on a thousand rows.
 */
export class PrismaSlaRepository implements SlaRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
    // Inside a transaction: an incident's SLA as read with the incident (see IncidentPrefetch).
    private readonly prefetched?: IncidentPrefetch,
  ) {}

  async findFacts(incidentIds: number[]): Promise<SlaFacts[]> {
    const out: SlaFacts[] = [];
    for (const ids of chunks(incidentIds, BATCH)) {
      // By the timer's unique key: a scan by incident id would read every timer.
      const keys = ids.map(incidentTimerKey);
      const rows = await this.sql.query<FactsRow>(Prisma.sql`
        SELECT "incidentId", "severity", "lastUpdateAt", "pauses", "postmortemAt", "postmortem" FROM "SlaTimer"
        WHERE "key" IN (${Prisma.join(keys)}) AND "severity" IS NOT NULL`);
      out.push(...rows.map(toFacts));
    }
    return out;
  }

  async incidentSla(incidentId: number): Promise<{ facts?: SlaFacts; nudges: NudgeRecord[] }> {
    const known = this.prefetched?.slaOf(incidentId);
    if (known) return known;
    // One statement for both: the state row (or none) joined to each ledger row (or none),
    // from a one-row seed so an incident with neither still gives a row.
    const rows = await this.sql.query<IncidentSlaRow>(Prisma.sql`
      SELECT s."severity", s."lastUpdateAt", s."pauses", s."postmortemAt", s."postmortem",
        n."clock", n."cycle", n."kind", n."repeat", n."dueAt", n."at", n."late"
      FROM (SELECT CAST(${incidentId} AS INTEGER) AS "incidentId") q
      LEFT JOIN "SlaTimer" s ON s."key" = ${incidentTimerKey(incidentId)}
      LEFT JOIN "SlaNudge" n ON n."incidentId" = q."incidentId"
      ORDER BY n."id"`);
    const first = rows[0];
    const nudges = rows.filter((r) => r.clock !== null).map((r) => toNudge({ ...r, incidentId } as NudgeRow));
    // The ledger's order as listNudges gives it: by when sent, ties in insertion order.
    nudges.sort((a, b) => a.at.getTime() - b.at.getTime());
    if (!first || first.severity === null) return { nudges };
    return { facts: toFacts({ ...first, incidentId } as FactsRow), nudges };
  }

  // One upsert of the incident's timer row, which holds its facts: with `rearm` it is also armed
  // as DeadlineRepository.arm would (a re-arm every change makes, so no second statement); without,
  // only the facts change. A row created here without a due time is a finished timer.
  async saveFacts(facts: SlaFacts, rearm?: FactsRearm): Promise<void> {
    this.prefetched?.forgetSla();
    const c = factsColumns(facts);
    const key = incidentTimerKey(facts.incidentId);
    const status = rearm?.dueAt ? "pending" : "done";
    const dueAt = rearm ? (rearm.dueAt ?? rearm.now) : facts.lastUpdateAt;
    const armed = rearm ? Prisma.sql`"dueAt" = excluded."dueAt", "status" = excluded."status", "generation" = "SlaTimer"."generation" + 1, "leaseUntil" = NULL,` : Prisma.empty;
    await this.sql.execute(Prisma.sql`
      INSERT INTO "SlaTimer" ("key", "incidentId", "dueAt", "status", "generation", "severity", "lastUpdateAt", "pauses", "postmortemAt", "postmortem")
      VALUES (${key}, ${facts.incidentId}, ${dueAt}, ${status}, 1, ${c.severity}, ${c.lastUpdateAt}, ${c.pauses}, ${c.postmortemAt}, ${c.postmortem})
      ON CONFLICT ("key") DO UPDATE SET ${armed} "severity" = excluded."severity", "lastUpdateAt" = excluded."lastUpdateAt",
        "pauses" = excluded."pauses", "postmortemAt" = excluded."postmortemAt", "postmortem" = excluded."postmortem"`);
  }

  async recordNudges(nudges: NudgeRecord[]): Promise<NudgeRecord[]> {
    this.prefetched?.forgetSla();
    const recorded: NudgeRecord[] = [];
    const key = (n: { incidentId: number | bigint; clock: string; cycle: string; kind: string; repeat: number | bigint }) =>
      `${Number(n.incidentId)}|${n.clock}|${n.cycle}|${n.kind}|${Number(n.repeat)}`;
    for (const part of chunks(nudges, BATCH)) {
      const values = part.map(
        (n) => Prisma.sql`(${n.incidentId}, ${n.clock}, ${n.cycle}, ${n.kind}, ${n.repeat}, ${n.dueAt}, ${n.at}, ${n.late})`,
      );
      // DO NOTHING + RETURNING says which nudges are new: the ledger's unique key is the
      // last word on "never twice", whatever the callers checked before.
      const rows = await this.sql.query<Pick<NudgeRow, "incidentId" | "clock" | "cycle" | "kind" | "repeat">>(Prisma.sql`
        INSERT INTO "SlaNudge" ("incidentId", "clock", "cycle", "kind", "repeat", "dueAt", "at", "late")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING
        RETURNING "incidentId", "clock", "cycle", "kind", "repeat"`);
      const inserted = new Set(rows.map(key));
      recorded.push(...part.filter((n) => inserted.has(key(n))));
    }
    return recorded;
  }

  async listNudges(filter: NudgeFilter): Promise<NudgeRecord[]> {
    const where: Prisma.Sql[] = [];
    if (filter.kinds) where.push(filter.kinds.length ? Prisma.sql`"kind" IN (${Prisma.join(filter.kinds)})` : Prisma.sql`0 = 1`);
    if (filter.from) where.push(Prisma.sql`"at" >= ${filter.from}`);
    if (filter.to) where.push(Prisma.sql`"at" < ${filter.to}`);
    const query = async (extra: Prisma.Sql[]) => {
      const all = [...where, ...extra];
      const clause = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
      return (await this.sql.query<NudgeRow>(Prisma.sql`SELECT * FROM "SlaNudge" ${clause} ORDER BY "id"`)).map(toNudge);
    };
    if (!filter.incidentIds) return query([]);
    const out: NudgeRecord[] = [];
    for (const ids of chunks(filter.incidentIds, BATCH)) out.push(...(await query([Prisma.sql`"incidentId" IN (${Prisma.join(ids)})`])));
    return out.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
