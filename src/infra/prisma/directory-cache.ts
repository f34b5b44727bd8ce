import type { Organisation, Person } from "../../core/incident/types.js";
import type { Platform } from "../../ports/chat.js";
import { toOrganisation, toPerson } from "./mappers.js";
import type { Db } from "./prisma-types.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { SqlRunner } from "./sql-runner.js";

/** The `Sequence` row every directory write bumps: a cache is current while it holds this value. */
export const DIRECTORY_VERSION = "directory";

/** The whole directory at one version. */
export interface DirectorySnapshot {
  version: number;
  people: Person[];
  byId: Map<string, Person>;
  byIdentity: Map<string, Person>;
  organisations: Organisation[];
}

export const identityKey = (platform: Platform, externalId: string) => `${platform}\u0000${externalId}`;

/** The directory's version as a scalar subquery, for a statement that reads it on the way. */
export const DIRECTORY_VERSION_SQL = Prisma.sql`(SELECT "value" FROM "Sequence" WHERE "name" = ${DIRECTORY_VERSION})`;

/** The directory's version as committed (or as written by the transaction `db` belongs to). */
export async function directoryVersion(sql: SqlRunner): Promise<number> {
  const rows = await sql.query<{ value: number | bigint | null }>(Prisma.sql`SELECT ${DIRECTORY_VERSION_SQL} AS "value"`);
  return versionOf(rows[0]?.value);
}

/** A version as a statement returned it (none yet: 0). */
export const versionOf = (value: number | bigint | null | undefined): number => (value == null ? 0 : Number(value));

/** The directory changed under a transaction that answered from the cache: run it again. */
export class StaleDirectoryError extends Error {
  constructor(trusted: number, seen: number) {
    super(`the directory moved from version ${trusted} to ${seen} during the transaction`);
    this.name = "StaleDirectoryError";
  }
}

/**
 * One transaction's use of the cached directory. Rather than read the version before it
 * answers, the transaction trusts the snapshot in memory and checks the version once, on the
 * way: inside a statement it sends anyway (recording the handled event), or with a read of its
 * own before COMMIT. Either read sees the transaction's own snapshot of the database, so
 * checking last is as good as checking first; a version that moved fails the transaction with
 * StaleDirectoryError, the store drops the cache and runs the work again.
 */
export class DirectoryCheck {
  private trusted?: number;
  private confirmed = false;

  constructor(private readonly cache: DirectoryCache) {}

  /** The transaction answers from a snapshot it did not check yet. */
  trust(version: number): void {
    this.trusted ??= version;
  }

  /** The version was read in this transaction: fresh, or to check what was trusted. */
  confirm(version: number): void {
    this.confirmed = true;
    if (this.trusted === undefined || version === this.trusted) return;
    this.cache.invalidate();
    throw new StaleDirectoryError(this.trusted, version);
  }

  /** Something was answered from the cache and no statement has checked it yet. */
  get pending(): boolean {
    return this.trusted !== undefined && !this.confirmed;
  }

  /** Check what is pending with a read of its own. */
  async settle(sql: SqlRunner): Promise<void> {
    if (this.pending) this.confirm(await directoryVersion(sql));
  }
}

/** Record a directory write: every process's cache sees a new version and reloads. */
export async function bumpDirectoryVersion(db: Db): Promise<void> {
  await db.sequence.upsert({ where: { name: DIRECTORY_VERSION }, create: { name: DIRECTORY_VERSION, value: 1 }, update: { value: { increment: 1 } } });
}

async function load(db: Db, version: number): Promise<DirectorySnapshot> {
  const rows = await db.person.findMany({ include: { identities: true }, orderBy: { id: "asc" } });
  const organisations = (await db.organisation.findMany({ orderBy: { id: "asc" } })).map(toOrganisation);
  const people = rows.map(toPerson);
  const byIdentity = new Map(people.flatMap((p) => p.identities.map((i) => [identityKey(i.platform, i.externalId), p] as const)));
  return { version, people, byId: new Map(people.map((p) => [p.id, p])), byIdentity, organisations };
}

/**
 * People, identities and organisations held in memory, one per store (process). The directory
 * changes only with the policy file or an admin command, yet every command reads it several
 * times; a cache costs one version read instead. The version lives in the database, so a
 * write by another process (a replica, a CLI) is seen at the next read.
 */
export class DirectoryCache {
  private snapshot?: DirectorySnapshot;
  // Bumped by invalidate(): a load that began before it must not install what it read.
  private epoch = 0;

  /** The snapshot in memory, unchecked (none before the first read or after an invalidation). */
  current(): DirectorySnapshot | undefined {
    return this.snapshot;
  }

  /** The directory as `db` sees it now: from memory when the version is unchanged. */
  async read(db: Db, sql: SqlRunner): Promise<DirectorySnapshot> {
    const version = await directoryVersion(sql);
    if (this.snapshot?.version === version) return this.snapshot;
    const epoch = this.epoch;
    const fresh = await load(db, version);
    if (epoch === this.epoch) this.snapshot = fresh;
    return fresh;
  }

  /**
   * Forget the snapshot. Called when a transaction that wrote the directory ends, committed or
   * rolled back: a snapshot loaded while it ran may hold its uncommitted rows.
   */
  invalidate(): void {
    this.snapshot = undefined;
    this.epoch++;
  }
}

/** A copy callers may change without touching the cache. */
export const copyPerson = (p: Person): Person => ({ ...p, identities: p.identities.map((i) => ({ ...i })) });
