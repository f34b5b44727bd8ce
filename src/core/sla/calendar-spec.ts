/**
 * The `calendars:` entries of the policy file: `24x7`, or working hours in a time zone
 * with holidays and extra working dates. Validation only; `calendar.ts` compiles a spec.
 * Issue paths are relative to the calendar so the config loader can prefix its own.
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import { isKnownHolidaySet } from "./holiday-sets.js";
import { isIsoDate } from "./iso-date.js";

/** Day keys in the order the week runs (index 0 = Monday). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** One day key of the `hours:` map. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Working time within a local day in minutes after midnight; `end` is exclusive and ≤ 1440. */
export interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const TIME_RANGE_RE = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;
const DAY_LIST = WEEKDAYS.join(", ");

function minutesOf(h: string, m: string, isEnd: boolean): number | undefined {
  const [hours, minutes] = [Number(h), Number(m)];
  if (minutes > 59) return undefined;
  // 24:00 closes a day that runs to midnight; as a start it would belong to the next day.
  if (hours === 24 && minutes === 0 && isEnd) return 1440;
  return hours <= 23 ? hours * 60 + minutes : undefined;
}

/** Parse `"08:30-12:00"` (24:00 allowed as an end) into minutes after midnight. */
export function parseTimeRange(text: string): Parsed<MinuteRange> {
  const match = TIME_RANGE_RE.exec(text.trim());
  if (!match) return { ok: false, error: `expected HH:MM-HH:MM, got "${text}"` };
  const start = minutesOf(match[1], match[2], false);
  const end = minutesOf(match[3], match[4], true);
  if (start === undefined || end === undefined) {
    return { ok: false, error: `"${text}" is not a time of day (00:00 to 23:59, or 24:00 as an end)` };
  }
  if (start >= end) {
    return { ok: false, error: `"${text}" must start before it ends (use 00:00-24:00 for a whole day)` };
  }
  return { ok: true, value: { start, end } };
}

/** Parse a day key: one day (`sat`) or a range (`mon-fri`; `fri-mon` wraps over the weekend). */
export function parseDayKey(key: string): Parsed<number[]> {
  const [from, to, extra] = key.trim().toLowerCase().split("-");
  const a = WEEKDAYS.indexOf(from as Weekday);
  const b = to === undefined ? a : WEEKDAYS.indexOf(to as Weekday);
  if (extra !== undefined || a < 0 || b < 0) {
    return { ok: false, error: `unknown day "${key}": use ${DAY_LIST} or a range such as mon-fri` };
  }
  const length = ((b - a + 7) % 7) + 1;
  return { ok: true, value: Array.from({ length }, (_, i) => (a + i) % 7) };
}

/** Format minutes after midnight as HH:MM, for messages. */
function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const timeRangeSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseTimeRange(text);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
});

const isoDateSchema = z.string().refine(isIsoDate, {
  error: (iss) => `expected a date YYYY-MM-DD, got "${String(iss.input)}"`,
});

const zoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  error: (iss) => `unknown time zone "${String(iss.input)}": use an IANA name such as Asia/Shanghai`,
});

const holidaySetSchema = z.string().refine(isKnownHolidaySet, {
  error: (iss) =>
    `unknown holiday set "${String(iss.input)}": use "cn" or a country code known to date-holidays ` +
    `such as US, DE or GB (optionally with a region, e.g. US-CA), or a list of dates`,
});

const NOT_HOLIDAYS = "expected a holiday set such as cn or US, or a list of dates";
const holidaysSchema = z.union([holidaySetSchema, z.array(isoDateSchema)], {
  error: (iss) => (iss.code === "invalid_union" ? NOT_HOLIDAYS : undefined),
});

/** Every day's ranges, from valid keys and ranges only; rejected entries are skipped here. */
export function weekFromHours(hours: Readonly<Record<string, readonly string[]>>): MinuteRange[][] {
  const week: MinuteRange[][] = WEEKDAYS.map(() => []);
  for (const [key, texts] of Object.entries(hours)) {
    const days = parseDayKey(key);
    if (!days.ok) continue;
    const ranges = texts.map(parseTimeRange).flatMap((r) => (r.ok ? [r.value] : []));
    for (const day of days.value) week[day].push(...ranges);
  }
  for (const ranges of week) ranges.sort((x, y) => x.start - y.start);
  return week;
}

function checkDayKeys(hours: Record<string, string[]>, ctx: z.RefinementCtx): void {
  const owner = new Map<number, string>();
  for (const key of Object.keys(hours)) {
    const days = parseDayKey(key);
    if (!days.ok) {
      ctx.addIssue({ code: "custom", path: [key], message: days.error });
      continue;
    }
    for (const day of days.value) {
      const first = owner.get(day);
      if (first !== undefined) {
        const message = `${WEEKDAYS[day]} is given twice ("${first}" and "${key}")`;
        ctx.addIssue({ code: "custom", path: [key], message });
      } else owner.set(day, key);
    }
  }
}

function checkOverlaps(hours: Record<string, string[]>, ctx: z.RefinementCtx): void {
  for (const [key, texts] of Object.entries(hours)) {
    const ranges = texts.map(parseTimeRange).flatMap((r) => (r.ok ? [r.value] : []));
    ranges.sort((x, y) => x.start - y.start);
    for (let i = 1; i < ranges.length; i++) {
      const [prev, cur] = [ranges[i - 1], ranges[i]];
      if (cur.start < prev.end) {
        const message = `${hhmm(prev.start)}-${hhmm(prev.end)} overlaps ${hhmm(cur.start)}-${hhmm(cur.end)}`;
        ctx.addIssue({ code: "custom", path: [key], message });
      }
    }
  }
}

const hoursSchema = z.record(z.string(), z.array(timeRangeSchema)).superRefine((hours, ctx) => {
  checkDayKeys(hours, ctx);
  checkOverlaps(hours, ctx);
  if (weekFromHours(hours).every((ranges) => ranges.length === 0)) {
    ctx.addIssue({
      code: "custom",
      message: 'no working hours: give at least one day a range such as mon-fri: ["09:00-17:00"], or use 24x7',
    });
  }
});

/** Zod schema of a business-hours calendar (the object form). */
export const businessHoursSpecSchema = z.strictObject({
  /** IANA zone; when absent the policy file's top-level `timezone` applies. */
  zone: zoneSchema.optional(),
  hours: hoursSchema,
  holidays: holidaysSchema.optional(),
  extraWorkdays: z.array(isoDateSchema).optional(),
});

/** A business-hours calendar as written in the policy file. */
export type BusinessHoursSpec = z.infer<typeof businessHoursSpecSchema>;
/** A calendar as written in the policy file. */
export type CalendarSpec = "24x7" | BusinessHoursSpec;

const NOT_A_CALENDAR = 'expected "24x7" or an object with zone, hours, holidays, extraWorkdays';

/**
 * Zod schema of one entry of `calendars:` in the policy file: the string `24x7` or a
 * business-hours object. Embed it in the policy schema; paths in its issues start at the
 * calendar (`hours.mon-fri.0`), so the loader's prefix makes them full paths.
 * It dispatches on the input's type rather than using z.union, because a union hides
 * every nested issue behind "Invalid input" as soon as one field has the wrong type.
 */
export const calendarSpecSchema = z.unknown().transform((input, ctx): CalendarSpec => {
  if (input === "24x7") return input;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    ctx.addIssue({ code: "custom", message: `${NOT_A_CALENDAR}, got ${JSON.stringify(input) ?? typeof input}` });
    return z.NEVER;
  }
  const result = businessHoursSpecSchema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  return z.NEVER;
});
