/**
 * The built-in SLA policy and calendars: the table of product.md ("SLA policies and
 * clocks"), which encodes the contracts summarised in domain.md.
 */
import type { BusinessHoursSpec } from "./calendar-spec.js";
import type { ClockTarget, SlaPolicy } from "./sla-types.js";

/** Name of the policy every organisation uses unless the file says otherwise. */
export const DEFAULT_POLICY_NAME = "standard";
/** The calendar that never stops. */
export const ALWAYS_ON_NAME = "24x7";
/** The built-in business-hours calendar (domain.md: 5×8 with a lunch break). */
export const BUSINESS_NAME = "business";

/** Mon–Fri 08:30–12:00 and 13:30–18:00 in the policy file's time zone, no holidays unless configured. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessHoursSpec = {
  hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] },
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const always = (targetMs: number): ClockTarget => ({ targetMs, calendar: ALWAYS_ON_NAME });
const office = (targetMs: number): ClockTarget => ({ targetMs, calendar: BUSINESS_NAME });

/** product.md's table: 24×7 unless noted; P4 response and resolve on business hours. */
export const DEFAULT_POLICY: SlaPolicy = {
  P1: { response: always(20 * MIN), update: always(60 * MIN), restore: always(3 * HOUR), resolve: always(3 * DAY), report: always(5 * DAY) },
  P2: { response: always(20 * MIN), restore: always(8 * HOUR), resolve: always(3 * DAY), report: always(5 * DAY) },
  P3: { response: always(20 * MIN), restore: always(24 * HOUR), resolve: always(7 * DAY) },
  P4: { response: office(30 * MIN), resolve: office(7 * DAY) },
};

/** Defaults of the `sla:`, `digest:` settings. */
export const DEFAULT_SLA_SETTINGS = {
  repeatEveryMs: 30 * MIN,
  maxRepeats: 5,
  reportAfterOutageMs: 60 * MIN,
  digestAtMinutes: 9 * 60,
} as const;

/** The portfolio goal of domain.md: solution for 80 % within 3 days and 100 % within 7 days. */
export const PORTFOLIO_GOAL = { firstShare: 0.8, firstWithinMs: 3 * DAY, allWithinMs: 7 * DAY } as const;
