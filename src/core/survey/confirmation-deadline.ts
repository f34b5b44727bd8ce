import { dayPlan, localDate, type BusinessCalendar } from "../sla/calendar.js";
import { addIsoDays } from "../sla/iso-date.js";
import { localDateOf, wallTimeToInstant } from "../sla/zone-time.js";

// A calendar without any working day within a year is a configuration error, not a reason
// to keep an incident open forever.
const MAX_DAYS = 366;

/**
 * When an unanswered resolution confirmation counts as confirmed: the end of the next
 * working day after `at` on the organisation's calendar (domain.md: "if the customer does
 * not confirm by the next working day, it counts as confirmed"). Weekends, public holidays
 * and lunch breaks are skipped by the calendar; the day ends when its last working interval
 * ends. On a 24×7 calendar every day is a working day, so it is the end of tomorrow in `zone`.
 */
export function endOfNextWorkingDay(calendar: BusinessCalendar, at: Date, zone: string): Date {
  if (calendar.kind === "24x7") {
    const today = localDateOf(zone, at.getTime());
    return new Date(wallTimeToInstant(zone, addIsoDays(today, 2), 0, "earliest"));
  }
  let date = addIsoDays(localDate(calendar, at.getTime()), 1);
  for (let day = 0; day < MAX_DAYS; day++) {
    const plan = dayPlan(calendar, date);
    if (plan.intervals.length > 0) return new Date(plan.intervals[plan.intervals.length - 1]);
    date = plan.next;
  }
  throw new Error(`calendar in ${calendar.zone} has no working day within ${MAX_DAYS} days of ${at.toISOString()}`);
}
