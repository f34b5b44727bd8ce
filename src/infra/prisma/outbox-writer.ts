import { Prisma } from "../../generated/prisma/client.js";
import type { NewOutboxRow } from "../../ports/store.js";
import { OUTBOX_CHANNEL, type Dialect } from "./sql-dialect.js";
import { chunks } from "./sla-mappers.js";
import type { SqlRunner } from "./sql-runner.js";

const COLUMNS = Prisma.sql`("createdAt", "platform", "channelId", "kind", "incidentId", "messageKey", "payload", "nextAttemptAt")`;

/**
 * Writes outbox rows, in order, with the card rule of `OutboxRepository.enqueue`: a card state
 * takes the place of its incident's card row still waiting unclaimed in the channel. On SQLite
 * that is one multi-row INSERT in the usual case (the card went out already) and one UPDATE more
 * per card row that folds. On PostgreSQL looking for the waiting row is a read of OutboxMessage
 * under SERIALIZABLE whose predicate locks made concurrent commands on other incidents conflict
 * (`npm run bench -- pg-replicas`: 77 commands/s with it, 155/s without), so there every state
 * is a row and the dispatcher drops the stale ones before they take a sending slot.
 */
export class OutboxWriter {
  constructor(
    private readonly sql: SqlRunner,
    private readonly dialect: Dialect,
  ) {}

  /** Write `rows`; returns the id each one has (its own, or the card row it folded into). */
  async write(rows: NewOutboxRow[]): Promise<number[]> {
    const { batch, positionOf } = foldWithinBatch(rows);
    const insert = this.dialect === "postgresql" ? (part: NewOutboxRow[]) => this.insertAll(part) : (part: NewOutboxRow[]) => this.insertUnlessWaitingCard(part);
    const ids: number[] = [];
    for (const part of chunks(batch, 1000)) ids.push(...(await insert(part)));
    return positionOf.map((i) => ids[i]);
  }

  // PostgreSQL: the rows and, in the same statement (one round trip less per command), a
  // NOTIFY that wakes the leader's sender once the transaction commits, whichever replica wrote.
  private async insertAll(part: NewOutboxRow[]): Promise<number[]> {
    const inserted = await this.sql.query<{ id: number | bigint }>(Prisma.sql`
      WITH inserted AS (INSERT INTO "OutboxMessage" ${COLUMNS} VALUES ${valuesOf(part)} RETURNING "id")
      SELECT inserted."id" FROM inserted, (SELECT pg_notify(${OUTBOX_CHANNEL}, '')) AS wake ORDER BY inserted."id"`);
    return inserted.map((r) => Number(r.id));
  }

  // SQLite: the part's rows, except card states whose card row waits unclaimed; those fold into it.
  private async insertUnlessWaitingCard(part: NewOutboxRow[]): Promise<number[]> {
    // VALUES columns are column1…column8.
    const inserted = await this.sql.query<{ id: number | bigint; kind: string; incidentId: number | bigint | null; platform: string; channelId: string }>(Prisma.sql`
      INSERT INTO "OutboxMessage" ${COLUMNS}
      SELECT * FROM (VALUES ${valuesOf(part)}) AS v
      WHERE v.column4 <> 'card' OR v.column5 IS NULL OR NOT EXISTS (
        SELECT 1 FROM (${newestWaitingCard(Prisma.sql`v.column5`, Prisma.sql`v.column2`, Prisma.sql`v.column3`)}) AS c
        WHERE c."attempts" = 0 AND c."leaseOwner" IS NULL AND c."leaseUntil" IS NULL)
      RETURNING "id", "kind", "incidentId", "platform", "channelId"`);
    if (inserted.length === part.length) return inserted.map((r) => Number(r.id));
    const isCardOf = (r: NewOutboxRow) => (i: (typeof inserted)[number]) => i.kind === "card" && Number(i.incidentId) === r.incidentId && i.platform === r.platform && i.channelId === r.channelId;
    const ids: number[] = [];
    let next = 0;
    for (const row of part) {
      const folds = row.kind === "card" && row.incidentId !== undefined && !inserted.some(isCardOf(row));
      ids.push(folds ? await this.foldCard(row) : Number(inserted[next++].id));
    }
    return ids;
  }

  // The card row of this incident still waiting in the channel takes the new state: no
  // dispatcher ever claimed it (a claimed one may be on its way, so its successor gets a row of
  // its own). The caller's transaction holds SQLite's write lock, so nobody claims it meanwhile.
  private async foldCard(row: NewOutboxRow): Promise<number> {
    const folded = await this.sql.query<{ id: number | bigint }>(Prisma.sql`
      UPDATE "OutboxMessage" SET "payload" = ${JSON.stringify(row.message)}
      WHERE "id" = (SELECT "id" FROM (${newestWaitingCard(Prisma.sql`${row.incidentId}`, Prisma.sql`${row.platform}`, Prisma.sql`${row.channelId}`)}) AS c)
      RETURNING "id"`);
    if (!folded.length) throw new Error(`outbox: card row for incident ${row.incidentId} in ${row.platform}/${row.channelId} neither inserted nor folded`);
    return Number(folded[0].id);
  }
}

function valuesOf(part: NewOutboxRow[]): Prisma.Sql {
  return Prisma.join(part.map((r) => Prisma.sql`(${r.createdAt}, ${r.platform}, ${r.channelId}, ${r.kind}, ${r.incidentId ?? null}, ${r.messageKey ?? null}, ${JSON.stringify(r.message)}, ${r.createdAt})`));
}

// The newest pending card row of an incident in a channel (SQL expressions for the three).
function newestWaitingCard(incidentId: Prisma.Sql, platform: Prisma.Sql, channelId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT "id", "attempts", "leaseOwner", "leaseUntil" FROM "OutboxMessage" w
    WHERE w."incidentId" = ${incidentId} AND w."platform" = ${platform} AND w."channelId" = ${channelId} AND w."kind" = 'card' AND w."status" = 'pending'
    ORDER BY w."id" DESC LIMIT 1`;
}

/**
 * Card states of one batch for the same incident and channel become one row: the first one's
 * place with the last one's state. `positionOf[i]` is where row i of `rows` went in `batch`.
 */
function foldWithinBatch(rows: NewOutboxRow[]): { batch: NewOutboxRow[]; positionOf: number[] } {
  const batch: NewOutboxRow[] = [];
  const cardAt = new Map<string, number>();
  const positionOf = rows.map((row) => {
    const key = row.kind === "card" && row.incidentId !== undefined ? `${row.incidentId}\u0000${row.platform}\u0000${row.channelId}` : undefined;
    const earlier = key === undefined ? undefined : cardAt.get(key);
    if (earlier !== undefined) {
      batch[earlier] = { ...batch[earlier], message: row.message };
      return earlier;
    }
    if (key !== undefined) cardAt.set(key, batch.length);
    batch.push(row);
    return batch.length - 1;
  });
  return { batch, positionOf };
}
