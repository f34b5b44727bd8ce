import type { Platform } from "../../core/chat-types.js";
import type { ChatMemory } from "../../ports/chat-memory.js";
import { isUniqueViolation, type Db } from "./prisma-types.js";

/** Seen update ids and moved chats in the database, so both survive a restart. */
export class PrismaChatMemory implements ChatMemory {
  constructor(private readonly db: Db) {}

  async firstSeen(key: string, at: Date): Promise<boolean> {
    try {
      await this.db.seenUpdate.create({ data: { key, seenAt: at } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async forgetSeenBefore(before: Date): Promise<number> {
    return (await this.db.seenUpdate.deleteMany({ where: { seenAt: { lt: before } } })).count;
  }

  async recordMove(platform: Platform, fromId: string, toId: string, at: Date): Promise<void> {
    await this.db.chatMove.upsert({
      where: { platform_fromId: { platform, fromId } },
      create: { platform, fromId, toId, movedAt: at },
      update: { toId, movedAt: at },
    });
  }

  async movedTo(platform: Platform, fromId: string): Promise<string | undefined> {
    return (await this.db.chatMove.findUnique({ where: { platform_fromId: { platform, fromId } } }))?.toId;
  }
}
