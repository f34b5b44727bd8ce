import type { DeadlineRepository, DeadlineTimer, TimerRearm } from "../../ports/store.js";
import type { MemoryState } from "./memory-state.js";

const publicTimer = ({ leaseUntil: _, ...timer }: MemoryState["deadlines"][number]): DeadlineTimer => structuredClone(timer);

/** Deadline rows in memory, with the same claiming rules as SQL. */
export class MemoryDeadlineRepository implements DeadlineRepository {
  constructor(private readonly s: () => MemoryState) {}

  async arm(key: string, incidentId: number | undefined, dueAt: Date | undefined, now: Date): Promise<void> {
    const timers = this.s().deadlines;
    const existing = timers.find((t) => t.key === key);
    if (!existing) {
      if (!dueAt) return;
      timers.push({ id: this.s().nextId.timer++, key, incidentId, dueAt: new Date(dueAt), status: "pending", generation: 1 });
      return;
    }
    Object.assign(existing, { dueAt: new Date(dueAt ?? now), status: dueAt ? "pending" : "done", generation: existing.generation + 1, leaseUntil: undefined });
  }

  async find(key: string): Promise<DeadlineTimer | undefined> {
    const found = this.s().deadlines.find((t) => t.key === key);
    return found && publicTimer(found);
  }

  async findByIds(ids: number[]): Promise<DeadlineTimer[]> {
    const wanted = new Set(ids);
    return this.s().deadlines.filter((t) => wanted.has(t.id)).map(publicTimer);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DeadlineTimer[]> {
    const due = this.s()
      .deadlines.filter((t) => t.status === "pending" && t.dueAt <= now && (!t.leaseUntil || t.leaseUntil <= now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
      .slice(0, limit);
    for (const timer of due) timer.leaseUntil = new Date(leaseUntil);
    return due.map(publicTimer);
  }

  async rearm(timers: TimerRearm[], now: Date): Promise<void> {
    for (const next of timers) {
      const timer = this.s().deadlines.find((t) => t.id === next.id);
      if (!timer) continue;
      const status = next.dueAt ? "pending" : "done";
      Object.assign(timer, { generation: next.generation + 1, status, dueAt: new Date(next.dueAt ?? now), leaseUntil: undefined });
    }
  }
}
