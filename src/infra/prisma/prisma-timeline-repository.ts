import type { NewTimelineEntry, TimelineEntry } from "../../core/incident/types.js";
import type { TimelineRepository } from "../../ports/store.js";
import { toTimelineEntry } from "./mappers.js";
import { Prisma } from "../../generated/prisma/client.js";
import { chunks } from "./sla-mappers.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";

/** The append-only timeline: this class offers no update or delete. */
export class PrismaTimelineRepository implements TimelineRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  async append(entry: NewTimelineEntry): Promise<TimelineEntry> {
    // Raw SQL (every change appends): RETURNING gives the id, the rest is what was written.
    const row = { incidentId: entry.incidentId, at: entry.at, kind: entry.kind, actorId: entry.actorId ?? null, platform: entry.platform, details: JSON.stringify(entry.details) };
    const [{ id }] = await this.sql.query<{ id: number | bigint }>(Prisma.sql`
      INSERT INTO "TimelineEntry" ("incidentId", "at", "kind", "actorId", "platform", "details")
      VALUES (${row.incidentId}, ${row.at}, ${row.kind}, ${row.actorId}, ${row.platform}, ${row.details}) RETURNING "id"`);
    return toTimelineEntry({ id: Number(id), ...row });
  }

  async appendMany(entries: NewTimelineEntry[]): Promise<void> {
    for (const part of chunks(entries, 1000)) {
      const values = part.map(
        (e) => Prisma.sql`(${e.incidentId}, ${e.at}, ${e.kind}, ${e.actorId ?? null}, ${e.platform}, ${JSON.stringify(e.details)})`,
      );
      await this.sql.execute(Prisma.sql`INSERT INTO "TimelineEntry" ("incidentId", "at", "kind", "actorId", "platform", "details") VALUES ${Prisma.join(values)}`);
    }
  }

  async countKinds(incidentIds: number[], kinds: string[]): Promise<number> {
    if (kinds.length === 0) return 0;
    let total = 0;
    for (const ids of chunks(incidentIds, 400)) {
      total += await this.db.timelineEntry.count({ where: { incidentId: { in: ids }, kind: { in: kinds } } });
    }
    return total;
  }

  async list(incidentId: number, last?: number): Promise<TimelineEntry[]> {
    const rows = await this.db.timelineEntry.findMany({
      where: { incidentId },
      orderBy: { id: last ? "desc" : "asc" },
      ...(last ? { take: last } : {}),
    });
    const entries = rows.map(toTimelineEntry);
    return last ? entries.reverse() : entries;
  }
}
