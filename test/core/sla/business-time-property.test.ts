/**
 * Properties of business-time arithmetic over seeded pseudo-random starts and durations:
 * the deadline and the elapsed-time functions are inverses, and a clock never "runs"
 * outside working time.
 */
import { describe, expect, it } from "vitest";
import { addBusinessTime, businessTimeBetween, isBusinessTime } from "../../../src/core/sla/business-time.js";
import { buildCalendar, type BusinessCalendar } from "../../../src/core/sla/calendar.js";

/** mulberry32: a tiny deterministic PRNG, so failures reproduce from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const H = 3_600_000;
const FROM = Date.parse("2025-12-01T00:00:00Z");
const SPAN = Date.parse("2026-12-31T00:00:00Z") - FROM;

const calendars: Record<string, BusinessCalendar> = {
  office: buildCalendar({ zone: "Asia/Shanghai", hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] }, holidays: "cn" }),
  newYork: buildCalendar({ zone: "America/New_York", hours: { "mon-fri": ["09:00-17:00"] }, holidays: "US" }),
  nights: buildCalendar({ zone: "America/New_York", hours: { "sat-sun": ["01:00-04:00", "22:00-24:00"], wed: ["00:00-24:00"] } }),
  listed: buildCalendar({
    zone: "Europe/London",
    hours: { "mon-thu": ["09:00-12:30", "13:15-17:45"], fri: ["10:00-15:00"] },
    holidays: ["2026-03-30", "2026-03-31", "2026-04-01"],
    extraWorkdays: ["2026-04-04"],
  }),
};

function randomCase(next: () => number): { start: Date; ms: number } {
  // Whole minutes half the time, so starts land exactly on openings and closings too.
  const raw = FROM + Math.floor(next() * SPAN);
  const start = new Date(next() < 0.5 ? raw - (raw % 60_000) : raw);
  const shape = next();
  const ms = shape < 0.1 ? 0 : shape < 0.6 ? Math.floor(next() * 10 * H) : Math.floor(next() * 120 * H);
  return { start, ms };
}

describe.each(Object.entries(calendars))("business time on %s", (name, calendar) => {
  const next = prng(0x5eed + name.length * 7919);
  const cases = Array.from({ length: 300 }, () => randomCase(next));

  it("businessTimeBetween(start, addBusinessTime(start, d)) === d", () => {
    for (const { start, ms } of cases) {
      const deadline = addBusinessTime(calendar, start, ms);
      expect({ start: start.toISOString(), ms, elapsed: businessTimeBetween(calendar, start, deadline) }).toEqual({
        start: start.toISOString(),
        ms,
        elapsed: ms,
      });
    }
  });

  it("a deadline is never before the next opening, and the clock only runs in working time", () => {
    for (const { start, ms } of cases) {
      const opening = addBusinessTime(calendar, start, 0);
      const deadline = addBusinessTime(calendar, start, ms);
      expect(opening.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(isBusinessTime(calendar, opening)).toBe(true);
      expect(businessTimeBetween(calendar, start, opening)).toBe(0);
      if (!isBusinessTime(calendar, start)) expect(opening.getTime()).toBeGreaterThan(start.getTime());
      expect(deadline.getTime()).toBeGreaterThanOrEqual(opening.getTime());
      // The last millisecond before a positive deadline is working time.
      if (ms > 0) expect(isBusinessTime(calendar, new Date(deadline.getTime() - 1))).toBe(true);
    }
  });

  it("is monotonic in the duration", () => {
    for (const { start, ms } of cases.slice(0, 100)) {
      const a = addBusinessTime(calendar, start, ms).getTime();
      const b = addBusinessTime(calendar, start, ms + 60_000).getTime();
      expect(b).toBeGreaterThan(a);
    }
  });
});

describe("bounded search", () => {
  it("gives up on a calendar whose only working days are all holidays", () => {
    const calendar = buildCalendar({ zone: "UTC", hours: { mon: ["09:00-10:00"] }, holidays: ["2026-03-02"] });
    // One hour a week: 1 h of work is found, 20 years' worth is not.
    expect(addBusinessTime(calendar, new Date("2026-03-01T00:00Z"), H).toISOString()).toBe("2026-03-09T10:00:00.000Z");
    expect(() => addBusinessTime(calendar, new Date("2026-03-01T00:00Z"), 365 * 24 * H)).toThrow(/20 years/);
  });
});
