import type { AlertLedgerKind, AlertSource } from "../../core/alerts/alert-types.js";
import type { AlertFailure, AlertLink, AlertReceipt, AlertRepository, AlertSilence } from "../../ports/alert-store.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import type { IncidentPrefetch } from "./incident-prefetch.js";

const LINK_DATES = ["firstAt", "lastAt", "notifiedAt"] as const;

/** An AlertLink row as raw SQL returns it. */
export type LinkRow = { key: string; source: string; incidentId: number; fired: number; status: string; summary: string; lastValue: string | null; firstAt: Date; lastAt: Date; notifiedAt: Date | null };
type SilenceRow = { id: number; incidentId: number; startedAt: Date; until: Date; reason: string; byId: string; endedAt: Date | null; endReason: string | null };

/** Row → link. */
export const toLink = (r: LinkRow): AlertLink => ({
  key: r.key,
  source: r.source as AlertSource,
  incidentId: r.incidentId,
  fired: r.fired,
  status: r.status as AlertLink["status"],
  summary: r.summary,
  ...(r.lastValue !== null ? { lastValue: r.lastValue } : {}),
  firstAt: r.firstAt,
  lastAt: r.lastAt,
  ...(r.notifiedAt ? { notifiedAt: r.notifiedAt } : {}),
});

const toSilence = (r: SilenceRow): AlertSilence => ({
  id: r.id,
  incidentId: r.incidentId,
  startedAt: r.startedAt,
  until: r.until,
  reason: r.reason,
  byId: r.byId,
  ...(r.endedAt ? { endedAt: r.endedAt } : {}),
  ...(r.endReason ? { endReason: r.endReason as AlertSilence["endReason"] } : {}),
});

/** Alert links, receipts, graded failures and silences in SQL. */
export class PrismaAlertRepository implements AlertRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
    // Inside a transaction: links the incident repository read along with their incident.
    private readonly prefetched?: IncidentPrefetch,
  ) {}

  // findLink, saveLink and recordReceipts in raw SQL: every alert request runs them, and in a
  // storm Prisma's client and query compiler were most of the process's CPU.
  async findLink(key: string): Promise<AlertLink | undefined> {
    const [row] = await this.sql.query<LinkRow>(Prisma.sql`SELECT * FROM "AlertLink" WHERE "key" = ${key}`, LINK_DATES);
    return row ? toLink(row) : undefined;
  }

  async linksOf(incidentId: number): Promise<AlertLink[]> {
    const known = this.prefetched?.linksOf(incidentId);
    if (known) return known;
    // Raw SQL: every incident change asks (the card shows its alerts), and almost always finds none.
    const rows = await this.sql.query<LinkRow>(Prisma.sql`SELECT * FROM "AlertLink" WHERE "incidentId" = ${incidentId} ORDER BY "firstAt"`, LINK_DATES);
    return rows.map(toLink);
  }

  async saveLink(link: AlertLink): Promise<void> {
    this.prefetched?.forgetLinks();
    await this.sql.execute(Prisma.sql`
      INSERT INTO "AlertLink" ("key", "source", "incidentId", "fired", "status", "summary", "lastValue", "firstAt", "lastAt", "notifiedAt")
      VALUES (${link.key}, ${link.source}, ${link.incidentId}, ${link.fired}, ${link.status}, ${link.summary}, ${link.lastValue ?? null}, ${link.firstAt}, ${link.lastAt}, ${link.notifiedAt ?? null})
      ON CONFLICT ("key") DO UPDATE SET "source" = excluded."source", "incidentId" = excluded."incidentId", "fired" = excluded."fired", "status" = excluded."status",
        "summary" = excluded."summary", "lastValue" = excluded."lastValue", "firstAt" = excluded."firstAt", "lastAt" = excluded."lastAt", "notifiedAt" = excluded."notifiedAt"`);
  }

  async recordReceipts(receipts: AlertReceipt[]): Promise<void> {
    if (!receipts.length) return;
    const rows = receipts.map((r) => Prisma.sql`(${r.at}, ${r.source}, ${r.key}, ${r.status}, ${r.count}, ${r.incidentId}, ${r.opened})`);
    await this.sql.execute(Prisma.sql`INSERT INTO "AlertReceipt" ("at", "source", "key", "status", "count", "incidentId", "opened") VALUES ${Prisma.join(rows)}`);
  }

  async recordFailure(failure: AlertFailure): Promise<boolean> {
    // DO NOTHING keeps the transaction usable on PostgreSQL, where a caught unique violation would abort it.
    // Every repeat of an unacknowledged alert asks again, so it is on the runner too.
    const rows = await this.sql.query<{ id: number }>(Prisma.sql`
      INSERT INTO "AlertFailure" ("incidentId", "kind", "at") VALUES (${failure.incidentId}, ${failure.kind}, ${failure.at})
      ON CONFLICT DO NOTHING RETURNING "id"`);
    return rows.length > 0;
  }

  async failuresOf(incidentIds: number[]): Promise<AlertFailure[]> {
    if (!incidentIds.length) return [];
    const rows = await this.db.alertFailure.findMany({ where: { incidentId: { in: incidentIds } }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ incidentId: r.incidentId, kind: r.kind as AlertLedgerKind, at: r.at }));
  }

  async startSilence(silence: Omit<AlertSilence, "id">): Promise<AlertSilence> {
    return toSilence(await this.db.alertSilence.create({ data: { ...silence, endedAt: silence.endedAt ?? null, endReason: silence.endReason ?? null } }));
  }

  async activeSilence(incidentId: number): Promise<AlertSilence | undefined> {
    const row = await this.db.alertSilence.findFirst({ where: { incidentId, endedAt: null }, orderBy: { id: "desc" } });
    return row ? toSilence(row) : undefined;
  }

  async endSilence(id: number, at: Date, reason: "handled" | "expired"): Promise<void> {
    await this.db.alertSilence.updateMany({ where: { id, endedAt: null }, data: { endedAt: at, endReason: reason } });
  }

  async silencesOf(incidentIds: number[]): Promise<AlertSilence[]> {
    if (!incidentIds.length) return [];
    return (await this.db.alertSilence.findMany({ where: { incidentId: { in: incidentIds } }, orderBy: { id: "asc" } })).map(toSilence);
  }

  async totals(from: Date, to: Date): Promise<{ receivedByIncident: Map<number, number>; incidentIds: number[] }> {
    const where = { at: { gte: from, lt: to } };
    const sums = await this.db.alertReceipt.groupBy({ by: ["incidentId"], where, _sum: { count: true }, orderBy: { incidentId: "asc" } });
    const opened = await this.db.alertReceipt.findMany({ where: { ...where, opened: true }, select: { incidentId: true }, distinct: ["incidentId"], orderBy: { incidentId: "asc" } });
    return { receivedByIncident: new Map(sums.map((s) => [s.incidentId, s._sum.count ?? 0])), incidentIds: opened.map((r) => r.incidentId) };
  }
}
