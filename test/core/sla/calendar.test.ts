/**
 * Hand-computed business-time cases. Every expected instant below was worked out on paper
 * from the calendar (weekdays of 2026: Jan 1 is a Thursday, Mar 1 a Sunday, Jul 1 a
 * Wednesday, Sep 1 a Tuesday, Oct 1 a Thursday, Nov 1 a Sunday) and the holiday tables
 * (chinese-days 1.5.7: National Day Oct 1–7, worked Sun Sep 20 and Sat Oct 10;
 * Mid-autumn Sep 25–27; US 2026: Independence Day observed Fri Jul 3, Thanksgiving Nov 26).
 */
import { describe, expect, it } from "vitest";
import { addBusinessTime, businessTimeBetween, isBusinessTime } from "../../../src/core/sla/business-time.js";
import { ALWAYS_ON, buildCalendar, type BusinessCalendar } from "../../../src/core/sla/calendar.js";

const M = 60_000;
const H = 60 * M;

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

const office = buildCalendar({
  zone: "Asia/Shanghai",
  hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] },
  holidays: "cn",
});
const listed = buildCalendar({
  zone: "Asia/Shanghai",
  hours: { "mon-fri": ["09:00-17:00"] },
  holidays: ["2026-03-11"],
  extraWorkdays: ["2026-03-14"],
});
const officeWithExtra = buildCalendar({
  zone: "Asia/Shanghai",
  hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] },
  holidays: "cn",
  extraWorkdays: ["2026-10-02"],
});
const shortSaturdays = buildCalendar({
  zone: "Asia/Shanghai",
  hours: { "mon-fri": ["09:00-18:00"], sat: ["09:00-12:00"] },
  holidays: "cn",
});
const newYork = buildCalendar({ zone: "America/New_York", hours: { "mon-fri": ["09:00-17:00"] }, holidays: "US" });
const newYorkAllDay = buildCalendar({ zone: "America/New_York", hours: { "mon-sun": ["00:00-24:00"] } });
const newYorkSundayNight = buildCalendar({ zone: "America/New_York", hours: { sun: ["01:00-04:00"] } });
const newYorkSkipped = buildCalendar({ zone: "America/New_York", hours: { sun: ["02:30-03:30"] } });

interface DeadlineCase {
  name: string;
  calendar: BusinessCalendar;
  start: string;
  ms: number;
  expected: string;
}

const deadlines: DeadlineCase[] = [
  { name: "inside a morning", calendar: office, start: "2026-03-10T09:00+08:00", ms: 2 * H, expected: "2026-03-10T11:00+08:00" },
  { name: "across lunch", calendar: office, start: "2026-03-10T11:00+08:00", ms: 2 * H, expected: "2026-03-10T14:30+08:00" },
  { name: "ends exactly at noon", calendar: office, start: "2026-03-10T11:00+08:00", ms: 1 * H, expected: "2026-03-10T12:00+08:00" },
  { name: "ends exactly at closing", calendar: office, start: "2026-03-10T08:30+08:00", ms: 8 * H, expected: "2026-03-10T18:00+08:00" },
  { name: "started during lunch", calendar: office, start: "2026-03-10T12:30+08:00", ms: 30 * M, expected: "2026-03-10T14:00+08:00" },
  { name: "started at noon sharp", calendar: office, start: "2026-03-10T12:00+08:00", ms: 10 * M, expected: "2026-03-10T13:40+08:00" },
  { name: "across a night", calendar: office, start: "2026-03-10T17:00+08:00", ms: 2 * H, expected: "2026-03-11T09:30+08:00" },
  { name: "started at night", calendar: office, start: "2026-03-10T20:00+08:00", ms: 30 * M, expected: "2026-03-11T09:00+08:00" },
  { name: "across a weekend", calendar: office, start: "2026-03-06T17:00+08:00", ms: 3 * H, expected: "2026-03-09T10:30+08:00" },
  { name: "zero on a Saturday = Monday opening", calendar: office, start: "2026-03-07T10:00+08:00", ms: 0, expected: "2026-03-09T08:30+08:00" },
  { name: "zero inside hours = start", calendar: office, start: "2026-03-10T10:00+08:00", ms: 0, expected: "2026-03-10T10:00+08:00" },
  { name: "5d = 120 h = 15 working days", calendar: office, start: "2026-03-02T08:30+08:00", ms: 120 * H, expected: "2026-03-20T18:00+08:00" },
  { name: "over National Day golden week", calendar: office, start: "2026-09-30T17:00+08:00", ms: 2 * H, expected: "2026-10-08T09:30+08:00" },
  { name: "onto the worked Sunday Sep 20", calendar: office, start: "2026-09-18T17:00+08:00", ms: 2 * H, expected: "2026-09-20T09:30+08:00" },
  { name: "onto the worked Saturday Oct 10", calendar: office, start: "2026-10-09T17:00+08:00", ms: 2 * H, expected: "2026-10-10T09:30+08:00" },
  { name: "over Mid-autumn Sep 25–27", calendar: office, start: "2026-09-24T17:00+08:00", ms: 2 * H, expected: "2026-09-28T09:30+08:00" },
  { name: "extraWorkdays beats a cn holiday", calendar: officeWithExtra, start: "2026-09-30T17:00+08:00", ms: 2 * H, expected: "2026-10-02T09:30+08:00" },
  { name: "worked Saturday gets the full weekday hours", calendar: shortSaturdays, start: "2026-10-09T17:00+08:00", ms: 5 * H, expected: "2026-10-10T13:00+08:00" },
  { name: "listed holiday skipped", calendar: listed, start: "2026-03-10T16:00+08:00", ms: 2 * H, expected: "2026-03-12T10:00+08:00" },
  { name: "listed extra Saturday worked", calendar: listed, start: "2026-03-13T16:00+08:00", ms: 2 * H, expected: "2026-03-14T10:00+08:00" },
  { name: "US: Independence Day observed Fri Jul 3", calendar: newYork, start: "2026-07-02T16:00-04:00", ms: 2 * H, expected: "2026-07-06T10:00-04:00" },
  { name: "US: Thanksgiving Thu Nov 26", calendar: newYork, start: "2026-11-25T16:00-05:00", ms: 2 * H, expected: "2026-11-27T10:00-05:00" },
  { name: "NY weekend with spring-forward", calendar: newYork, start: "2026-03-06T16:00-05:00", ms: 2 * H, expected: "2026-03-09T10:00-04:00" },
  { name: "NY weekend with fall-back", calendar: newYork, start: "2026-10-30T16:00-04:00", ms: 2 * H, expected: "2026-11-02T10:00-05:00" },
  { name: "all-day calendar over spring-forward = 24 real hours", calendar: newYorkAllDay, start: "2026-03-07T12:00-05:00", ms: 24 * H, expected: "2026-03-08T13:00-04:00" },
  { name: "all-day calendar over fall-back = 24 real hours", calendar: newYorkAllDay, start: "2026-10-31T12:00-04:00", ms: 24 * H, expected: "2026-11-01T11:00-05:00" },
  { name: "range spanning the skipped hour", calendar: newYorkSundayNight, start: "2026-03-08T01:30-05:00", ms: 1 * H, expected: "2026-03-08T03:30-04:00" },
  { name: "24x7 is plain arithmetic", calendar: ALWAYS_ON, start: "2026-03-07T22:00+08:00", ms: 3 * H, expected: "2026-03-08T01:00+08:00" },
];

describe("addBusinessTime (hand-computed)", () => {
  it.each(deadlines)("$name", ({ calendar, start, ms, expected }) => {
    expect(iso(addBusinessTime(calendar, at(start), ms))).toBe(iso(at(expected)));
  });

  it("refuses a negative or non-finite duration", () => {
    expect(() => addBusinessTime(office, at("2026-03-10T09:00+08:00"), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(office, at("2026-03-10T09:00+08:00"), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusinessTime(office, new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

interface ElapsedCase {
  name: string;
  calendar: BusinessCalendar;
  from: string;
  to: string;
  expected: number;
}

const elapsed: ElapsedCase[] = [
  { name: "Friday 17:00 to Monday 10:30", calendar: office, from: "2026-03-06T17:00+08:00", to: "2026-03-09T10:30+08:00", expected: 3 * H },
  { name: "a whole ordinary week", calendar: office, from: "2026-03-09T00:00+08:00", to: "2026-03-16T00:00+08:00", expected: 40 * H },
  { name: "over golden week", calendar: office, from: "2026-09-30T09:00+08:00", to: "2026-10-08T09:00+08:00", expected: 8 * H },
  { name: "week with 3 holidays and a worked Saturday", calendar: office, from: "2026-10-05T00:00+08:00", to: "2026-10-12T00:00+08:00", expected: 24 * H },
  { name: "inside lunch", calendar: office, from: "2026-03-10T12:15+08:00", to: "2026-03-10T13:00+08:00", expected: 0 },
  { name: "backwards", calendar: office, from: "2026-03-10T15:00+08:00", to: "2026-03-10T10:00+08:00", expected: 0 },
  { name: "listed holiday and extra Saturday", calendar: listed, from: "2026-03-09T00:00+08:00", to: "2026-03-16T00:00+08:00", expected: 40 * H },
  { name: "NY Friday 09:00 to Monday 17:00 over spring-forward", calendar: newYork, from: "2026-03-06T09:00-05:00", to: "2026-03-09T17:00-04:00", expected: 16 * H },
  { name: "spring-forward Sunday has 23 h", calendar: newYorkAllDay, from: "2026-03-08T00:00-05:00", to: "2026-03-09T00:00-04:00", expected: 23 * H },
  { name: "fall-back Sunday has 25 h", calendar: newYorkAllDay, from: "2026-11-01T00:00-04:00", to: "2026-11-02T00:00-05:00", expected: 25 * H },
  { name: "01:00–04:00 on spring-forward day lasts 2 h", calendar: newYorkSundayNight, from: "2026-03-08T00:00-05:00", to: "2026-03-09T00:00-04:00", expected: 2 * H },
  { name: "01:00–04:00 on fall-back day lasts 4 h", calendar: newYorkSundayNight, from: "2026-11-01T00:00-04:00", to: "2026-11-02T00:00-05:00", expected: 4 * H },
  { name: "02:30–03:30 on spring-forward day lasts 30 min (03:00–03:30)", calendar: newYorkSkipped, from: "2026-03-08T00:00-05:00", to: "2026-03-09T00:00-04:00", expected: 30 * M },
  { name: "02:30–03:30 on an ordinary Sunday lasts 1 h", calendar: newYorkSkipped, from: "2026-03-15T00:00-04:00", to: "2026-03-16T00:00-04:00", expected: 1 * H },
  { name: "24x7", calendar: ALWAYS_ON, from: "2026-03-07T22:00+08:00", to: "2026-03-08T01:00+08:00", expected: 3 * H },
];

describe("businessTimeBetween (hand-computed)", () => {
  it.each(elapsed)("$name", ({ calendar, from, to, expected }) => {
    expect(businessTimeBetween(calendar, at(from), at(to))).toBe(expected);
  });
});

describe("isBusinessTime (hand-computed)", () => {
  it.each([
    ["opening instant", office, "2026-03-10T08:30+08:00", true],
    ["a millisecond before opening", office, "2026-03-10T08:29:59.999+08:00", false],
    ["last minute of the morning", office, "2026-03-10T11:59+08:00", true],
    ["noon (closing is excluded)", office, "2026-03-10T12:00+08:00", false],
    ["afternoon opening", office, "2026-03-10T13:30+08:00", true],
    ["evening closing", office, "2026-03-10T18:00+08:00", false],
    ["ordinary Saturday", office, "2026-03-07T10:00+08:00", false],
    ["National Day", office, "2026-10-01T10:00+08:00", false],
    ["worked Saturday Oct 10", office, "2026-10-10T10:00+08:00", true],
    ["worked Sunday Sep 20", office, "2026-09-20T10:00+08:00", true],
    ["National Day Saturday on a Saturday-working calendar", shortSaturdays, "2026-10-03T10:00+08:00", false],
    ["ordinary Saturday on a Saturday-working calendar", shortSaturdays, "2026-10-17T10:00+08:00", true],
    ["US Thanksgiving", newYork, "2026-11-26T10:00-05:00", false],
    ["US day after Thanksgiving", newYork, "2026-11-27T10:00-05:00", true],
    ["24x7 at midnight", ALWAYS_ON, "2026-01-01T00:00Z", true],
  ] as const)("%s", (_name, calendar, when, expected) => {
    expect(isBusinessTime(calendar, at(when))).toBe(expected);
  });
});

describe("buildCalendar", () => {
  it("returns the shared 24x7 calendar", () => {
    expect(buildCalendar("24x7")).toBe(ALWAYS_ON);
  });

  it("takes the default zone when the spec has none", () => {
    const cal = buildCalendar({ hours: { "mon-fri": ["09:00-17:00"] } }, "Europe/Berlin");
    expect(cal.kind === "hours" && cal.zone).toBe("Europe/Berlin");
  });

  it("refuses a calendar without any zone", () => {
    expect(() => buildCalendar({ hours: { "mon-fri": ["09:00-17:00"] } })).toThrow(/time zone/);
  });

  it("lists every problem of an invalid spec", () => {
    const bad = { zone: "Asia/Shanghai", hours: { mon: ["8-12"], mond: ["09:00-10:00"] } };
    expect(() => buildCalendar(bad)).toThrow(/hours\.mon\.0: expected HH:MM-HH:MM.*hours\.mond: unknown day/);
  });
});
