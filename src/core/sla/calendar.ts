/**
 * Compiled business calendars: which instants of a local date are working time.
 * A compiled calendar memoises each date's working intervals as epoch milliseconds, because
 * the SLA sweeper asks the same few dates thousands of times per tick.
 */
import { IANAZone } from "luxon";
import { calendarSpecSchema, weekFromHours, type CalendarSpec, type MinuteRange } from "./calendar-spec.js";
import { holidaySource, type HolidaySource, type HolidaySourceKind } from "./holiday-sets.js";
import { addIsoDays, isoWeekdayIndex } from "./iso-date.js";
import { localDateOf, wallTimeToInstant } from "./zone-time.js";

/** A clock that never stops: business time is elapsed time. */
export interface AlwaysOnCalendar {
  readonly kind: "24x7";
}

/** One local date's working time: its first instant and its intervals as `[start, end)` pairs. */
export interface DayPlan {
  /** Epoch ms of the date's first instant (local midnight, or the first valid instant after it). */
  readonly start: number;
  /** Epoch ms, flattened `[s0, e0, s1, e1, …]`, sorted, non-overlapping, non-empty intervals. */
  readonly intervals: readonly number[];
  /** The following date, kept here so walking the calendar does no date arithmetic. */
  readonly next: string;
}

/** Working hours in a time zone, with holidays and extra working dates. */
export interface WorkingHoursCalendar {
  readonly kind: "hours";
  readonly zone: string;
  /** Ranges per weekday, index 0 = Monday. */
  readonly week: readonly (readonly MinuteRange[])[];
  /** Hours of an extra or moved working day that falls on a day not normally worked. */
  readonly standardDay: readonly MinuteRange[];
  readonly holidays: HolidaySource;
  readonly extraWorkdays: ReadonlySet<string>;
  /** Memo of {@link dayPlan}, keyed by local ISO date (the zone is fixed per calendar). */
  readonly plans: Map<string, DayPlan>;
}

/** A compiled calendar, ready for business-time arithmetic. */
export type BusinessCalendar = AlwaysOnCalendar | WorkingHoursCalendar;

/** The 24×7 calendar. */
export const ALWAYS_ON: AlwaysOnCalendar = Object.freeze({ kind: "24x7" });

/** Whether a year's holidays are known for a calendar; see {@link holidayCoverage}. */
export interface HolidayCoverage {
  readonly year: number;
  readonly covered: boolean;
  /** `none` for 24x7 or a calendar without holidays (nothing to be missing). */
  readonly source: HolidaySourceKind;
  /** "cn", "US", "DE-BY", "list" or "none", for the warning text. */
  readonly label: string;
}

// Memo bound: a few years of dates per calendar is far more than sweeps and reports touch.
const MAX_PLANS = 4_000;

/**
 * Compile a calendar spec (validated again here, so raw objects are safe to pass).
 * @param defaultZone the policy file's `timezone`, used when the spec has no `zone`.
 * @throws Error listing every problem when the spec is invalid or no zone is known.
 */
export function buildCalendar(spec: CalendarSpec, defaultZone?: string): BusinessCalendar {
  const parsed = calendarSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message);
    throw new Error(`invalid calendar: ${problems.join("; ")}`);
  }
  const value = parsed.data;
  if (value === "24x7") return ALWAYS_ON;
  const zone = value.zone ?? defaultZone;
  if (!zone || !IANAZone.isValidZone(zone)) {
    throw new Error(`calendar needs a valid time zone: set zone: or the top-level timezone (got "${zone ?? ""}")`);
  }
  const week = weekFromHours(value.hours);
  const standardDay = week.slice(0, 5).find((r) => r.length > 0) ?? week.find((r) => r.length > 0) ?? [];
  return {
    kind: "hours",
    zone,
    week,
    standardDay,
    holidays: holidaySource(value.holidays),
    extraWorkdays: new Set(value.extraWorkdays ?? []),
    plans: new Map(),
  };
}

/**
 * The working ranges of a local date, in minutes. Precedence: an `extraWorkdays` date is
 * worked even if it is a holiday (the organisation's own word wins); then holidays; then
 * moved working days (调休); then the weekly hours. A worked weekend date, or a weekday
 * with no hours of its own, gets the standard day's hours (the first of mon–fri that has
 * any), because a 调休 Saturday is a full working day, not the short Saturday some keep.
 */
export function workingRangesOn(calendar: WorkingHoursCalendar, date: string): readonly MinuteRange[] {
  const weekday = isoWeekdayIndex(date);
  const own = calendar.week[weekday];
  const extra = calendar.extraWorkdays.has(date);
  if (!extra && calendar.holidays.isHoliday(date)) return [];
  if (extra || calendar.holidays.isMovedWorkday(date)) {
    return weekday < 5 && own.length > 0 ? own : calendar.standardDay;
  }
  return own;
}

function toInstants(zone: string, date: string, ranges: readonly MinuteRange[]): number[] {
  // A range opens at the first moment the clock shows its start and closes at the last
  // moment it shows its end, so a range spanning the repeated autumn hour gets all of it.
  const pairs = ranges
    .map((r) => [wallTimeToInstant(zone, date, r.start, "earliest"), wallTimeToInstant(zone, date, r.end, "latest")])
    .filter(([start, end]) => end > start) // wholly inside a skipped hour: never on the clock
    .sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of pairs) {
    const last = out.length - 1;
    if (out.length > 0 && start <= out[last]) out[last] = Math.max(out[last], end);
    else out.push(start, end);
  }
  return out;
}

/** The working intervals of a local date as instants, memoised on the calendar. */
export function dayPlan(calendar: WorkingHoursCalendar, date: string): DayPlan {
  const cached = calendar.plans.get(date);
  if (cached) return cached;
  const plan: DayPlan = {
    start: wallTimeToInstant(calendar.zone, date, 0, "earliest"),
    intervals: toInstants(calendar.zone, date, workingRangesOn(calendar, date)),
    next: addIsoDays(date, 1),
  };
  if (calendar.plans.size >= MAX_PLANS) calendar.plans.clear();
  calendar.plans.set(date, plan);
  return plan;
}

/** The local date (`YYYY-MM-DD`) of an instant in the calendar's zone. */
export function localDate(calendar: WorkingHoursCalendar, epochMs: number): string {
  return localDateOf(calendar.zone, epochMs);
}

/**
 * Whether the calendar's holiday data covers a year, so the bot can warn at start and in
 * the daily digest instead of silently counting a public holiday as a working day.
 * A built-in set covers a year when it has holidays for it (chinese-days 1.5.7 stops at
 * 2026); a list covers a year when it names at least one date in it.
 */
export function holidayCoverage(calendar: BusinessCalendar, year: number): HolidayCoverage {
  if (calendar.kind === "24x7") return { year, covered: true, source: "none", label: "none" };
  const { kind, label } = calendar.holidays;
  return { year, covered: calendar.holidays.coversYear(year), source: kind, label };
}
