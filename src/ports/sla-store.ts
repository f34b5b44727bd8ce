import type { NudgeRecord, SlaFacts } from "../core/sla/sla-types.js";

/** A timer row: the next moment the SLA engine must look at an incident (or send the digest). */
export interface SlaTimer {
  id: number;
  /** `incident:<id>` or `digest`. */
  key: string;
  incidentId?: number;
  dueAt: Date;
  status: "pending" | "done";
  /** Changes on every (re-)arm; an act on a claimed timer checks it has not moved on. */
  generation: number;
}

/** A timer the sweeper re-arms after acting: the generation it acted on, and what comes next. */
export interface TimerRearm {
  id: number;
  key: string;
  incidentId?: number;
  /** The generation the act was based on; the stored one becomes `generation + 1`. */
  generation: number;
  /** The next due instant, or undefined when nothing is left to do (status becomes done). */
  dueAt?: Date;
}

/** Which nudges to list. */
export interface NudgeFilter {
  incidentIds?: number[];
  kinds?: NudgeRecord["kind"][];
  /** Sent at or after. */
  from?: Date;
  /** Sent before. */
  to?: Date;
}

/** SLA facts, timers and the ledger of nudges sent. */
export interface SlaRepository {
  /** The facts of these incidents (missing ones are simply absent). */
  findFacts(incidentIds: number[]): Promise<SlaFacts[]>;
  /** Create or replace an incident's facts. */
  saveFacts(facts: SlaFacts): Promise<void>;
  /**
   * Point the timer `key` at `dueAt` (undefined: nothing left, status done), bumping its
   * generation and dropping any lease so an in-flight act on the old arming is void.
   */
  armTimer(key: string, incidentId: number | undefined, dueAt: Date | undefined, now: Date): Promise<void>;
  /** The timer with this key, if any. */
  findTimer(key: string): Promise<SlaTimer | undefined>;
  /** Timers by id (to re-check generations inside the acting transaction). */
  findTimersByIds(ids: number[]): Promise<SlaTimer[]>;
  /**
   * Lease up to `limit` pending timers due at `now` (oldest first) until `leaseUntil`, so no
   * other process claims them meanwhile. Uses the (status, dueAt) index: cost grows with the
   * number of due rows, not with the number of timers.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<SlaTimer[]>;
  /** Re-arm timers after acting (one statement for a whole batch); `now` stamps finished ones. */
  rearm(timers: TimerRearm[], now: Date): Promise<void>;
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
