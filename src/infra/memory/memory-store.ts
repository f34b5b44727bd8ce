import type { Store, StoreTx } from "../../ports/store.js";
import { MemoryOutboxRepository } from "./memory-outbox-repository.js";
import {
  MemoryDirectoryRepository,
  MemoryEventRepository,
  MemoryIncidentRepository,
  MemoryLinkRepository,
  MemoryTimelineRepository,
} from "./memory-repositories.js";
import { MemoryRosterRepository, MemorySlaRepository } from "./memory-sla-repository.js";
import { MemoryDeadlineRepository } from "./memory-deadline-repository.js";
import { MemoryCustomerRepository, MemoryFollowUpRepository } from "./memory-customer-repositories.js";
import { MemoryAlertRepository } from "./memory-alert-repository.js";
import { emptyState, type MemoryState } from "./memory-state.js";
import { MemoryChatMemory } from "./memory-chat-memory.js";
import { MemoryInboxRepository } from "./memory-inbox-repository.js";

/**
 * A working Store in memory, for demos and fast tests. Transactions run one at a time;
 * a failed one restores the state as it was before it began.
 */
export class MemoryStore implements Store {
  private state: MemoryState = emptyState();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly repos: StoreTx;
  readonly chatMemory = new MemoryChatMemory();
  readonly inbox = new MemoryInboxRepository(() => this.state);

  constructor() {
    const get = () => this.state;
    const deadlines = new MemoryDeadlineRepository(get);
    this.repos = {
      incidents: new MemoryIncidentRepository(get),
      timeline: new MemoryTimelineRepository(get),
      directory: new MemoryDirectoryRepository(get),
      links: new MemoryLinkRepository(get),
      outbox: new MemoryOutboxRepository(get),
      events: new MemoryEventRepository(get),
      sla: new MemorySlaRepository(get, deadlines),
      deadlines,
      roster: new MemoryRosterRepository(get),
      customers: new MemoryCustomerRepository(get),
      followUps: new MemoryFollowUpRepository(get),
      alerts: new MemoryAlertRepository(() => this.state.alerts),
    };
  }

  get incidents() { return this.repos.incidents; }
  get timeline() { return this.repos.timeline; }
  get directory() { return this.repos.directory; }
  get links() { return this.repos.links; }
  get outbox() { return this.repos.outbox; }
  get events() { return this.repos.events; }
  get sla() { return this.repos.sla; }
  get deadlines() { return this.repos.deadlines; }
  get roster() { return this.repos.roster; }
  get customers() { return this.repos.customers; }
  get followUps() { return this.repos.followUps; }
  get alerts() { return this.repos.alerts; }

  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    const run = async () => {
      const before = structuredClone(this.state);
      try {
        return await work(this.repos);
      } catch (error) {
        this.state = before;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {}
}
