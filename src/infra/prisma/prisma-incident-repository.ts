import { INCIDENT_TIMER_PREFIX } from "../../core/sla/incident-timer.js";
import { ConcurrencyError } from "../../core/errors.js";
import type { Incident, NewIncident } from "../../core/incident/types.js";
import type { IncidentFilter, IncidentRepository } from "../../ports/store.js";
import type { AlertLink } from "../../ports/alert-store.js";
import { incidentColumns, toIncident } from "./mappers.js";
import { Prisma, type Incident as IncidentRow } from "../../generated/prisma/client.js";
import { chunks } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import type { IncidentPrefetch, StoredSla } from "./incident-prefetch.js";
import { toFacts, toNudge, type FactsRow, type NudgeRow } from "./sla-mappers.js";
import { toLink, type LinkRow } from "./prisma-alert-repository.js";
import type { IncidentNumbers } from "./incident-numbers.js";

const INCIDENT_DATES = ["openedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", "closedAt", "reopenedAt", "updatedAt"] as const;
const WITH_DATES = [...INCIDENT_DATES, "link_firstAt", "link_lastAt", "link_notifiedAt", "sla_lastUpdateAt", "sla_postmortemAt", "nudge_dueAt", "nudge_at"] as const;

type Nullable<T> = { [K in keyof T]: T[K] | null };
// An incident row joined to its SLA state and to one of its alert links and one of its nudges
// (their columns null when it has none).
type IncidentWithRow = IncidentRow & { [K in keyof LinkRow as `link_${K}`]: LinkRow[K] | null } & {
  [K in keyof Nullable<Omit<FactsRow, "incidentId">> as `sla_${K}`]: Nullable<FactsRow>[K];
} & { [K in keyof Nullable<Omit<NudgeRow, "incidentId">> as `nudge_${K}`]: Nullable<NudgeRow>[K] } & { nudge_id: number | bigint | null };

/** Incidents in SQL; numbers come from a counter (see IncidentNumbers) so they are never reused. */
export class PrismaIncidentRepository implements IncidentRepository {
  constructor(
    private readonly db: Db,
    private readonly numbers: Pick<IncidentNumbers, "next">,
    private readonly sql: SqlRunner = prismaRunner(db),
    // Inside a transaction: an incident's alert links and SLA are read in the same statement
    // and kept for the card and the deadlines (see IncidentPrefetch).
    private readonly prefetch?: IncidentPrefetch,
  ) {}

  async create(data: NewIncident): Promise<Incident> {
    const number = await this.numbers.next(this.sql);
    const c = incidentColumns(data);
    const [{ id }] = await this.sql.query<{ id: number }>(Prisma.sql`
      INSERT INTO "Incident" ("number", "title", "description", "severity", "status", "organisationId", "reporterId", "assigneeId", "tier", "version",
        "resolution", "openedAt", "acknowledgedAt", "acknowledgedById", "mitigatedAt", "resolvedAt", "closedAt", "reopenedAt", "updatedAt")
      VALUES (${number}, ${c.title}, ${c.description}, ${c.severity}, ${c.status}, ${c.organisationId}, ${c.reporterId}, ${c.assigneeId}, ${c.tier}, 1,
        ${c.resolution}, ${c.openedAt}, ${c.acknowledgedAt}, ${c.acknowledgedById}, ${c.mitigatedAt}, ${c.resolvedAt}, ${c.closedAt}, ${c.reopenedAt}, ${c.updatedAt})
      RETURNING "id"`);
    // Just created: no alert link, SLA state or nudge can point at it yet.
    this.prefetch?.put(Number(id), [], { nudges: [] });
    return toIncident({ id: Number(id), number: Number(number), version: 1, ...c });
  }

  // Raw SQL for the reads and the update every command makes: the model API costs several times more.
  async findByNumber(number: number): Promise<Incident | undefined> {
    return this.findOne(Prisma.sql`i."number" = ${number}`);
  }

  async findById(id: number): Promise<Incident | undefined> {
    return this.findOne(Prisma.sql`i."id" = ${id}`);
  }

  private async findOne(where: Prisma.Sql): Promise<Incident | undefined> {
    if (!this.prefetch) {
      const rows = await this.sql.query<IncidentRow>(Prisma.sql`SELECT i.* FROM "Incident" i WHERE ${where}`, INCIDENT_DATES);
      return rows[0] ? toIncident(rows[0]) : undefined;
    }
    // One row per (link, nudge) pair; an incident has few of either.
    const rows = await this.sql.query<IncidentWithRow>(
      Prisma.sql`SELECT i.*, l."key" AS "link_key", l."source" AS "link_source", l."incidentId" AS "link_incidentId", l."fired" AS "link_fired",
        l."status" AS "link_status", l."summary" AS "link_summary", l."lastValue" AS "link_lastValue", l."firstAt" AS "link_firstAt",
        l."lastAt" AS "link_lastAt", l."notifiedAt" AS "link_notifiedAt",
        s."severity" AS "sla_severity", s."lastUpdateAt" AS "sla_lastUpdateAt", s."pauses" AS "sla_pauses", s."postmortemAt" AS "sla_postmortemAt",
        s."postmortem" AS "sla_postmortem",
        n."id" AS "nudge_id", n."clock" AS "nudge_clock", n."cycle" AS "nudge_cycle", n."kind" AS "nudge_kind", n."repeat" AS "nudge_repeat",
        n."dueAt" AS "nudge_dueAt", n."at" AS "nudge_at", n."late" AS "nudge_late"
      FROM "Incident" i
        LEFT JOIN "SlaTimer" s ON s."key" = ${INCIDENT_TIMER_PREFIX} || CAST(i."id" AS TEXT)
        LEFT JOIN "AlertLink" l ON l."incidentId" = i."id"
        LEFT JOIN "SlaNudge" n ON n."incidentId" = i."id"
      WHERE ${where} ORDER BY l."firstAt", n."id"`,
      WITH_DATES,
    );
    if (!rows[0]) return undefined;
    const incident = toIncident(rows[0]);
    this.prefetch.put(incident.id, linksIn(rows), slaIn(rows, incident.id));
    return incident;
  }

  async findByIds(ids: number[]): Promise<Incident[]> {
    const out: Incident[] = [];
    // Raw SQL: the SLA sweeper loads a whole batch, and the model API costs ~6x more per row.
    for (const part of chunks(ids, 1000)) {
      const rows = await this.sql.query<IncidentRow>(Prisma.sql`SELECT * FROM "Incident" WHERE "id" IN (${Prisma.join(part)})`, INCIDENT_DATES);
      out.push(...rows.map(toIncident));
    }
    return out;
  }

  async update(next: Incident): Promise<Incident> {
    const c = incidentColumns(next);
    const count = await this.sql.execute(Prisma.sql`
      UPDATE "Incident" SET "title" = ${c.title}, "description" = ${c.description}, "severity" = ${c.severity}, "status" = ${c.status},
        "organisationId" = ${c.organisationId}, "reporterId" = ${c.reporterId}, "assigneeId" = ${c.assigneeId}, "tier" = ${c.tier},
        "resolution" = ${c.resolution}, "openedAt" = ${c.openedAt}, "acknowledgedAt" = ${c.acknowledgedAt}, "acknowledgedById" = ${c.acknowledgedById},
        "mitigatedAt" = ${c.mitigatedAt}, "resolvedAt" = ${c.resolvedAt}, "closedAt" = ${c.closedAt}, "reopenedAt" = ${c.reopenedAt},
        "updatedAt" = ${c.updatedAt}, "version" = ${next.version + 1}
      WHERE "id" = ${next.id} AND "version" = ${next.version}`);
    if (count !== 1) throw new ConcurrencyError(next.id);
    return { ...next, version: next.version + 1 };
  }

  async list(filter: IncidentFilter): Promise<Incident[]> {
    const rows = await this.db.incident.findMany({
      where: {
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...(filter.severities ? { severity: { in: filter.severities } } : {}),
        ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
        ...(filter.assigneeId ? { assigneeId: filter.assigneeId } : {}),
        ...(filter.openedFrom || filter.openedTo ? { openedAt: { ...(filter.openedFrom ? { gte: filter.openedFrom } : {}), ...(filter.openedTo ? { lt: filter.openedTo } : {}) } } : {}),
      },
      orderBy: { number: "desc" },
      take: filter.limit,
    });
    return rows.map(toIncident);
  }
}

// The links of the joined rows, each once, in the order of their first alert (as linksOf reads them).
function linksIn(rows: IncidentWithRow[]): AlertLink[] {
  const seen = new Map<string, AlertLink>();
  for (const row of rows) {
    if (row.link_key === null || seen.has(row.link_key)) continue;
    seen.set(row.link_key, toLink({
      key: row.link_key,
      source: row.link_source!,
      incidentId: row.link_incidentId!,
      fired: row.link_fired!,
      status: row.link_status!,
      summary: row.link_summary!,
      lastValue: row.link_lastValue,
      firstAt: row.link_firstAt!,
      lastAt: row.link_lastAt!,
      notifiedAt: row.link_notifiedAt,
    }));
  }
  return [...seen.values()];
}

// The SLA state and nudges of the joined rows, as the SLA repository's incidentSla gives them.
function slaIn(rows: IncidentWithRow[], incidentId: number): StoredSla {
  const nudges = new Map<number, NudgeRow>();
  for (const row of rows) {
    if (row.nudge_id === null || nudges.has(Number(row.nudge_id))) continue;
    nudges.set(Number(row.nudge_id), {
      incidentId,
      clock: row.nudge_clock!,
      cycle: row.nudge_cycle!,
      kind: row.nudge_kind!,
      repeat: row.nudge_repeat!,
      dueAt: row.nudge_dueAt!,
      at: row.nudge_at!,
      late: row.nudge_late!,
    });
  }
  // Insertion order, then by when sent (a stable sort keeps ties in insertion order).
  const sent = [...nudges.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => toNudge(n));
  sent.sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = rows[0];
  if (first.sla_severity === null) return { nudges: sent };
  const facts = toFacts({ incidentId, severity: first.sla_severity, lastUpdateAt: first.sla_lastUpdateAt!, pauses: first.sla_pauses!, postmortemAt: first.sla_postmortemAt, postmortem: first.sla_postmortem });
  return { facts, nudges: sent };
}
