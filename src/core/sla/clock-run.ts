/**
 * One run of an SLA clock as time on a calendar: it starts, may stop, and does not run while
 * paused. Elapsed time and "when will it reach X" are both answered by walking the running
 * segments, so pauses and business hours compose without special cases.
 */
import { addBusinessTime, businessTimeBetween } from "./business-time.js";
import type { BusinessCalendar } from "./calendar.js";

/** A pause as epoch ms; `to` absent while still paused. */
export interface PauseSpan {
  readonly from: number;
  readonly to?: number;
}

/** When a clock runs, as epoch ms. */
export interface ClockRun {
  readonly start: number;
  /** Absent while the clock has not stopped. */
  readonly stop?: number;
  readonly pauses: readonly PauseSpan[];
}

/** A stretch of running time; `to` absent when it runs on. */
export interface Segment {
  readonly from: number;
  readonly to?: number;
}

/** The stretches during which the clock runs, in order. Nothing follows an open pause. */
export function runningSegments(run: ClockRun): Segment[] {
  const end = run.stop === undefined ? undefined : Math.max(run.stop, run.start);
  const segments: Segment[] = [];
  let cursor = run.start;
  const pauses = [...run.pauses].sort((a, b) => a.from - b.from);
  for (const pause of pauses) {
    if (end !== undefined && pause.from >= end) break;
    if (pause.to !== undefined && pause.to <= cursor) continue;
    if (pause.from > cursor) segments.push({ from: cursor, to: pause.from });
    if (pause.to === undefined) return segments;
    cursor = Math.max(cursor, pause.to);
  }
  if (end === undefined) segments.push({ from: cursor });
  else if (end > cursor) segments.push({ from: cursor, to: end });
  return segments;
}

/** Business time the clock has run by `now`. */
export function elapsedOn(calendar: BusinessCalendar, segments: readonly Segment[], now: number): number {
  let total = 0;
  for (const s of segments) {
    if (s.from >= now) break;
    total += businessTimeBetween(calendar, new Date(s.from), new Date(Math.min(s.to ?? now, now)));
  }
  return total;
}

/**
 * The instant at which the clock will have run `ms` of business time, if nothing changes;
 * undefined when it stops or is paused before getting there.
 */
export function reachOn(calendar: BusinessCalendar, segments: readonly Segment[], ms: number): Date | undefined {
  let used = 0;
  for (const s of segments) {
    if (s.to === undefined) return addBusinessTime(calendar, new Date(s.from), ms - used);
    const length = businessTimeBetween(calendar, new Date(s.from), new Date(s.to));
    if (used + length >= ms) return addBusinessTime(calendar, new Date(s.from), ms - used);
    used += length;
  }
  return undefined;
}
