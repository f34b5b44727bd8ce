import type { InboxEntry, InboxRepository } from "../../ports/store.js";
import type { MemoryState } from "./memory-state.js";

/** The inbox in memory (for demos and fast tests); orphaned rows are those of unregistered owners. */
export class MemoryInboxRepository implements InboxRepository {
  private readonly rows: InboxEntry[] = [];
  private seq = 0;

  constructor(private readonly state: () => MemoryState) {}

  async accept(entry: Omit<InboxEntry, "seq">): Promise<boolean> {
    if (this.rows.some((r) => r.eventId === entry.eventId)) return false;
    this.rows.push(structuredClone({ ...entry, seq: ++this.seq }));
    return true;
  }

  async claimOrphans(owner: string, limit: number): Promise<InboxEntry[]> {
    const live = this.state().instances;
    const orphans = this.rows.filter((r) => !r.owner || !live.has(r.owner)).slice(0, limit);
    for (const row of orphans) row.owner = owner;
    return structuredClone(orphans);
  }

  async release(eventId: string): Promise<void> {
    const row = this.rows.find((r) => r.eventId === eventId);
    if (row) delete row.owner;
  }

  async remove(eventId: string): Promise<void> {
    const at = this.rows.findIndex((r) => r.eventId === eventId);
    if (at >= 0) this.rows.splice(at, 1);
  }

  async list(): Promise<InboxEntry[]> {
    return structuredClone(this.rows);
  }
}
