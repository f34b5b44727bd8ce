import type { Organisation, Person } from "../../core/incident/types.js";
import type { Platform } from "../../ports/chat.js";
import type { DirectoryRepository } from "../../ports/store.js";
import { toOrganisation, toPerson } from "./mappers.js";
import type { Db } from "./prisma-types.js";

/** People, organisations and identities, mirrored from the policy file at start. */
export class PrismaDirectoryRepository implements DirectoryRepository {
  constructor(private readonly db: Db) {}

  async upsertOrganisation(org: Organisation): Promise<void> {
    await this.db.organisation.upsert({ where: { id: org.id }, create: org, update: { name: org.name } });
  }

  async upsertPerson(person: Person): Promise<void> {
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
    const identity = await this.db.identity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { person: { include: { identities: true } } },
    });
    return identity ? toPerson(identity.person) : undefined;
  }

  async findPerson(id: string): Promise<Person | undefined> {
    const row = await this.db.person.findUnique({ where: { id }, include: { identities: true } });
    return row ? toPerson(row) : undefined;
  }

  async listPeople(): Promise<Person[]> {
    const rows = await this.db.person.findMany({ include: { identities: true }, orderBy: { id: "asc" } });
    return rows.map(toPerson);
  }

  async listOrganisations(): Promise<Organisation[]> {
    const rows = await this.db.organisation.findMany({ orderBy: { id: "asc" } });
    return rows.map(toOrganisation);
  }
}
