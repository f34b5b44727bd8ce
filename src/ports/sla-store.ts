import type { NudgeRecord, SlaFacts } from "../core/sla/sla-types.js";

/** Which nudges to list. */
export interface NudgeFilter {
  incidentIds?: number[];
  kinds?: NudgeRecord["kind"][];
  /** Sent at or after. */
  from?: Date;
  /** Sent before. */
  to?: Date;
}

/** The incident timer's next arming, saved with the facts (see SlaRepository.saveFacts). */
export interface FactsRearm {
  /** The next due instant; undefined when no threshold is left (the timer is done). */
  dueAt: Date | undefined;
  now: Date;
}

/** SLA facts and the ledger of nudges sent (the timers that bring incidents back are deadlines). */
export interface SlaRepository {
  /** The facts of these incidents (missing ones are simply absent). */
  findFacts(incidentIds: number[]): Promise<SlaFacts[]>;
  /**
   * One incident's facts (absent when none are stored yet) and its nudges in the order they
   * were sent, in one read: every change to an incident re-arms its deadlines from both.
   */
  incidentSla(incidentId: number): Promise<{ facts?: SlaFacts; nudges: NudgeRecord[] }>;
  /**
   * Create or replace an incident's facts. With `rearm`, also point the incident's own timer
   * (incidentTimerKey) at `rearm.dueAt` exactly as DeadlineRepository.arm would, in the same
   * write: every change to an incident does both. Without it the timer's due time, status and
   * generation stay as they are.
   */
  saveFacts(facts: SlaFacts, rearm?: FactsRearm): Promise<void>;
  /**
   * Record nudges in the ledger; returns those actually recorded. One already there (same
   * incident, clock, cycle, kind, repeat) is skipped, so a nudge can never be sent twice.
   */
  recordNudges(nudges: NudgeRecord[]): Promise<NudgeRecord[]>;
  /** Nudges matching the filter, in the order they were sent. */
  listNudges(filter: NudgeFilter): Promise<NudgeRecord[]>;
}

/** The on-call roster as set in chat. */
export interface OncallRoster {
  personIds: string[];
  updatedAt: Date;
  updatedById?: string;
}

/** Who is on call (set with /oncall set; the policy file's list applies until then). */
export interface RosterRepository {
  /** The roster last set, or undefined if nobody ever set one. */
  get(): Promise<OncallRoster | undefined>;
  /** Replace the roster. */
  set(roster: OncallRoster): Promise<void>;
}
