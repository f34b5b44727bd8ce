import { describe, expect, it } from "vitest";
import { ALWAYS_ON, buildCalendar } from "../../../src/core/sla/calendar.js";
import { endOfNextWorkingDay } from "../../../src/core/survey/confirmation-deadline.js";

const ZONE = "Asia/Shanghai";
const office = buildCalendar({ zone: ZONE, hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] }, holidays: "cn" });
const plain = buildCalendar({ zone: ZONE, hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] } });
// Shanghai is UTC+8: 18:00 local is 10:00Z.
const at = (iso: string) => new Date(iso);

describe("end of the next working day (hand-computed, Asia/Shanghai)", () => {
  it("Monday afternoon → Tuesday 18:00", () => {
    expect(endOfNextWorkingDay(office, at("2026-11-02T09:00:00Z"), ZONE).toISOString()).toBe("2026-11-03T10:00:00.000Z");
  });

  it("Friday → Monday 18:00 (the weekend is skipped)", () => {
    expect(endOfNextWorkingDay(plain, at("2026-11-06T08:00:00Z"), ZONE).toISOString()).toBe("2026-11-09T10:00:00.000Z");
  });

  it("Saturday → Monday 18:00: the next working day after a day off", () => {
    expect(endOfNextWorkingDay(plain, at("2026-11-07T03:00:00Z"), ZONE).toISOString()).toBe("2026-11-09T10:00:00.000Z");
  });

  it("late Friday evening local (still Friday in Shanghai) → Monday", () => {
    expect(endOfNextWorkingDay(plain, at("2026-11-06T15:30:00Z"), ZONE).toISOString()).toBe("2026-11-09T10:00:00.000Z");
  });

  it("30 September 2026 → 8 October: National Day (1–7 October) is skipped", () => {
    expect(endOfNextWorkingDay(office, at("2026-09-30T02:00:00Z"), ZONE).toISOString()).toBe("2026-10-08T10:00:00.000Z");
  });

  it("Friday 9 October 2026 → Saturday 10 October, a moved working day (调休)", () => {
    expect(endOfNextWorkingDay(office, at("2026-10-09T02:00:00Z"), ZONE).toISOString()).toBe("2026-10-10T10:00:00.000Z");
  });

  it("24×7: the end of tomorrow in the given zone", () => {
    expect(endOfNextWorkingDay(ALWAYS_ON, at("2026-11-06T15:30:00Z"), ZONE).toISOString()).toBe("2026-11-07T16:00:00.000Z");
  });
});
