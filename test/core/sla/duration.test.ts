import { describe, expect, it } from "vitest";
import {
  MAX_DURATION_MS,
  durationSchema,
  formatDuration,
  parseDuration,
  tryParseDuration,
} from "../../../src/core/sla/duration.js";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["20m", 1_200_000],
    ["3h", 10_800_000],
    ["5d", 432_000_000],
    ["60m", 3_600_000],
    [" 20m ", 1_200_000],
    ["20 m", 1_200_000],
    ["365d", 31_536_000_000],
  ])("parses %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "20", "m", "1.5h", "1h30m", "20M", "-5m", "20min", "5w", "abc", "h3"])(
    "rejects %j with the accepted forms",
    (text) => {
      const result = tryParseDuration(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/expected a whole number and a unit \(s, m, h, d\), like 90s/);
      expect(() => parseDuration(text)).toThrow(RangeError);
    },
  );

  it("rejects zero and more than a year", () => {
    expect(tryParseDuration("0m")).toEqual({ ok: false, error: 'invalid duration "0m": must be greater than zero' });
    expect(tryParseDuration("366d")).toEqual({ ok: false, error: 'invalid duration "366d": must be at most 365d' });
    expect(MAX_DURATION_MS).toBe(365 * D);
  });

  it("quotes the bad text in the message", () => {
    expect(() => parseDuration("1h30m")).toThrow('invalid duration "1h30m"');
  });
});

describe("durationSchema", () => {
  it("outputs milliseconds", () => {
    expect(durationSchema.parse("20m")).toBe(20 * M);
  });

  it("reports a bad duration as an issue", () => {
    const result = durationSchema.safeParse("twenty minutes");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('invalid duration "twenty minutes"');
  });

  it("rejects a bare number", () => {
    expect(durationSchema.safeParse(20).success).toBe(false);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [45 * M, "45m"],
    [80 * M, "1h 20m"],
    [H, "1h"],
    [2 * D + 3 * H, "2d 3h"],
    [2 * D + 3 * H + 59 * M, "2d 3h"],
    [2 * D + 5 * M, "2d"],
    [45 * M + 30 * S, "45m 30s"],
    [90 * S, "1m 30s"],
    [5 * D, "5d"],
    [-5 * M, "-5m"],
    [-(H + 20 * M + 10 * S), "-1h 20m"],
  ])("formats %d ms as %j", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("refuses NaN", () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
