/**
 * Durations as written in the policy file (`90s`, `20m`, `3h`, `5d`) and as shown to people
 * ("1h 20m"). A day is always 24 h: on a business calendar `5d` is 120 h of business time,
 * because the contracts state targets in clock units, not in working days.
 */

import { z } from "zod";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Longest accepted duration: beyond a year a target is a typo, not a contract term. */
export const MAX_DURATION_MS = 365 * UNIT_MS.d;

const DURATION_RE = /^(\d+)\s*([smhd])$/;
const EXAMPLES = "like 90s, 20m, 3h or 5d";

/** The outcome of {@link tryParseDuration}: milliseconds, or a message that says what is wrong. */
export type DurationParse = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Parse a duration such as `90s`, `20m`, `3h` or `5d` into milliseconds, without throwing.
 * Only a whole positive number followed by one lower-case unit is accepted, so `1.5h`,
 * `1h30m` and `20M` (minutes or months?) are refused with a hint instead of being guessed.
 */
export function tryParseDuration(text: string): DurationParse {
  const trimmed = text.trim();
  const match = DURATION_RE.exec(trimmed);
  if (!match) {
    const error = `invalid duration "${text}": expected a whole number and a unit (s, m, h, d), ${EXAMPLES}`;
    return { ok: false, error };
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] as Unit];
  if (ms === 0) return { ok: false, error: `invalid duration "${text}": must be greater than zero` };
  if (ms > MAX_DURATION_MS) return { ok: false, error: `invalid duration "${text}": must be at most 365d` };
  return { ok: true, ms };
}

/**
 * Parse a duration such as `90s`, `20m`, `3h` or `5d` into milliseconds.
 * @throws RangeError with a message naming the bad text and the accepted forms.
 */
export function parseDuration(text: string): number {
  const result = tryParseDuration(text);
  if (!result.ok) throw new RangeError(result.error);
  return result.ms;
}

/**
 * Format milliseconds for people: the largest non-zero unit and, when not zero, the next
 * smaller one ("2d 3h", "1h 20m", "45m", "45m 30s"). Smaller units are dropped (rounded
 * down) because a countdown that claims more precision than it has reads as noise in chat.
 * Negative values get a leading "-" (an overdue clock); anything under a second is "0s".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format duration ${ms}`);
  const sign = ms < 0 ? "-" : "";
  let rest = Math.floor(Math.abs(ms) / UNIT_MS.s) * UNIT_MS.s;
  const parts: { unit: Unit; value: number }[] = [];
  for (const unit of ["d", "h", "m", "s"] as const) {
    parts.push({ unit, value: Math.floor(rest / UNIT_MS[unit]) });
    rest %= UNIT_MS[unit];
  }
  const first = parts.findIndex((p) => p.value > 0);
  if (first < 0) return "0s";
  const shown = parts.slice(first, first + 2).filter((p) => p.value > 0);
  return sign + shown.map((p) => `${p.value}${p.unit}`).join(" ");
}

/**
 * Zod schema for a duration in the policy file: accepts the text form and outputs
 * milliseconds, so the config loader reports a bad duration with its path in the file.
 */
export const durationSchema = z.string().transform((text, ctx) => {
  const result = tryParseDuration(text);
  if (result.ok) return result.ms;
  ctx.addIssue({ code: "custom", message: result.error });
  return z.NEVER;
});
