import { localDay } from "../../core/sla/local-time.js";
import { holidayGaps } from "../../core/sla/risk.js";
import type { AppContext } from "../app-context.js";

/**
 * Warn at start about calendars whose holiday data does not cover this year and the next
 * (product.md), so nobody's SLA silently counts a public holiday as a working day.
 */
export function warnHolidayGaps(ctx: AppContext): void {
  const year = Number(localDay(ctx.policy.timezone, ctx.clock.now()).slice(0, 4));
  for (const gap of holidayGaps(ctx.policy.sla.calendars, year)) {
    ctx.logger.warn({ calendar: gap.calendar, holidays: gap.source, years: gap.years }, "calendar has no holiday data for these years; holidays would count as working days");
  }
}
