import type { Store, StoreTx } from "../../ports/store.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import { PrismaDirectoryRepository } from "./prisma-directory-repository.js";
import { PrismaEventRepository } from "./prisma-event-repository.js";
import { PrismaIncidentRepository } from "./prisma-incident-repository.js";
import { PrismaLinkRepository } from "./prisma-link-repository.js";
import { PrismaOutboxRepository } from "./prisma-outbox-repository.js";
import { PrismaRosterRepository } from "./prisma-roster-repository.js";
import { PrismaSlaRepository } from "./prisma-sla-repository.js";
import { PrismaCustomerRepository } from "./prisma-customer-repository.js";
import { PrismaSurveyRepository } from "./prisma-survey-repository.js";
import { PrismaTimelineRepository } from "./prisma-timeline-repository.js";
import { createSqliteClient } from "./sqlite-client.js";
import { PrismaChatMemory } from "./prisma-chat-memory.js";
import type { Db } from "./prisma-types.js";

function repositories(db: Db): StoreTx {
  return {
    incidents: new PrismaIncidentRepository(db),
    timeline: new PrismaTimelineRepository(db),
    directory: new PrismaDirectoryRepository(db),
    links: new PrismaLinkRepository(db),
    outbox: new PrismaOutboxRepository(db),
    events: new PrismaEventRepository(db),
    sla: new PrismaSlaRepository(db),
    roster: new PrismaRosterRepository(db),
    customers: new PrismaCustomerRepository(db),
    surveys: new PrismaSurveyRepository(db),
  };
}

/** The Store on Prisma: each transaction is one SQL transaction (BEGIN IMMEDIATE on SQLite). */
export class PrismaStore implements Store {
  readonly incidents;
  readonly timeline;
  readonly directory;
  readonly links;
  readonly outbox;
  readonly events;
  readonly sla;
  readonly roster;
  readonly customers;
  readonly surveys;
  readonly chatMemory: PrismaChatMemory;

  constructor(private readonly prisma: PrismaClient) {
    this.chatMemory = new PrismaChatMemory(prisma);
    const repos = repositories(prisma);
    this.incidents = repos.incidents;
    this.timeline = repos.timeline;
    this.directory = repos.directory;
    this.links = repos.links;
    this.outbox = repos.outbox;
    this.events = repos.events;
    this.sla = repos.sla;
    this.roster = repos.roster;
    this.customers = repos.customers;
    this.surveys = repos.surveys;
  }

  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(repositories(tx)), { maxWait: 10_000, timeout: 20_000 });
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

/** Open (and migrate) the store behind an SQLite `file:` URL. */
export async function openSqliteStore(url: string): Promise<PrismaStore> {
  migrateSqlite(url);
  return new PrismaStore(await createSqliteClient(url));
}
