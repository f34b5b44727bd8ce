/**
 * Which running clocks are at risk (75 % of their target or more) or overdue: the test behind
 * `/incident list at-risk|overdue` and the digest's "clocks at risk".
 */
import type { BusinessCalendar } from "./calendar.js";
import type { ClockView } from "./clocks.js";
import { holidayCoverage } from "./calendar.js";
import { WARNING_SHARE } from "./sla-types.js";

/** A clock that has not stopped and has used at least 75 % of its target. */
export interface ClockRisk {
  readonly view: ClockView;
  /** elapsed / target. */
  readonly share: number;
  readonly overdue: boolean;
}

/** The clocks of an incident at risk or overdue, most used first. */
export function clockRisks(views: readonly ClockView[]): ClockRisk[] {
  return views
    .filter((v) => v.stoppedAt === undefined)
    .map((view) => ({ view, share: view.elapsedMs / view.target.targetMs, overdue: view.elapsedMs >= view.target.targetMs }))
    .filter((r) => r.share >= WARNING_SHARE)
    .sort((a, b) => b.share - a.share);
}

/** A calendar whose holiday data misses some of the years that matter now. */
export interface HolidayGap {
  readonly calendar: string;
  /** "cn", "US", "list"… */
  readonly source: string;
  readonly years: readonly number[];
}

/**
 * Calendars whose holidays are unknown for `year` or the next (chinese-days 1.5.7 stops at
 * 2026), so nobody's SLA silently counts a public holiday as a working day.
 */
export function holidayGaps(calendars: Readonly<Record<string, BusinessCalendar>>, year: number): HolidayGap[] {
  const gaps: HolidayGap[] = [];
  for (const [name, calendar] of Object.entries(calendars)) {
    const missing = [year, year + 1].map((y) => holidayCoverage(calendar, y)).filter((c) => !c.covered);
    if (missing.length) gaps.push({ calendar: name, source: missing[0].label, years: missing.map((c) => c.year) });
  }
  return gaps;
}
