/**
 * The vocabulary of the SLA engine: clocks, targets, policies and the per-incident facts the
 * clocks are derived from. Clocks are never stored as counters: they are recomputed from the
 * incident's timestamps and these facts, so a severity change re-targets them from the start.
 */
import type { Severity } from "../incident/types.js";
import type { BusinessCalendar } from "./calendar.js";

/** The five clocks of product.md, in display order. */
export const CLOCKS = ["response", "update", "restore", "resolve", "report"] as const;
/** One SLA clock. */
export type ClockName = (typeof CLOCKS)[number];

/** A target and the calendar its time is counted on (a key of {@link SlaConfig.calendars}). */
export interface ClockTarget {
  readonly targetMs: number;
  readonly calendar: string;
}

/** The targets of one severity; a clock without a target does not run for that severity. */
export type SeverityTargets = Partial<Record<ClockName, ClockTarget>>;

/** An SLA policy: targets per severity. */
export type SlaPolicy = Readonly<Record<Severity, SeverityTargets>>;

/** Everything the SLA engine reads from the policy file, validated and compiled. */
export interface SlaConfig {
  /** Compiled calendars by name, including the built-in `24x7` and `business`. */
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
  /** Policies by name, including the built-in `standard` unless the file redefines it. */
  readonly policies: Readonly<Record<string, SlaPolicy>>;
  /** Policy name per organisation id (organisations without one use `standard`). */
  readonly organisationPolicy: Readonly<Record<string, string>>;
  /** Time between repeated nudges after a breach, on the clock's calendar. */
  readonly repeatEveryMs: number;
  /** At most this many repeats per clock run. */
  readonly maxRepeats: number;
  /** An open→mitigated time above this requires a post-incident report (domain.md: 60 min). */
  readonly reportAfterOutageMs: number;
  /** Local time of the daily digest, in minutes after midnight in the policy time zone. */
  readonly digestAtMinutes: number;
}

/** A wait on the customer: restore and resolve do not run between `from` and `to`. */
export interface Pause {
  readonly from: Date;
  /** Absent while still waiting. */
  readonly to?: Date;
  /** What the team needs from the customer. */
  readonly reason: string;
}

/** The SLA facts of one incident that are not lifecycle timestamps. */
export interface SlaFacts {
  readonly incidentId: number;
  /** The severity the engine last saw, to notice when the update clock starts applying. */
  readonly severity: Severity;
  /** The last public update (note, transition, status message): the update clock's start. */
  readonly lastUpdateAt: Date;
  readonly pauses: readonly Pause[];
  /** When a post-incident report was first attached. */
  readonly postmortemAt?: Date;
  readonly postmortem?: string;
}

/** The three kinds of nudge. */
export type NudgeKind = "warning" | "breach" | "repeat";

/** A nudge that was sent, as recorded in the ledger. */
export interface NudgeRecord {
  readonly incidentId: number;
  readonly clock: ClockName;
  /** Which run of the clock (its start instant, ISO). */
  readonly cycle: string;
  readonly kind: NudgeKind;
  /** 1…maxRepeats for repeats, 0 otherwise. */
  readonly repeat: number;
  /** When the threshold was reached. */
  readonly dueAt: Date;
  /** When the nudge was sent. */
  readonly at: Date;
  /** Sent well after `dueAt` (the bot was down). */
  readonly late: boolean;
}

/** Share of a target at which the warning goes out. */
export const WARNING_SHARE = 0.75;
