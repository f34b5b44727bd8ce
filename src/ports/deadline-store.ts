// Deadlines are the one place time drives Vigil without a person: every feature that must act
// later (SLA nudges and escalation, the digest, confirmation and survey steps, alert handling)
// arms a row here, and the deadline sweeper claims and acts on the due ones.

/**
 * A deadline row: the next moment Vigil must act by itself. Keys say whose it is: an
 * incident's SLA clocks (`incident:<id>`), the daily digest (`digest`), the customer loop
 * (`confirm:<id>`, `survey:<id>`…) and the alert-handling clock (`alert:<id>`).
 */
export interface DeadlineTimer {
  id: number;
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

/** The deadline rows: arming, claiming due ones, re-arming after acting. */
export interface DeadlineRepository {
  /**
   * Point the timer `key` at `dueAt` (undefined: nothing left, status done), bumping its
   * generation and dropping any lease so an in-flight act on the old arming is void.
   */
  arm(key: string, incidentId: number | undefined, dueAt: Date | undefined, now: Date): Promise<void>;
  /** The timer with this key, if any. */
  find(key: string): Promise<DeadlineTimer | undefined>;
  /** Timers by id (to re-check generations inside the acting transaction). */
  findByIds(ids: number[]): Promise<DeadlineTimer[]>;
  /**
   * Lease up to `limit` pending timers due at `now` (oldest first) until `leaseUntil`, so no
   * other process claims them meanwhile. Uses the (status, dueAt) index: cost grows with the
   * number of due rows, not with the number of timers.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DeadlineTimer[]>;
  /** Re-arm timers after acting (one statement for a whole batch); `now` stamps finished ones. */
  rearm(timers: TimerRearm[], now: Date): Promise<void>;
}
