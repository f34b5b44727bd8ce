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

/** The directory's version as committed (or as written by the transaction `db` belongs to). */
export async function directoryVersion(sql: SqlRunner): Promise<number> {
  const rows = await sql.query<{ value: number | bigint }>(Prisma.sql`SELECT "value" FROM "Sequence" WHERE "name" = ${DIRECTORY_VERSION}`);
  return rows[0] ? Number(rows[0].value) : 0;
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
