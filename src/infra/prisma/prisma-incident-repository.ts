import { ConcurrencyError } from "../../core/errors.js";
import type { Incident, NewIncident } from "../../core/incident/types.js";
import type { IncidentFilter, IncidentRepository } from "../../ports/store.js";
import { incidentColumns, toIncident } from "./mappers.js";
import { Prisma, type Incident as IncidentRow } from "../../generated/prisma/client.js";
import { chunks } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import type { LinkPrefetch } from "./link-prefetch.js";
import { toLink, type LinkRow } from "./prisma-alert-repository.js";

const INCIDENT_DATES = ["openedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", "closedAt", "reopenedAt", "updatedAt"] as const;
const WITH_LINK_DATES = [...INCIDENT_DATES, "link_firstAt", "link_lastAt", "link_notifiedAt"] as const;

// An incident row joined to one of its alert links (the link's columns null when it has none).
type IncidentWithLinkRow = IncidentRow & { [K in keyof LinkRow as `link_${K}`]: LinkRow[K] | null };

/** Incidents in SQL; numbers come from the `Sequence` row so they are never reused. */
export class PrismaIncidentRepository implements IncidentRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
    // Inside a transaction: an incident's alert links are read in the same statement and kept
    // there for the card (see LinkPrefetch).
    private readonly links?: LinkPrefetch,
  ) {}

  async create(data: NewIncident): Promise<Incident> {
    const [{ value: number }] = await this.sql.query<{ value: number }>(Prisma.sql`
      INSERT INTO "Sequence" ("name", "value") VALUES ('incident', 1)
      ON CONFLICT ("name") DO UPDATE SET "value" = "Sequence"."value" + 1 RETURNING "value"`);
    const c = incidentColumns(data);
    const [{ id }] = await this.sql.query<{ id: number }>(Prisma.sql`
      INSERT INTO "Incident" ("number", "title", "description", "severity", "status", "organisationId", "reporterId", "assigneeId", "tier", "version",
        "resolution", "openedAt", "acknowledgedAt", "acknowledgedById", "mitigatedAt", "resolvedAt", "closedAt", "reopenedAt", "updatedAt")
      VALUES (${number}, ${c.title}, ${c.description}, ${c.severity}, ${c.status}, ${c.organisationId}, ${c.reporterId}, ${c.assigneeId}, ${c.tier}, 1,
        ${c.resolution}, ${c.openedAt}, ${c.acknowledgedAt}, ${c.acknowledgedById}, ${c.mitigatedAt}, ${c.resolvedAt}, ${c.closedAt}, ${c.reopenedAt}, ${c.updatedAt})
      RETURNING "id"`);
    // Just created: no alert link can point at it yet.
    this.links?.put(Number(id), []);
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
    if (!this.links) {
      const rows = await this.sql.query<IncidentRow>(Prisma.sql`SELECT i.* FROM "Incident" i WHERE ${where}`, INCIDENT_DATES);
      return rows[0] ? toIncident(rows[0]) : undefined;
    }
    const rows = await this.sql.query<IncidentWithLinkRow>(
      Prisma.sql`SELECT i.*, l."key" AS "link_key", l."source" AS "link_source", l."incidentId" AS "link_incidentId", l."fired" AS "link_fired",
        l."status" AS "link_status", l."summary" AS "link_summary", l."lastValue" AS "link_lastValue", l."firstAt" AS "link_firstAt",
        l."lastAt" AS "link_lastAt", l."notifiedAt" AS "link_notifiedAt"
      FROM "Incident" i LEFT JOIN "AlertLink" l ON l."incidentId" = i."id" WHERE ${where} ORDER BY l."firstAt"`,
      WITH_LINK_DATES,
    );
    if (!rows[0]) return undefined;
    const incident = toIncident(rows[0]);
    const links = rows.filter((r) => r.link_key !== null).map((r) => toLink(unprefixed(r)));
    this.links.put(incident.id, links);
    return incident;
  }

  async findByIds(ids: number[]): Promise<Incident[]> {
    const out: Incident[] = [];
    // Raw SQL: the SLA sweeper loads a whole batch, and the model API costs ~6x more per row.
    for (const part of chunks(ids, 1000)) {
      const rows = await this.db.$queryRaw<IncidentRow[]>`SELECT * FROM "Incident" WHERE "id" IN (${Prisma.join(part)})`;
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

// The link's columns of a joined row, under their own names.
function unprefixed(row: IncidentWithLinkRow): LinkRow {
  return {
    key: row.link_key!,
    source: row.link_source!,
    incidentId: row.link_incidentId!,
    fired: row.link_fired!,
    status: row.link_status!,
    summary: row.link_summary!,
    lastValue: row.link_lastValue,
    firstAt: row.link_firstAt!,
    lastAt: row.link_lastAt!,
    notifiedAt: row.link_notifiedAt,
  };
}
