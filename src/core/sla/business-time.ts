/**
 * Business-time arithmetic on a compiled calendar. Each function walks whole working
 * intervals, one local date at a time, so a 7-day target costs a few dozen steps, not
 * thousands of minutes. Intervals are half-open: 12:00 is not inside 08:30–12:00, so a
 * deadline may land on 12:00 but work starting at 12:00 starts at the next opening.
 */
import { dayPlan, localDate, type BusinessCalendar, type WorkingHoursCalendar } from "./calendar.js";

/** How far a search for working time may run before the calendar is declared empty. */
export const MAX_SEARCH_DAYS = 20 * 366;

function instant(at: Date, name: string): number {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

function noWorkingTime(calendar: WorkingHoursCalendar, from: number): Error {
  return new Error(
    `calendar in ${calendar.zone} has not enough working time within 20 years of ${new Date(from).toISOString()}`,
  );
}

/**
 * The instant at which `ms` of business time has elapsed after `start`: an SLA deadline.
 * With `ms = 0` it is `start` itself during working time, otherwise the next opening, so
 * a clock started at night never appears to be running before the office opens.
 * @throws RangeError for a negative or non-finite `ms`; Error if the calendar has no
 * working time within {@link MAX_SEARCH_DAYS} days.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, ms: number): Date {
  const from = instant(start, "start");
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`business time must be a finite ms >= 0, got ${ms}`);
  if (calendar.kind === "24x7") return new Date(from + ms);
  let remaining = ms;
  let date = localDate(calendar, from);
  for (let day = 0; day < MAX_SEARCH_DAYS; day++) {
    const plan = dayPlan(calendar, date);
    const iv = plan.intervals;
    for (let k = 0; k < iv.length; k += 2) {
      const open = Math.max(iv[k], from);
      const available = iv[k + 1] - open;
      if (available <= 0) continue;
      // `<=` keeps a deadline that uses up an interval exactly at its end (12:00, not 13:30).
      if (remaining <= available) return new Date(open + remaining);
      remaining -= available;
    }
    date = plan.next;
  }
  throw noWorkingTime(calendar, from);
}

/**
 * Business milliseconds elapsed between two instants (0 when `to` is not after `from`).
 * The inverse of {@link addBusinessTime}: `businessTimeBetween(c, s, addBusinessTime(c, s, d)) === d`.
 */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = instant(from, "from");
  const b = instant(to, "to");
  if (b <= a) return 0;
  if (calendar.kind === "24x7") return b - a;
  let total = 0;
  let date = localDate(calendar, a);
  for (;;) {
    const plan = dayPlan(calendar, date);
    if (plan.start >= b) return total;
    const iv = plan.intervals;
    for (let k = 0; k < iv.length; k += 2) {
      const overlap = Math.min(iv[k + 1], b) - Math.max(iv[k], a);
      if (overlap > 0) total += overlap;
    }
    date = plan.next;
  }
}

/** Whether `at` falls inside working time (opening instant included, closing excluded). */
export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  const t = instant(at, "at");
  if (calendar.kind === "24x7") return true;
  const iv = dayPlan(calendar, localDate(calendar, t)).intervals;
  for (let k = 0; k < iv.length; k += 2) {
    if (iv[k] <= t && t < iv[k + 1]) return true;
  }
  return false;
}
