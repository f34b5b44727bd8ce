import { ConcurrencyError } from "../../core/errors.js";
import type { Incident, NewIncident } from "../../core/incident/types.js";
import type { IncidentFilter, IncidentRepository } from "../../ports/store.js";
import { incidentColumns, toIncident } from "./mappers.js";
import { Prisma, type Incident as IncidentRow } from "../../generated/prisma/client.js";
import { chunks } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";

/** Incidents in SQL; numbers come from the `Sequence` row so they are never reused. */
export class PrismaIncidentRepository implements IncidentRepository {
  constructor(private readonly db: Db) {}

  async create(data: NewIncident): Promise<Incident> {
    const seq = await this.db.sequence.upsert({
      where: { name: "incident" },
      create: { name: "incident", value: 1 },
      update: { value: { increment: 1 } },
    });
    const row = await this.db.incident.create({ data: { ...incidentColumns(data), number: seq.value, version: 1 } });
    return toIncident(row);
  }

  async findByNumber(number: number): Promise<Incident | undefined> {
    const row = await this.db.incident.findUnique({ where: { number } });
    return row ? toIncident(row) : undefined;
  }

  async findById(id: number): Promise<Incident | undefined> {
    const row = await this.db.incident.findUnique({ where: { id } });
    return row ? toIncident(row) : undefined;
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
    const { count } = await this.db.incident.updateMany({
      where: { id: next.id, version: next.version },
      data: { ...incidentColumns(next), version: next.version + 1 },
    });
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
