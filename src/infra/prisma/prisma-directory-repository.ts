import type { Organisation, Person } from "../../core/incident/types.js";
import type { Platform } from "../../ports/chat.js";
import type { DirectoryRepository } from "../../ports/store.js";
import { bumpDirectoryVersion, copyPerson, DirectoryCache, DirectoryCheck, identityKey, type DirectorySnapshot } from "./directory-cache.js";
import type { Db } from "./prisma-types.js";
import { prismaRunner, type SqlRunner } from "./sql-runner.js";

/**
 * People, organisations and identities, mirrored from the policy file at start, read through
 * the store's in-memory cache. One repository per transaction answers from the snapshot in
 * memory and has its version checked once (see DirectoryCheck); the store's own (outside any
 * transaction) checks the version at every call.
 */
export class PrismaDirectoryRepository implements DirectoryRepository {
  private snapshot?: Promise<DirectorySnapshot>;
  /** This transaction changed the directory: the store invalidates the cache when it ends. */
  wrote = false;

  constructor(
    private readonly db: Db,
    private readonly cache: DirectoryCache,
    private readonly perTransaction: boolean,
    private readonly sql: SqlRunner = prismaRunner(db),
    /** In a transaction: how its trust in the cached snapshot gets checked. */
    readonly check: DirectoryCheck = new DirectoryCheck(cache),
  ) {}

  async upsertOrganisation(org: Organisation): Promise<void> {
    await this.writing(() => this.db.organisation.upsert({ where: { id: org.id }, create: org, update: { name: org.name } }));
  }

  async upsertPerson(person: Person): Promise<void> {
    await this.writing(() => this.replacePerson(person));
  }

  private async replacePerson(person: Person): Promise<void> {
    const data = { name: person.name, role: person.role, organisationId: person.organisationId ?? null };
    await this.db.person.upsert({ where: { id: person.id }, create: { id: person.id, ...data }, update: data });
    await this.db.identity.deleteMany({ where: { personId: person.id } });
    for (const identity of person.identities) {
      // An identity moved from someone else in the file: the file wins.
      await this.db.identity.deleteMany({ where: { platform: identity.platform, externalId: identity.externalId } });
      await this.db.identity.create({ data: { ...identity, personId: person.id } });
    }
  }

  async findByIdentity(platform: Platform, externalId: string): Promise<Person | undefined> {
    const person = (await this.read()).byIdentity.get(identityKey(platform, externalId));
    return person && copyPerson(person);
  }

  async findPerson(id: string): Promise<Person | undefined> {
    const person = (await this.read()).byId.get(id);
    return person && copyPerson(person);
  }

  async listPeople(): Promise<Person[]> {
    return (await this.read()).people.map(copyPerson);
  }

  async listOrganisations(): Promise<Organisation[]> {
    return (await this.read()).organisations.map((o) => ({ ...o }));
  }

  private read(): Promise<DirectorySnapshot> {
    if (!this.perTransaction) return this.cache.read(this.db, this.sql);
    this.snapshot ??= this.readInTransaction();
    return this.snapshot;
  }

  private async readInTransaction(): Promise<DirectorySnapshot> {
    const kept = this.cache.current();
    if (kept) {
      this.check.trust(kept.version);
      return kept;
    }
    const fresh = await this.cache.read(this.db, this.sql);
    this.check.confirm(fresh.version);
    return fresh;
  }

  // In a transaction: the first write bumps the version (other processes reload once it
  // commits), and from then on this transaction reads its own rows, never an older snapshot.
  // Outside one each statement commits alone, so the version moves after the rows it covers.
  // A snapshot trusted so far is checked first: after the bump, the version is this transaction's own.
  private async writing(write: () => Promise<unknown>): Promise<void> {
    if (this.perTransaction) await this.check.settle(this.sql);
    this.snapshot = undefined;
    this.cache.invalidate();
    if (this.perTransaction && !this.wrote) await bumpDirectoryVersion(this.db);
    this.wrote = true;
    await write();
    if (!this.perTransaction) {
      await bumpDirectoryVersion(this.db);
      this.cache.invalidate();
    }
  }
}
