import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import { incidentTimerKey } from "../../core/sla/incident-timer.js";
import type { FactsRearm, NudgeFilter, OncallRoster, RosterRepository, SlaRepository } from "../../ports/store.js";
import type { MemoryDeadlineRepository } from "./memory-deadline-repository.js";
import type { MemoryState } from "./memory-state.js";

const copyOf = <T>(value: T): T => structuredClone(value);
const nudgeKey = (n: NudgeRecord) => `${n.incidentId}|${n.clock}|${n.cycle}|${n.kind}|${n.repeat}`;

/** SLA facts and the nudge ledger in memory. */
export class MemorySlaRepository implements SlaRepository {
  constructor(
    private readonly s: () => MemoryState,
    private readonly deadlines: MemoryDeadlineRepository,
  ) {}

  async findFacts(incidentIds: number[]): Promise<SlaFacts[]> {
    return incidentIds.flatMap((id) => {
      const found = this.s().slaFacts.get(id);
      return found ? [copyOf(found)] : [];
    });
  }

  async incidentSla(incidentId: number): Promise<{ facts?: SlaFacts; nudges: NudgeRecord[] }> {
    const [facts] = await this.findFacts([incidentId]);
    const nudges = await this.listNudges({ incidentIds: [incidentId] });
    return facts ? { facts, nudges } : { nudges };
  }

  async saveFacts(facts: SlaFacts, rearm?: FactsRearm): Promise<void> {
    this.s().slaFacts.set(facts.incidentId, copyOf(facts));
    const key = incidentTimerKey(facts.incidentId);
    if (rearm) await this.deadlines.arm(key, facts.incidentId, rearm.dueAt, rearm.now);
    // As in SQL, where the facts live on the timer row: an incident without one gets a finished one.
    const state = this.s();
    if (!state.deadlines.some((t) => t.key === key)) {
      state.deadlines.push({ id: state.nextId.timer++, key, incidentId: facts.incidentId, dueAt: new Date(rearm?.now ?? facts.lastUpdateAt), status: "done", generation: 1 });
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
      .map(copyOf)
      // In the order they were sent, as the port says (ties in the order recorded).
      .sort((a, b) => a.at.getTime() - b.at.getTime());
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
