import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import type { NudgeFilter, OncallRoster, RosterRepository, SlaRepository, SlaTimer, TimerRearm } from "../../ports/store.js";
import type { MemoryState } from "./memory-state.js";

const copyOf = <T>(value: T): T => structuredClone(value);
const publicTimer = ({ leaseUntil: _, ...timer }: MemoryState["slaTimers"][number]): SlaTimer => copyOf(timer);
const nudgeKey = (n: NudgeRecord) => `${n.incidentId}|${n.clock}|${n.cycle}|${n.kind}|${n.repeat}`;

/** SLA facts, timers and the nudge ledger in memory, with the same claiming rules as SQL. */
export class MemorySlaRepository implements SlaRepository {
  constructor(private readonly s: () => MemoryState) {}

  async findFacts(incidentIds: number[]): Promise<SlaFacts[]> {
    return incidentIds.flatMap((id) => {
      const found = this.s().slaFacts.get(id);
      return found ? [copyOf(found)] : [];
    });
  }

  async saveFacts(facts: SlaFacts): Promise<void> {
    this.s().slaFacts.set(facts.incidentId, copyOf(facts));
  }

  async armTimer(key: string, incidentId: number | undefined, dueAt: Date | undefined, now: Date): Promise<void> {
    const timers = this.s().slaTimers;
    const existing = timers.find((t) => t.key === key);
    if (!existing) {
      if (!dueAt) return;
      timers.push({ id: this.s().nextId.timer++, key, incidentId, dueAt: new Date(dueAt), status: "pending", generation: 1 });
      return;
    }
    Object.assign(existing, { dueAt: new Date(dueAt ?? now), status: dueAt ? "pending" : "done", generation: existing.generation + 1, leaseUntil: undefined });
  }

  async findTimer(key: string): Promise<SlaTimer | undefined> {
    const found = this.s().slaTimers.find((t) => t.key === key);
    return found && publicTimer(found);
  }

  async findTimersByIds(ids: number[]): Promise<SlaTimer[]> {
    const wanted = new Set(ids);
    return this.s().slaTimers.filter((t) => wanted.has(t.id)).map(publicTimer);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<SlaTimer[]> {
    const due = this.s()
      .slaTimers.filter((t) => t.status === "pending" && t.dueAt <= now && (!t.leaseUntil || t.leaseUntil <= now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
      .slice(0, limit);
    for (const timer of due) timer.leaseUntil = new Date(leaseUntil);
    return due.map(publicTimer);
  }

  async rearm(timers: TimerRearm[], now: Date): Promise<void> {
    for (const next of timers) {
      const timer = this.s().slaTimers.find((t) => t.id === next.id);
      if (!timer) continue;
      const status = next.dueAt ? "pending" : "done";
      Object.assign(timer, { generation: next.generation + 1, status, dueAt: new Date(next.dueAt ?? now), leaseUntil: undefined });
    }
  }

  async recordNudges(nudges: NudgeRecord[]): Promise<NudgeRecord[]> {
    const ledger = this.s().nudges;
    const seen = new Set(ledger.map(nudgeKey));
    const recorded: NudgeRecord[] = [];
    for (const nudge of nudges) {
      if (seen.has(nudgeKey(nudge))) continue;
      seen.add(nudgeKey(nudge));
      ledger.push(copyOf(nudge));
      recorded.push(copyOf(nudge));
    }
    return recorded;
  }

  async listNudges(filter: NudgeFilter): Promise<NudgeRecord[]> {
    const ids = filter.incidentIds && new Set(filter.incidentIds);
    return this.s()
      .nudges.filter((n) => (!ids || ids.has(n.incidentId)) && (!filter.kinds || filter.kinds.includes(n.kind)))
      .filter((n) => (!filter.from || n.at >= filter.from) && (!filter.to || n.at < filter.to))
      .map(copyOf);
  }
}

/** The on-call roster in memory. */
export class MemoryRosterRepository implements RosterRepository {
  constructor(private readonly s: () => MemoryState) {}

  async get(): Promise<OncallRoster | undefined> {
    const roster = this.s().roster;
    return roster && copyOf(roster);
  }

  async set(roster: OncallRoster): Promise<void> {
    this.s().roster = copyOf(roster);
  }
}
