import type { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { reportConnection } from "./pg-runner.js";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

/**
 * PrismaPg whose transactions give their pooled connection back when COMMIT fails.
 *
 * Prisma 6.19's transaction manager sends COMMIT and only then calls the adapter's commit(),
 * which releases the connection; when COMMIT throws, nothing releases it. On PostgreSQL a
 * SERIALIZABLE transaction can lose its conflict at COMMIT ("during commit attempt"), so under
 * contention every such loss cost a replica one connection for good, until every request
 * waited forever for a free one (the pg-replicas benchmark hung this way). A failed COMMIT has
 * ended the transaction on the server, so the connection is clean to hand back; Prisma's own
 * rollback afterwards finds the transaction closed and releases nothing a second time.
 */
export function releasingFailedCommits(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = releaseOnFailedCommit(await start(isolationLevel));
      // The transaction's own connection, for the statements that skip Prisma (pg-runner.ts).
      reportConnection((tx as unknown as { client: pg.PoolClient }).client);
      return tx;
    };
    return adapter;
  };
  return factory;
}

function releaseOnFailedCommit(tx: PgTransaction): PgTransaction {
  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      // rollback() sends no SQL: it only releases the connection to the pool.
      if (query.sql === "COMMIT") await tx.rollback();
      throw error;
    }
  };
  return tx;
}
