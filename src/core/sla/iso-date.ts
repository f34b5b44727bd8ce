/**
 * Calendar dates as `YYYY-MM-DD` strings. Day arithmetic is done on the proleptic UTC
 * calendar because a date has no time zone: stepping from one local date to the next
 * must never be disturbed by a DST change or by the process's own TZ.
 */

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Split a `YYYY-MM-DD` string into numbers (month 1–12), or undefined if it is not a real date. */
export function splitIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE_RE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC silently rolls 2026-02-30 over to March; comparing back catches it.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

/** Whether the text is a real date written `YYYY-MM-DD` (so `2026-02-30` is not). */
export function isIsoDate(text: string): boolean {
  return splitIsoDate(text) !== undefined;
}

function epochDay(iso: string): number {
  const parts = splitIsoDate(iso);
  if (!parts) throw new RangeError(`not a date: "${iso}" (expected YYYY-MM-DD)`);
  return Date.UTC(parts.year, parts.month - 1, parts.day) / DAY_MS;
}

/** The date `days` days after `iso` (negative goes back). */
export function addIsoDays(iso: string, days: number): string {
  return new Date((epochDay(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a date, 0 = Monday … 6 = Sunday (the order of the policy file's keys). */
export function isoWeekdayIndex(iso: string): number {
  const sundayFirst = new Date(epochDay(iso) * DAY_MS).getUTCDay();
  return (sundayFirst + 6) % 7;
}
