import type { NewTimelineEntry, TimelineEntry } from "../../core/incident/types.js";
import type { TimelineRepository } from "../../ports/store.js";
import { toTimelineEntry } from "./mappers.js";
import type { Db } from "./prisma-types.js";

/** The append-only timeline: this class offers no update or delete. */
export class PrismaTimelineRepository implements TimelineRepository {
  constructor(private readonly db: Db) {}

  async append(entry: NewTimelineEntry): Promise<TimelineEntry> {
    const row = await this.db.timelineEntry.create({
      data: {
        incidentId: entry.incidentId,
        at: entry.at,
        kind: entry.kind,
        actorId: entry.actorId ?? null,
        platform: entry.platform,
        details: JSON.stringify(entry.details),
      },
    });
    return toTimelineEntry(row);
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
