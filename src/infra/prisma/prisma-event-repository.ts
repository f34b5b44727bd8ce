import type { Reply } from "../../ports/chat.js";
import { DuplicateEventError, type ProcessedEventRepository } from "../../ports/store.js";
import { toReply } from "./mappers.js";
import { isUniqueViolation, type Db } from "./prisma-types.js";

/** Inbound event ids already handled: platform retries and double clicks apply once. */
export class PrismaEventRepository implements ProcessedEventRepository {
  constructor(private readonly db: Db) {}

  async find(eventId: string): Promise<Reply | undefined> {
    const row = await this.db.processedEvent.findUnique({ where: { eventId } });
    return row ? toReply(row.reply) : undefined;
  }

  async record(eventId: string, at: Date, reply: Reply): Promise<void> {
    try {
      await this.db.processedEvent.create({ data: { eventId, processedAt: at, reply: JSON.stringify(reply) } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateEventError(eventId);
      throw error;
    }
  }
}
