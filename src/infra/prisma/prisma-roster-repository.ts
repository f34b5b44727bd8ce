import type { OncallRoster, RosterRepository } from "../../ports/store.js";
import type { Db } from "./prisma-types.js";

const ROW_ID = 1;

/** The on-call roster: a single row, replaced whole on every change. */
export class PrismaRosterRepository implements RosterRepository {
  constructor(private readonly db: Db) {}

  async get(): Promise<OncallRoster | undefined> {
    const row = await this.db.oncallRoster.findUnique({ where: { id: ROW_ID } });
    if (!row) return undefined;
    return { personIds: JSON.parse(row.personIds) as string[], updatedAt: row.updatedAt, ...(row.updatedById ? { updatedById: row.updatedById } : {}) };
  }

  async set(roster: OncallRoster): Promise<void> {
    const data = { personIds: JSON.stringify(roster.personIds), updatedAt: roster.updatedAt, updatedById: roster.updatedById ?? null };
    await this.db.oncallRoster.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...data }, update: data });
  }
}
