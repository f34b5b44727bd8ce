import { describe, expect, it } from "vitest";
import { calendarSpecSchema, parseDayKey, parseTimeRange } from "../../../src/core/sla/calendar-spec.js";

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = calendarSpecSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

const base = { zone: "Asia/Shanghai", hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] } };

describe("calendarSpecSchema accepts", () => {
  it.each([
    ["24x7", "24x7"],
    ["the office calendar", { ...base, holidays: "cn" }],
    ["a country set", { ...base, holidays: "US" }],
    ["a country set in lower case", { ...base, holidays: "gb" }],
    ["a country with a region", { ...base, holidays: "DE-BY" }],
    ["a list of dates", { ...base, holidays: ["2026-10-01"], extraWorkdays: ["2026-09-28"] }],
    ["no zone (the file's default applies)", { hours: { sat: ["09:00-12:00"] } }],
    ["a whole day", { zone: "America/New_York", hours: { "mon-sun": ["00:00-24:00"] } }],
    ["a range wrapping the weekend", { ...base, hours: { "fri-mon": ["09:00-17:00"] } }],
    ["adjacent ranges", { ...base, hours: { mon: ["08:00-12:00", "12:00-13:00"] } }],
  ])("%s", (_name, input) => {
    expect(issuesOf(input)).toEqual([]);
  });
});

describe("calendarSpecSchema rejects", () => {
  it.each([
    ["a malformed range", { ...base, hours: { "mon-fri": ["08:30-12"] } }, "hours.mon-fri.0", 'expected HH:MM-HH:MM, got "08:30-12"'],
    ["an impossible hour", { ...base, hours: { mon: ["25:00-26:00"] } }, "hours.mon.0", "is not a time of day"],
    ["an impossible minute", { ...base, hours: { mon: ["08:60-09:00"] } }, "hours.mon.0", "is not a time of day"],
    ["24:00 as a start", { ...base, hours: { mon: ["24:00-24:00"] } }, "hours.mon.0", "is not a time of day"],
    ["a backwards range", { ...base, hours: { mon: ["12:00-08:30"] } }, "hours.mon.0", "must start before it ends"],
    ["an unknown day key", { ...base, hours: { mond: ["09:00-17:00"] } }, "hours.mond", 'unknown day "mond"'],
    ["a bad day range", { ...base, hours: { "mon-friday": ["09:00-17:00"] } }, "hours.mon-friday", "unknown day"],
    ["a day given twice", { ...base, hours: { "mon-fri": ["09:00-12:00"], fri: ["13:00-17:00"] } }, "hours.fri", 'fri is given twice ("mon-fri" and "fri")'],
    ["overlapping ranges", { ...base, hours: { mon: ["08:00-12:00", "11:00-13:00"] } }, "hours.mon", "08:00-12:00 overlaps 11:00-13:00"],
    ["empty hours", { ...base, hours: {} }, "hours", "no working hours"],
    ["only empty days", { ...base, hours: { sat: [], sun: [] } }, "hours", "no working hours"],
    ["an unknown holiday set", { ...base, holidays: "narnia" }, "holidays", 'unknown holiday set "narnia"'],
    ["an unknown country code", { ...base, holidays: "XX" }, "holidays", 'unknown holiday set "XX"'],
    ["an unknown region", { ...base, holidays: "US-ZZ" }, "holidays", 'unknown holiday set "US-ZZ"'],
    ["a holiday that is not a date", { ...base, holidays: ["2026-02-30"] }, "holidays.0", 'expected a date YYYY-MM-DD, got "2026-02-30"'],
    ["holidays of the wrong type", { ...base, holidays: 2026 }, "holidays", "expected a holiday set such as cn or US, or a list of dates"],
    ["a bad extra workday", { ...base, extraWorkdays: ["28/09/2026"] }, "extraWorkdays.0", "expected a date YYYY-MM-DD"],
    ["an unknown zone", { ...base, zone: "Mars/Olympus" }, "zone", 'unknown time zone "Mars/Olympus"'],
    ["an unknown key", { ...base, timezone: "Asia/Shanghai" }, "", "timezone"],
    ["missing hours", { zone: "Asia/Shanghai" }, "hours", ""],
    ["another string", "24/7", "", 'expected "24x7" or an object'],
  ])("%s", (_name, input, path, message) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});

describe("parseTimeRange", () => {
  it("reads minutes after midnight", () => {
    expect(parseTimeRange("08:30-12:00")).toEqual({ ok: true, value: { start: 510, end: 720 } });
    expect(parseTimeRange("00:00-24:00")).toEqual({ ok: true, value: { start: 0, end: 1440 } });
    expect(parseTimeRange("9:00 - 17:30")).toEqual({ ok: true, value: { start: 540, end: 1050 } });
  });
});

describe("parseDayKey", () => {
  it("expands single days and ranges, Monday = 0", () => {
    expect(parseDayKey("sat")).toEqual({ ok: true, value: [5] });
    expect(parseDayKey("mon-fri")).toEqual({ ok: true, value: [0, 1, 2, 3, 4] });
    expect(parseDayKey("Fri-Mon")).toEqual({ ok: true, value: [4, 5, 6, 0] });
    expect(parseDayKey("mon-sun")).toEqual({ ok: true, value: [0, 1, 2, 3, 4, 5, 6] });
    expect(parseDayKey("weekdays").ok).toBe(false);
  });
});
