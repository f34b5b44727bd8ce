import type { Incident, Organisation, Person, TimelineEntry } from "../../core/incident/types.js";
import type { MessageRef, Reply } from "../../ports/chat.js";
import type { NudgeRecord, SlaFacts } from "../../core/sla/sla-types.js";
import type { DispatcherInstance, OncallRoster, OutboxRow, DeadlineTimer } from "../../ports/store.js";
import { emptyAlertState, type AlertMemoryState } from "./memory-alert-repository.js";
import type { Complaint, IdentityLink, LinkCode, ProblemDraft, ResolutionCheck, Survey } from "../../core/survey/types.js";

/** The customer loop's part of the in-memory state. */
export interface CustomerMemoryState {
  codes: Map<string, LinkCode>;
  links: IdentityLink[];
  drafts: ProblemDraft[];
  checks: ResolutionCheck[];
  surveys: Survey[];
  complaints: Complaint[];
  nextId: { draft: number; check: number; survey: number; complaint: number };
}

/** A fresh, empty customer state. */
export function emptyCustomerState(): CustomerMemoryState {
  return { codes: new Map(), links: [], drafts: [], checks: [], surveys: [], complaints: [], nextId: { draft: 1, check: 1, survey: 1, complaint: 1 } };
}

/** Everything the in-memory store holds; cloned whole to roll a transaction back. */
export interface MemoryState {
  sequence: number;
  incidents: Map<number, Incident>;
  timeline: TimelineEntry[];
  organisations: Map<string, Organisation>;
  people: Map<string, Person>;
  links: Map<string, MessageRef & { incidentId: number }>;
  outbox: (OutboxRow & { leaseUntil?: Date })[];
  instances: Map<string, DispatcherInstance>;
  events: Map<string, Reply>;
  slaFacts: Map<number, SlaFacts>;
  deadlines: (DeadlineTimer & { leaseUntil?: Date })[];
  nudges: NudgeRecord[];
  roster?: OncallRoster;
  customer: CustomerMemoryState;
  alerts: AlertMemoryState;
  nextId: { incident: number; timeline: number; outbox: number; timer: number };
}

/** A fresh, empty state. */
export function emptyState(): MemoryState {
  return {
    sequence: 0,
    incidents: new Map(),
    timeline: [],
    organisations: new Map(),
    people: new Map(),
    links: new Map(),
    outbox: [],
    instances: new Map(),
    events: new Map(),
    slaFacts: new Map(),
    deadlines: [],
    nudges: [],
    customer: emptyCustomerState(),
    alerts: emptyAlertState(),
    nextId: { incident: 1, timeline: 1, outbox: 1, timer: 1 },
  };
}
