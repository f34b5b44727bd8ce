import type { Reply } from "../../ports/chat.js";
import { DuplicateEventError, type ProcessedEventRepository } from "../../ports/store.js";
import { toReply } from "./mappers.js";
import type { Db } from "./prisma-types.js";
import { Prisma } from "../../generated/prisma/client.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";

/** Inbound event ids already handled: platform retries and double clicks apply once. */
export class PrismaEventRepository implements ProcessedEventRepository {
  constructor(
    db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  // Raw SQL on both: every inbound event passes here, and the model API costs several times more.
  async find(eventId: string): Promise<Reply | undefined> {
    const rows = await this.sql.query<{ reply: string }>(Prisma.sql`SELECT "reply" FROM "ProcessedEvent" WHERE "eventId" = ${eventId}`);
    return rows[0] ? toReply(rows[0].reply) : undefined;
  }

  async record(eventId: string, at: Date, reply: Reply): Promise<void> {
    // No row inserted means a concurrent handler recorded this event first.
    const inserted = await this.sql.execute(Prisma.sql`
      INSERT INTO "ProcessedEvent" ("eventId", "processedAt", "reply") VALUES (${eventId}, ${at}, ${JSON.stringify(reply)})
      ON CONFLICT ("eventId") DO NOTHING`);
    if (inserted === 0) throw new DuplicateEventError(eventId);
  }
}
