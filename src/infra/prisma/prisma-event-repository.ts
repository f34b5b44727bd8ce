import type { Reply } from "../../ports/chat.js";
import { DuplicateEventError, type ProcessedEventRepository } from "../../ports/store.js";
import { toReply } from "./mappers.js";
import type { Db } from "./prisma-types.js";
import { Prisma } from "../../generated/prisma/client.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import { DIRECTORY_VERSION_SQL, versionOf, type DirectoryCheck } from "./directory-cache.js";
import type { Dialect } from "./sql-dialect.js";

/** Inbound event ids already handled: platform retries and double clicks apply once. */
export class PrismaEventRepository implements ProcessedEventRepository {
  // Event ids this transaction claimed: their row is there, waiting for the reply.
  private readonly claimed = new Set<string>();

  constructor(
    db: Db,
    private readonly dialect: Dialect,
    private readonly sql: SqlRunner = prismaRunner(db),
    // In a transaction: the directory it answered from is checked by the statement that records the event.
    private readonly directory?: DirectoryCheck,
  ) {}

  // On PostgreSQL the row goes in first, without its reply: a second replica handling the same
  // delivery waits on its key and, once this commits, loses a serialization conflict and on its
  // retry finds the event handled — before taking an incident number it would waste. SQLite
  // runs one transaction at a time (BEGIN IMMEDIATE), and the loser's rollback gives its
  // number back, so there record() alone is enough.
  async claim(eventId: string, at: Date): Promise<void> {
    if (this.dialect !== "postgresql") return;
    const inserted = await this.sql.execute(Prisma.sql`
      INSERT INTO "ProcessedEvent" ("eventId", "processedAt", "reply") VALUES (${eventId}, ${at}, '')
      ON CONFLICT ("eventId") DO NOTHING`);
    if (inserted === 0) throw new DuplicateEventError(eventId);
    this.claimed.add(eventId);
  }

  // Raw SQL on both: every inbound event passes here, and the model API costs several times more.
  async find(eventId: string): Promise<Reply | undefined> {
    const rows = await this.sql.query<{ reply: string }>(Prisma.sql`SELECT "reply" FROM "ProcessedEvent" WHERE "eventId" = ${eventId}`);
    return rows[0] ? toReply(rows[0].reply) : undefined;
  }

  async record(eventId: string, at: Date, reply: Reply): Promise<void> {
    // Every command records its event: the one statement it sends anyway reads the directory's
    // version on the way, instead of a statement of its own (see DirectoryCheck).
    const check = this.directory?.pending ? this.directory : undefined;
    const returning = check ? Prisma.sql`RETURNING ${DIRECTORY_VERSION_SQL} AS "directoryVersion"` : Prisma.empty;
    const write = this.claimed.delete(eventId)
      ? Prisma.sql`UPDATE "ProcessedEvent" SET "processedAt" = ${at}, "reply" = ${JSON.stringify(reply)} WHERE "eventId" = ${eventId} ${returning}`
      : // No row inserted means a concurrent handler recorded this event first.
        Prisma.sql`INSERT INTO "ProcessedEvent" ("eventId", "processedAt", "reply") VALUES (${eventId}, ${at}, ${JSON.stringify(reply)})
      ON CONFLICT ("eventId") DO NOTHING ${returning}`;
    if (!check) {
      if ((await this.sql.execute(write)) === 0) throw new DuplicateEventError(eventId);
      return;
    }
    const rows = await this.sql.query<{ directoryVersion: number | bigint | null }>(write);
    if (rows.length === 0) throw new DuplicateEventError(eventId);
    check.confirm(versionOf(rows[0].directoryVersion));
  }
}
