import { ConcurrencyError } from "../../core/errors.js";
import type { Incident, NewIncident, NewTimelineEntry, Organisation, Person, TimelineEntry } from "../../core/incident/types.js";
import type { MessageRef, Platform, Reply } from "../../ports/chat.js";
import {
  DuplicateEventError,
  type DirectoryRepository,
  type IncidentFilter,
  type IncidentRepository,
  type MessageLinkRepository,
  type ProcessedEventRepository,
  type TimelineRepository,
} from "../../ports/store.js";
import type { MemoryState } from "./memory-state.js";

// Callers get copies, as they would from a database, so they cannot edit stored state.
const copyOf = <T>(value: T): T => structuredClone(value);

/** Incidents in memory. */
export class MemoryIncidentRepository implements IncidentRepository {
  constructor(private readonly s: () => MemoryState) {}
  async create(data: NewIncident): Promise<Incident> {
    const state = this.s();
    const incident: Incident = { ...copyOf(data), id: state.nextId.incident++, number: ++state.sequence, version: 1 };
    state.incidents.set(incident.id, incident);
    return copyOf(incident);
  }
  async findByNumber(number: number) {
    const found = [...this.s().incidents.values()].find((i) => i.number === number);
    return found && copyOf(found);
  }
  async findById(id: number) {
    const found = this.s().incidents.get(id);
    return found && copyOf(found);
  }
  async findByIds(ids: number[]): Promise<Incident[]> {
    return ids.flatMap((id) => {
      const found = this.s().incidents.get(id);
      return found ? [copyOf(found)] : [];
    });
  }
  async update(next: Incident): Promise<Incident> {
    const current = this.s().incidents.get(next.id);
    if (!current || current.version !== next.version) throw new ConcurrencyError(next.id);
    const stored = { ...copyOf(next), version: next.version + 1 };
    this.s().incidents.set(next.id, stored);
    return copyOf(stored);
  }
  async list(f: IncidentFilter): Promise<Incident[]> {
    return [...this.s().incidents.values()]
      .filter((i) => (!f.statuses || f.statuses.includes(i.status)) && (!f.severities || f.severities.includes(i.severity)))
      .filter((i) => (!f.organisationId || i.organisationId === f.organisationId) && (!f.assigneeId || i.assigneeId === f.assigneeId))
      .filter((i) => (!f.openedFrom || i.openedAt >= f.openedFrom) && (!f.openedTo || i.openedAt < f.openedTo))
      .sort((a, b) => b.number - a.number)
      .slice(0, f.limit)
      .map(copyOf);
  }
}

/** The append-only timeline in memory. */
export class MemoryTimelineRepository implements TimelineRepository {
  constructor(private readonly s: () => MemoryState) {}
  async append(entry: NewTimelineEntry): Promise<TimelineEntry> {
    const stored = { ...copyOf(entry), id: this.s().nextId.timeline++ };
    this.s().timeline.push(stored);
    return copyOf(stored);
  }
  async appendMany(entries: NewTimelineEntry[]): Promise<void> {
    for (const entry of entries) await this.append(entry);
  }
  async list(incidentId: number, last?: number) {
    const all = this.s().timeline.filter((e) => e.incidentId === incidentId);
    return (last ? all.slice(-last) : all).map(copyOf);
  }
  async countKinds(incidentIds: number[], kinds: string[]): Promise<number> {
    const ids = new Set(incidentIds);
    return this.s().timeline.filter((e) => ids.has(e.incidentId) && kinds.includes(e.kind)).length;
  }
}

/** People and organisations in memory. */
export class MemoryDirectoryRepository implements DirectoryRepository {
  constructor(private readonly s: () => MemoryState) {}
  async upsertOrganisation(org: Organisation) {
    this.s().organisations.set(org.id, copyOf(org));
  }
  async upsertPerson(person: Person) {
    for (const other of this.s().people.values()) {
      other.identities = other.identities.filter((i) => !person.identities.some((n) => n.platform === i.platform && n.externalId === i.externalId));
    }
    this.s().people.set(person.id, copyOf(person));
  }
  async findByIdentity(platform: Platform, externalId: string) {
    const found = [...this.s().people.values()].find((p) => p.identities.some((i) => i.platform === platform && i.externalId === externalId));
    return found && copyOf(found);
  }
  async findPerson(id: string) {
    const found = this.s().people.get(id);
    return found && copyOf(found);
  }
  async listPeople() {
    return [...this.s().people.values()].sort((a, b) => a.id.localeCompare(b.id)).map(copyOf);
  }
  async listOrganisations() {
    return [...this.s().organisations.values()].sort((a, b) => a.id.localeCompare(b.id)).map(copyOf);
  }
}

/** Card locations in memory. */
export class MemoryLinkRepository implements MessageLinkRepository {
  constructor(private readonly s: () => MemoryState) {}
  private key = (incidentId: number, platform: Platform, channelId: string) => `${incidentId}|${platform}|${channelId}`;
  async find(incidentId: number, platform: Platform, channelId: string): Promise<MessageRef | undefined> {
    const found = this.s().links.get(this.key(incidentId, platform, channelId));
    return found && { platform: found.platform, channelId: found.channelId, messageId: found.messageId };
  }
  async save(incidentId: number, ref: MessageRef) {
    this.s().links.set(this.key(incidentId, ref.platform, ref.channelId), { ...ref, incidentId });
  }
  async listForIncident(incidentId: number) {
    return [...this.s().links.values()].filter((l) => l.incidentId === incidentId).map(({ incidentId: _, ...ref }) => ref);
  }
}

/** Processed event ids in memory. */
export class MemoryEventRepository implements ProcessedEventRepository {
  constructor(private readonly s: () => MemoryState) {}
  async find(eventId: string) {
    const found = this.s().events.get(eventId);
    return found && copyOf(found);
  }
  // Transactions run one at a time here: a second handler's record() finds the first's event.
  async claim() {}
  async record(eventId: string, _at: Date, reply: Reply) {
    if (this.s().events.has(eventId)) throw new DuplicateEventError(eventId);
    this.s().events.set(eventId, copyOf(reply));
  }
}

