/**
 * Local days and months in the policy time zone: when the daily digest goes out, what
 * "yesterday" means for it, and which instants a monthly report covers.
 */
import { addIsoDays } from "./iso-date.js";
import { localDateOf, wallTimeToInstant } from "./zone-time.js";

/** The first instant after `after` at which the zone's clocks show `minutes` after midnight. */
export function nextLocalTime(zone: string, after: Date, minutes: number): Date {
  let date = localDateOf(zone, after.getTime());
  for (let i = 0; i < 3; i++) {
    const at = wallTimeToInstant(zone, date, minutes, "earliest");
    if (at > after.getTime()) return new Date(at);
    date = addIsoDays(date, 1);
  }
  throw new Error(`no local time ${minutes} min after ${after.toISOString()} in ${zone}`);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDay(zone: string, at: Date): string {
  return localDateOf(zone, at.getTime());
}

/** The instants `[from, to)` of a local date. */
export function dayBounds(zone: string, date: string): { from: Date; to: Date } {
  return {
    from: new Date(wallTimeToInstant(zone, date, 0, "earliest")),
    to: new Date(wallTimeToInstant(zone, addIsoDays(date, 1), 0, "earliest")),
  };
}

/** `2026-11` for an instant. */
export function localMonth(zone: string, at: Date): string {
  return localDay(zone, at).slice(0, 7);
}

/** The instants `[from, to)` of a month written `YYYY-MM`. */
export function monthBounds(zone: string, month: string): { from: Date; to: Date } {
  const [year, m] = month.split("-").map(Number);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
  return {
    from: new Date(wallTimeToInstant(zone, `${month}-01`, 0, "earliest")),
    to: new Date(wallTimeToInstant(zone, `${next}-01`, 0, "earliest")),
  };
}

/** Parse `HH:MM` into minutes after midnight, or undefined. */
export function parseLocalTime(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h <= 23 && m <= 59 ? h * 60 + m : undefined;
}
