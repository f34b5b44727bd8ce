import { describe, expect, it } from "vitest";
import { median, percentile } from "../../../src/core/sla/report.js";

describe("report statistics", () => {
  it("median: the middle value, or the mean of the two middle values", () => {
    expect(median([])).toBeUndefined();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("p90 by nearest rank: the smallest value with at least 90 % at or below it", () => {
    expect(percentile([], 90)).toBeUndefined();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 20, 30, 40, 50, 60, 70], 90)).toBe(70);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });
});
