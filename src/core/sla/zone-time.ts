/**
 * Wall-clock times in an IANA zone, mapped to instants. Working hours are wall-clock
 * ranges ("an instant is working time when the office clock shows 08:30–12:00"), so on a
 * DST day a range can be shorter or longer than its label; these helpers pin down which
 * instant a wall time means when the clock jumps.
 */
import { IANAZone } from "luxon";
import { splitIsoDate } from "./iso-date.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Which instant to take when a wall time occurs twice (the hour repeated in autumn). */
export type Occurrence = "earliest" | "latest";

function zoneOf(zone: string): IANAZone {
  // IANAZone.create memoises per name, so this is a map lookup after the first call.
  return IANAZone.create(zone);
}

/** UTC offset of the zone at an instant, in ms. */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  return zoneOf(zone).offset(epochMs) * MINUTE_MS;
}

/** The local date (`YYYY-MM-DD`) of an instant in the zone. */
export function localDateOf(zone: string, epochMs: number): string {
  return new Date(epochMs + zoneOffsetMs(zone, epochMs)).toISOString().slice(0, 10);
}

/** First instant at or after `lo` whose offset differs from the offset at `lo`. */
function transitionBetween(zone: string, lo: number, hi: number): number {
  const before = zoneOffsetMs(zone, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The instant at which the zone's clocks show `minutes` after midnight of `date`
 * (1440 = midnight ending the date). A time repeated by a DST fall-back resolves to the
 * earliest or latest occurrence as asked; a time skipped by a spring-forward resolves to
 * the instant of the jump, the first moment the clock shows a later time.
 */
export function wallTimeToInstant(zone: string, date: string, minutes: number, pick: Occurrence): number {
  const parts = splitIsoDate(date);
  if (!parts) throw new RangeError(`not a date: "${date}"`);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day) + minutes * MINUTE_MS;
  // Real zones change offset at most once in any two days, so the offsets a day either side
  // of the wall time are the only candidates.
  const candidates = [zoneOffsetMs(zone, wall - DAY_MS), zoneOffsetMs(zone, wall + DAY_MS)]
    .map((offset) => ({ offset, at: wall - offset }))
    .filter(({ offset, at }) => zoneOffsetMs(zone, at) === offset)
    .map(({ at }) => at)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return pick === "earliest" ? candidates[0] : candidates[candidates.length - 1];
  const latestGuess = wall - zoneOffsetMs(zone, wall - DAY_MS);
  const earliestGuess = wall - zoneOffsetMs(zone, wall + DAY_MS);
  return transitionBetween(zone, Math.min(earliestGuess, latestGuess), Math.max(earliestGuess, latestGuess));
}
