import type { MessageRef, Platform } from "../../ports/chat.js";
import type { MessageLinkRepository } from "../../ports/store.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";

/** Where each incident's card was posted, so later changes edit it in place. */
export class PrismaLinkRepository implements MessageLinkRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  // find and save in raw SQL: the dispatcher looks the card up for every card edit and thread line.
  async find(incidentId: number, platform: Platform, channelId: string): Promise<MessageRef | undefined> {
    const [row] = await this.sql.query<{ messageId: string }>(Prisma.sql`
      SELECT "messageId" FROM "MessageLink" WHERE "incidentId" = ${incidentId} AND "platform" = ${platform} AND "channelId" = ${channelId}`);
    return row ? { platform, channelId, messageId: row.messageId } : undefined;
  }

  async save(incidentId: number, ref: MessageRef, at: Date): Promise<void> {
    await this.sql.execute(Prisma.sql`
      INSERT INTO "MessageLink" ("incidentId", "platform", "channelId", "messageId", "createdAt") VALUES (${incidentId}, ${ref.platform}, ${ref.channelId}, ${ref.messageId}, ${at})
      ON CONFLICT ("incidentId", "platform", "channelId") DO UPDATE SET "messageId" = excluded."messageId"`);
  }

  async listForIncident(incidentId: number): Promise<MessageRef[]> {
    const rows = await this.db.messageLink.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ platform: r.platform as Platform, channelId: r.channelId, messageId: r.messageId }));
  }
}
