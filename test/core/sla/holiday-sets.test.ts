/**
 * Holiday data as read from the packages. Expected dates come from the packages' own
 * tables (chinese-days dist/chinese-days.json, 2026 entries) and the US federal calendar.
 */
import { describe, expect, it } from "vitest";
import { ALWAYS_ON, buildCalendar, holidayCoverage } from "../../../src/core/sla/calendar.js";
import { holidaySource, isKnownHolidaySet } from "../../../src/core/sla/holiday-sets.js";

describe("cn (chinese-days)", () => {
  const cn = holidaySource("cn");

  it("knows National Day 2026 as Oct 1–7", () => {
    const october = Array.from({ length: 12 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}`);
    expect(october.filter((d) => cn.isHoliday(d))).toEqual([
      "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
    ]);
  });

  it("knows the moved working days of 2026, all on weekends", () => {
    const moved = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];
    for (const d of moved) expect(cn.isMovedWorkday(d)).toBe(true);
    expect(cn.isMovedWorkday("2026-10-11")).toBe(false);
    expect(cn.isMovedWorkday("2026-10-08")).toBe(false); // an ordinary Thursday, not "moved"
  });

  it("covers 2025 and 2026 but not 2027 (chinese-days 1.5.7)", () => {
    expect([2025, 2026, 2027].map((y) => cn.coversYear(y))).toEqual([true, true, false]);
  });
});

describe("country sets (date-holidays)", () => {
  it("has US public holidays including observed days", () => {
    const us = holidaySource("US");
    expect(us.isHoliday("2026-07-03")).toBe(true);
    expect(us.isHoliday("2026-11-26")).toBe(true);
    expect(us.isHoliday("2026-11-27")).toBe(false);
    expect(us.coversYear(2030)).toBe(true);
  });

  it("normalises the code and knows regions", () => {
    expect(holidaySource("de-by").label).toBe("DE-BY");
    // Epiphany (Jan 6) is public in Bavaria, not in Germany as a whole.
    expect(holidaySource("DE-BY").isHoliday("2026-01-06")).toBe(true);
    expect(holidaySource("DE").isHoliday("2026-01-06")).toBe(false);
  });

  it("recognises known and unknown codes", () => {
    expect(["cn", "CN", "US", "gb", "US-CA"].map(isKnownHolidaySet)).toEqual([true, true, true, true, true]);
    expect(["XX", "USA", "US-ZZ", "", "cn-x"].map(isKnownHolidaySet)).toEqual([false, false, false, false, false]);
    expect(() => holidaySource("XX")).toThrow(RangeError);
  });
});

describe("holidayCoverage", () => {
  const hours = { "mon-fri": ["09:00-17:00"] };

  it("reports a cn calendar as uncovered for 2027", () => {
    const cal = buildCalendar({ zone: "Asia/Shanghai", hours, holidays: "cn" });
    expect(holidayCoverage(cal, 2026)).toEqual({ year: 2026, covered: true, source: "cn", label: "cn" });
    expect(holidayCoverage(cal, 2027)).toEqual({ year: 2027, covered: false, source: "cn", label: "cn" });
  });

  it("treats a list as covering only the years it names", () => {
    const cal = buildCalendar({ zone: "Asia/Shanghai", hours, holidays: ["2026-10-01"] });
    expect(holidayCoverage(cal, 2026).covered).toBe(true);
    expect(holidayCoverage(cal, 2027)).toEqual({ year: 2027, covered: false, source: "list", label: "list" });
  });

  it("has nothing to miss for 24x7 or a calendar without holidays", () => {
    expect(holidayCoverage(ALWAYS_ON, 2027)).toEqual({ year: 2027, covered: true, source: "none", label: "none" });
    const cal = buildCalendar({ zone: "Asia/Shanghai", hours });
    expect(holidayCoverage(cal, 2027).covered).toBe(true);
  });

  it("covers future years for rule-based country sets", () => {
    const cal = buildCalendar({ zone: "America/New_York", hours, holidays: "US" });
    expect(holidayCoverage(cal, 2027)).toEqual({ year: 2027, covered: true, source: "country", label: "US" });
  });
});
