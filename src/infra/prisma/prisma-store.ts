import type { Store, StoreTx } from "../../ports/store.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import { openPostgresClient, type PostgresClient } from "./postgres-client.js";
import { capturingConnection, type ConnectionSlot } from "./pg-runner.js";
import { PrismaDirectoryRepository } from "./prisma-directory-repository.js";
import { PrismaEventRepository } from "./prisma-event-repository.js";
import { PrismaIncidentRepository } from "./prisma-incident-repository.js";
import { PrismaLinkRepository } from "./prisma-link-repository.js";
import { PrismaOutboxRepository } from "./prisma-outbox-repository.js";
import { PrismaRosterRepository } from "./prisma-roster-repository.js";
import { PrismaSlaRepository } from "./prisma-sla-repository.js";
import { PrismaDeadlineRepository } from "./prisma-deadline-repository.js";
import { PrismaCustomerRepository } from "./prisma-customer-repository.js";
import { PrismaFollowUpRepository } from "./prisma-follow-up-repository.js";
import { PrismaTimelineRepository } from "./prisma-timeline-repository.js";
import { PrismaAlertRepository } from "./prisma-alert-repository.js";
import { ConnectionLock } from "./connection-lock.js";
import { DirectoryCache, StaleDirectoryError } from "./directory-cache.js";
import { IncidentPrefetch } from "./incident-prefetch.js";
import { openSqliteClient, type SqliteClientOptions } from "./sqlite-client.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";
import { PrismaChatMemory } from "./prisma-chat-memory.js";
import { PrismaInboxRepository } from "./prisma-inbox-repository.js";
import { isRetryableConflict, type Db } from "./prisma-types.js";
import type { Dialect } from "./sql-dialect.js";
import { IncidentNumbers, takeNumber } from "./incident-numbers.js";

// `root`: the client outside any transaction, for PostgreSQL claims that commit on their own.
// `inTransaction`: repositories that live for one transaction (the directory reads its cache once).
// `sql`: where the hot statements go (the SQLite connection itself, or Prisma's raw queries).
// `numbers`: the unit of work's incident numbers, kept across its attempts (none outside one).
function repositories(db: Db, dialect: Dialect, cache: DirectoryCache, inTransaction: boolean, sql: SqlRunner, root?: PrismaClient, numbers?: IncidentNumbers, rootSql?: SqlRunner): StoreTx & { directory: PrismaDirectoryRepository; outbox: PrismaOutboxRepository } {
  // An incident's alert links and SLA travel with the incident for the rest of one transaction.
  const prefetch = inTransaction ? new IncidentPrefetch() : undefined;
  const directory = new PrismaDirectoryRepository(db, cache, inTransaction, sql);
  return {
    incidents: new PrismaIncidentRepository(db, numbers ?? { next: (runner) => takeNumber(runner, dialect) }, sql, prefetch),
    timeline: new PrismaTimelineRepository(db, sql),
    directory,
    links: new PrismaLinkRepository(db, sql),
    outbox: new PrismaOutboxRepository(db, dialect, root, sql, inTransaction),
    events: new PrismaEventRepository(db, dialect, sql, inTransaction ? directory.check : undefined),
    sla: new PrismaSlaRepository(db, sql, prefetch),
    deadlines: new PrismaDeadlineRepository(db, dialect, root, sql, rootSql),
    roster: new PrismaRosterRepository(db),
    customers: new PrismaCustomerRepository(db),
    followUps: new PrismaFollowUpRepository(db),
    alerts: new PrismaAlertRepository(db, sql, prefetch),
  };
}

// A serialization failure on PostgreSQL means "run it again": the work only touches the database.
// Under heavy contention (replicas claiming while others complete rows) a transaction may lose
// several times in a row; the back-off grows so the losers spread out.
const MAX_ATTEMPTS = 30;
// A directory that changed under a transaction (another process wrote it) is reloaded by the next
// attempt; only a directory rewritten again and again in the meantime would lose every time.
const MAX_STALE_DIRECTORY_ATTEMPTS = 5;

/**
 * The Store on Prisma: each transaction is one SQL transaction. On SQLite that is BEGIN
 * IMMEDIATE (one writer at a time); on PostgreSQL it is SERIALIZABLE, the same guarantee with
 * concurrency, and a transaction that lost a conflict to another replica is retried.
 */
export class PrismaStore implements Store {
  readonly incidents;
  readonly timeline;
  readonly directory;
  readonly links;
  readonly outbox;
  readonly events;
  readonly sla;
  readonly deadlines;
  readonly roster;
  readonly customers;
  readonly followUps;
  readonly chatMemory: PrismaChatMemory;
  readonly inbox: PrismaInboxRepository;
  readonly alerts;
  private readonly directoryCache = new DirectoryCache();
  // Statements outside any transaction (on PostgreSQL the pool; claims commit on their own there).
  private readonly rootSql: SqlRunner;
  private readonly lock?: ConnectionLock;

  constructor(
    private readonly prisma: PrismaClient,
    readonly dialect: Dialect = "sqlite",
    // SQLite: statements on the adapter's connection, shared by every transaction (there is one connection).
    private readonly sqliteRunner?: SqlRunner,
    // PostgreSQL: statements on the pool, and in a transaction on the connection it holds.
    private readonly postgres?: Pick<PostgresClient, "pool" | "runnerOn">,
  ) {
    // SQLite: whatever runs outside a transaction waits for the open one (see ConnectionLock).
    const lock = dialect === "sqlite" ? (this.lock = new ConnectionLock()) : undefined;
    const guard = <R extends object>(repository: R): R => (lock ? lock.guard(repository) : repository);
    this.chatMemory = guard(new PrismaChatMemory(prisma));
    const rootSql = (this.rootSql = sqliteRunner ?? (postgres ? postgres.runnerOn(postgres.pool) : prismaRunner(prisma)));
    this.inbox = guard(new PrismaInboxRepository(prisma, rootSql));
    const repos = repositories(prisma, dialect, this.directoryCache, false, rootSql, prisma, undefined, rootSql);
    this.incidents = guard(repos.incidents);
    this.timeline = guard(repos.timeline);
    this.directory = guard(repos.directory);
    this.links = guard(repos.links);
    this.outbox = guard(repos.outbox);
    this.events = guard(repos.events);
    this.sla = guard(repos.sla);
    this.deadlines = guard(repos.deadlines);
    this.roster = guard(repos.roster);
    this.customers = guard(repos.customers);
    this.followUps = guard(repos.followUps);
    this.alerts = guard(repos.alerts);
  }

  // Everything the store does outside a transaction that is not a repository call.
  private alone<T>(work: () => Promise<T>): Promise<T> {
    return this.lock ? this.lock.exclusive(work) : work();
  }

  async transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    const numbers = new IncidentNumbers(this.dialect);
    if (this.dialect === "sqlite") {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.alone(() => this.unitOfWork((run) => this.prisma.$transaction((tx) => run(tx, "sqlite"), { maxWait: 10_000, timeout: 20_000 }), work, numbers));
        } catch (error) {
          if (!(error instanceof StaleDirectoryError) || attempt >= MAX_STALE_DIRECTORY_ATTEMPTS) throw error;
        }
      }
    }
    for (let attempt = 1; ; attempt++) {
      numbers.restart();
      const slot: ConnectionSlot = {};
      try {
        return await this.unitOfWork(
          (run) =>
            capturingConnection(slot, () =>
              this.prisma.$transaction((tx) => run(tx, "postgresql", slot.connection && this.postgres?.runnerOn(slot.connection)), {
                maxWait: 10_000,
                timeout: 20_000,
                isolationLevel: "Serializable",
              }),
            ),
          work,
          numbers,
        );
      } catch (error) {
        if (error instanceof StaleDirectoryError && attempt < MAX_STALE_DIRECTORY_ATTEMPTS) continue;
        if (!isRetryableConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
        // Jittered back-off, doubling up to 0.5 s: losers that come straight back collide again
        // (every open takes the next number from one row). Capped at 0.1 s, commands on 3 replicas
        // lost 2.9 attempts each and some lost all 30; doubling, 1.2-1.4 (bench/pg-replicas.bench.ts).
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(500, 4 * 2 ** attempt)));
      }
    }
  }

  // One transaction's repositories. A directory written in it is reloaded once the transaction
  // has ended, committed or not: a snapshot taken meanwhile may hold rows that never commit.
  // `direct`: where the transaction's hot statements go when not through Prisma (its connection).
  private async unitOfWork<T>(open: (run: (tx: Db, dialect: Dialect, direct?: SqlRunner) => Promise<T>) => Promise<T>, work: (tx: StoreTx) => Promise<T>, numbers: IncidentNumbers): Promise<T> {
    let wrote = false;
    try {
      return await open(async (tx, dialect, direct) => {
        const sql = this.sqliteRunner ?? direct ?? prismaRunner(tx);
        const repos = repositories(tx, dialect, this.directoryCache, true, sql, dialect === "postgresql" ? this.prisma : undefined, numbers, this.rootSql);
        try {
          let result: T;
          try {
            result = await work(repos);
          } catch (error) {
            // A refusal may rest on a directory another process changed: it is checked too. A
            // check that cannot run (a PostgreSQL transaction already aborted) leaves the error as is.
            const stale = await repos.directory.check.settle(sql).then(
              () => undefined,
              (checked: unknown) => (checked instanceof StaleDirectoryError ? checked : undefined),
            );
            throw stale ?? error;
          }
          // Rows the work deferred go in before COMMIT, in one statement.
          await repos.outbox.flush();
          // The cached directory this transaction trusted, if no statement has checked it yet.
          await repos.directory.check.settle(sql);
          return result;
        } finally {
          wrote = repos.directory.wrote;
        }
      });
    } finally {
      if (wrote) this.directoryCache.invalidate();
    }
  }

  /**
   * Free every SLA timer lease. Only for a fleet's new leader, which alone sweeps: a lease
   * still held belongs to the previous leader, and would otherwise hold its timers back for
   * a minute. Safe even if that leader lives on: a sweep re-checks each timer's generation
   * and the nudge ledger's unique key in its transaction, so a timer acted on twice nudges
   * once. (Outbox leases are not freed here: a live sender's rows in flight stay its own;
   * see DispatcherLease.freeDeadNow.)
   */
  async releaseTimerLeases(): Promise<number> {
    return this.alone(() => this.freeTimerLeases());
  }

  private async freeTimerLeases(): Promise<number> {
    const timers = await this.prisma.slaTimer.updateMany({ where: { status: "pending", leaseUntil: { not: null } }, data: { leaseUntil: null } });
    return timers.count;
  }

  async close(): Promise<void> {
    await this.alone(() => this.prisma.$disconnect());
  }
}

/** Open (and migrate) the store behind an SQLite `file:` URL. */
export async function openSqliteStore(url: string, options: SqliteClientOptions = {}): Promise<PrismaStore> {
  migrateSqlite(url);
  const { prisma, runner } = await openSqliteClient(url, options);
  return new PrismaStore(prisma, "sqlite", runner);
}

/** Open (and migrate, under an advisory lock) the store behind a `postgres://` URL. */
export async function openPostgresStore(url: string, poolSize?: number): Promise<PrismaStore> {
  // Loaded here: the `pg` driver it runs on is not loaded at all by an SQLite install.
  const { migratePostgres } = await import("./migrate-postgres.js");
  await migratePostgres(url);
  const client = await openPostgresClient(url, poolSize);
  return new PrismaStore(client.prisma, "postgresql", undefined, client);
}
