import type { MessageRef, Platform } from "../../ports/chat.js";
import type { MessageLinkRepository } from "../../ports/store.js";
import type { Db } from "./prisma-types.js";

/** Where each incident's card was posted, so later changes edit it in place. */
export class PrismaLinkRepository implements MessageLinkRepository {
  constructor(private readonly db: Db) {}

  async find(incidentId: number, platform: Platform, channelId: string): Promise<MessageRef | undefined> {
    const row = await this.db.messageLink.findUnique({
      where: { incidentId_platform_channelId: { incidentId, platform, channelId } },
    });
    return row ? { platform: row.platform as Platform, channelId: row.channelId, messageId: row.messageId } : undefined;
  }

  async save(incidentId: number, ref: MessageRef, at: Date): Promise<void> {
    await this.db.messageLink.upsert({
      where: { incidentId_platform_channelId: { incidentId, platform: ref.platform, channelId: ref.channelId } },
      create: { incidentId, ...ref, createdAt: at },
      update: { messageId: ref.messageId },
    });
  }

  async listForIncident(incidentId: number): Promise<MessageRef[]> {
    const rows = await this.db.messageLink.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ platform: r.platform as Platform, channelId: r.channelId, messageId: r.messageId }));
  }
}
