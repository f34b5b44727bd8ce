/**
 * Wall-clock to instant around DST changes. New York 2026: clocks jump 02:00 EST → 03:00 EDT
 * on Sun Mar 8 (07:00Z) and fall back 02:00 EDT → 01:00 EST on Sun Nov 1 (06:00Z).
 */
import { describe, expect, it } from "vitest";
import { addIsoDays, isIsoDate, isoWeekdayIndex } from "../../../src/core/sla/iso-date.js";
import { localDateOf, wallTimeToInstant } from "../../../src/core/sla/zone-time.js";

const NY = "America/New_York";
const utc = (iso: string) => Date.parse(iso);

describe("wallTimeToInstant", () => {
  it.each([
    ["an ordinary time", NY, "2026-03-10", 9 * 60, "earliest", "2026-03-10T13:00:00Z"],
    ["midnight before spring-forward", NY, "2026-03-08", 0, "earliest", "2026-03-08T05:00:00Z"],
    ["a skipped time resolves to the jump", NY, "2026-03-08", 2 * 60 + 30, "earliest", "2026-03-08T07:00:00Z"],
    ["the first time after the jump", NY, "2026-03-08", 3 * 60, "latest", "2026-03-08T07:00:00Z"],
    ["a repeated time, first occurrence", NY, "2026-11-01", 90, "earliest", "2026-11-01T05:30:00Z"],
    ["a repeated time, second occurrence", NY, "2026-11-01", 90, "latest", "2026-11-01T06:30:00Z"],
    ["24:00 is the next midnight", NY, "2026-11-01", 1440, "latest", "2026-11-02T05:00:00Z"],
    ["Shanghai has no DST", "Asia/Shanghai", "2026-10-10", 8 * 60 + 30, "latest", "2026-10-10T00:30:00Z"],
  ] as const)("%s", (_name, zone, date, minutes, pick, expected) => {
    expect(wallTimeToInstant(zone, date, minutes, pick)).toBe(utc(expected));
  });
});

describe("localDateOf", () => {
  it("reads the date on the zone's clock", () => {
    expect(localDateOf(NY, utc("2026-03-08T04:59:59Z"))).toBe("2026-03-07");
    expect(localDateOf(NY, utc("2026-03-08T05:00:00Z"))).toBe("2026-03-08");
    expect(localDateOf("Asia/Shanghai", utc("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
  });
});

describe("iso dates", () => {
  it("validates real dates only", () => {
    expect(["2026-02-28", "2028-02-29"].map(isIsoDate)).toEqual([true, true]);
    expect(["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01"].map(isIsoDate)).toEqual([false, false, false, false]);
  });

  it("steps over month and year ends", () => {
    expect(addIsoDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addIsoDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addIsoDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("numbers weekdays from Monday = 0", () => {
    expect(isoWeekdayIndex("2026-10-01")).toBe(3); // Thursday
    expect(isoWeekdayIndex("2026-10-10")).toBe(5); // Saturday
    expect(isoWeekdayIndex("2026-09-20")).toBe(6); // Sunday
  });
});
