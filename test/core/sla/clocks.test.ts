import { describe, expect, it } from "vitest";
import type { Incident } from "../../../src/core/incident/types.js";
import { ALWAYS_ON, buildCalendar } from "../../../src/core/sla/calendar.js";
import { elapsedOn, reachOn, runningSegments } from "../../../src/core/sla/clock-run.js";
import { clockViews, initialFacts, reportTarget, withSeverity } from "../../../src/core/sla/clocks.js";
import { DEFAULT_POLICY } from "../../../src/core/sla/default-policy.js";
import type { SlaConfig, SlaFacts } from "../../../src/core/sla/sla-types.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2026-11-02T09:00:00Z"); // Monday 17:00 in Shanghai
const t = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const m = (minutes: number) => T0.getTime() + minutes * MIN;

const CONFIG: SlaConfig = {
  calendars: { "24x7": ALWAYS_ON, business: buildCalendar({ hours: { "mon-fri": ["08:30-12:00", "13:30-18:00"] } }, "Asia/Shanghai") },
  policies: { standard: DEFAULT_POLICY },
  organisationPolicy: { acme: "standard" },
  repeatEveryMs: 30 * MIN,
  maxRepeats: 5,
  reportAfterOutageMs: 60 * MIN,
  digestAtMinutes: 540,
};

function incident(overrides: Partial<Incident> = {}): Incident {
  return { id: 1, number: 1, title: "x", description: "", severity: "P1", status: "open", organisationId: "acme", reporterId: "ana", tier: 0, version: 1, openedAt: T0, updatedAt: T0, ...overrides };
}

const byName = (i: Incident, facts: SlaFacts, now: Date) => Object.fromEntries(clockViews(CONFIG, i, facts, now).map((v) => [v.name, v]));

describe("clock runs: segments, elapsed, reach", () => {
  it("splits a run around closed and open pauses, ignoring pauses outside it", () => {
    const run = { start: m(0), pauses: [{ from: m(-30), to: m(-10) }, { from: m(10), to: m(20) }, { from: m(40) }] };
    expect(runningSegments(run)).toEqual([{ from: m(0), to: m(10) }, { from: m(20), to: m(40) }]);
    expect(runningSegments({ start: m(0), stop: m(15), pauses: [{ from: m(10), to: m(20) }, { from: m(30) }] })).toEqual([{ from: m(0), to: m(10) }]);
    expect(runningSegments({ start: m(0), stop: m(-5), pauses: [] })).toEqual([]);
    expect(runningSegments({ start: m(0), pauses: [{ from: m(-5), to: m(5) }] })).toEqual([{ from: m(5) }]);
  });

  it("elapsed and reach skip pauses on 24x7", () => {
    const segments = runningSegments({ start: m(0), pauses: [{ from: m(10), to: m(70) }] });
    expect(elapsedOn(ALWAYS_ON, segments, m(100))).toBe(40 * MIN);
    expect(reachOn(ALWAYS_ON, segments, 10 * MIN)).toEqual(t(10));
    expect(reachOn(ALWAYS_ON, segments, 15 * MIN)).toEqual(t(75));
    const paused = runningSegments({ start: m(0), pauses: [{ from: m(10) }] });
    expect(reachOn(ALWAYS_ON, paused, 15 * MIN)).toBeUndefined();
    expect(elapsedOn(ALWAYS_ON, paused, m(500))).toBe(10 * MIN);
  });

  it("elapsed and reach follow business hours (Monday 17:00 Shanghai + 90 min → Tuesday 09:00)", () => {
    const business = CONFIG.calendars.business;
    const segments = runningSegments({ start: m(0), pauses: [] });
    // 17:00–18:00 Monday is 60 min; the other 30 run from 08:30 Tuesday.
    expect(reachOn(business, segments, 90 * MIN)?.toISOString()).toBe("2026-11-03T01:00:00.000Z");
    expect(elapsedOn(business, segments, new Date("2026-11-03T00:45:00Z").getTime())).toBe(75 * MIN);
  });
});

describe("the clocks of an incident", () => {
  it("a fresh P1 runs response, update, restore and resolve from its opening", () => {
    const views = byName(incident(), initialFacts(incident()), t(5));
    expect(Object.keys(views)).toEqual(["response", "update", "restore", "resolve"]);
    expect(views.response).toMatchObject({ elapsedMs: 5 * MIN, paused: false, stoppedAt: undefined, cycle: T0.toISOString() });
    expect(views.response.reach(15 * MIN)).toEqual(t(15));
    expect(views.restore.target).toEqual({ targetMs: 3 * HOUR, calendar: "24x7" });
  });

  it("acknowledging stops response; mitigating stops update and restore; waits pause restore and resolve only", () => {
    const i = incident({ status: "mitigated", acknowledgedAt: t(10), mitigatedAt: t(100) });
    const facts: SlaFacts = { ...initialFacts(i), lastUpdateAt: t(80), pauses: [{ from: t(30), to: t(60), reason: "logs" }] };
    const v = byName(i, facts, t(200));
    expect(v.response).toMatchObject({ elapsedMs: 10 * MIN, stoppedAt: t(10) });
    expect(v.update).toMatchObject({ elapsedMs: 20 * MIN, stoppedAt: t(100), cycle: t(80).toISOString() });
    expect(v.restore).toMatchObject({ elapsedMs: 70 * MIN, stoppedAt: t(100) });
    expect(v.resolve).toMatchObject({ elapsedMs: 170 * MIN, stoppedAt: undefined, paused: false });
    const waiting = byName(i, { ...facts, pauses: [...facts.pauses, { from: t(150), reason: "access" }] }, t(200));
    expect(waiting.resolve).toMatchObject({ elapsedMs: 120 * MIN, paused: true });
  });

  it("a reopen starts a new run of the resolve clock; a P1's report clock runs from resolution to postmortem", () => {
    const reopened = incident({ status: "acknowledged", acknowledgedAt: t(1), mitigatedAt: t(50), reopenedAt: t(300) });
    expect(byName(reopened, initialFacts(reopened), t(310)).resolve).toMatchObject({ elapsedMs: 10 * MIN, cycle: t(300).toISOString() });
    const resolved = incident({ status: "resolved", acknowledgedAt: t(1), mitigatedAt: t(50), resolvedAt: t(60) });
    const v = byName(resolved, initialFacts(resolved), t(120));
    expect(v.report).toMatchObject({ elapsedMs: 60 * MIN, cycle: t(60).toISOString(), target: { targetMs: 5 * 24 * HOUR } });
    const attached = byName(resolved, { ...initialFacts(resolved), postmortemAt: t(90) }, t(120));
    expect(attached.report).toMatchObject({ elapsedMs: 30 * MIN, stoppedAt: t(90) });
  });

  it("a report is required for P1/P2, or for a longer outage, with the nearest severer level's target", () => {
    expect(reportTarget(CONFIG, incident({ severity: "P2" }))).toEqual({ targetMs: 5 * 24 * HOUR, calendar: "24x7" });
    expect(reportTarget(CONFIG, incident({ severity: "P3", mitigatedAt: t(60) }))).toBeUndefined();
    expect(reportTarget(CONFIG, incident({ severity: "P3", mitigatedAt: t(61) }))).toEqual({ targetMs: 5 * 24 * HOUR, calendar: "24x7" });
    expect(reportTarget(CONFIG, incident({ severity: "P4", resolvedAt: t(200) }))).toEqual({ targetMs: 5 * 24 * HOUR, calendar: "24x7" });
    expect(reportTarget(CONFIG, incident({ severity: "P3" }))).toBeUndefined();
  });

  it("a severity change re-targets from the start; gaining the update clock starts it now", () => {
    const p3 = incident({ severity: "P3" });
    expect(byName(p3, initialFacts(p3), t(30)).restore.reach(24 * HOUR)).toEqual(t(24 * 60));
    const p2 = { ...p3, severity: "P2" as const };
    expect(byName(p2, initialFacts(p3), t(30)).restore.reach(8 * HOUR)).toEqual(t(8 * 60));
    const p1 = { ...p3, severity: "P1" as const };
    const facts = withSeverity(CONFIG, p1, initialFacts(p3), t(30));
    expect(facts).toMatchObject({ severity: "P1", lastUpdateAt: t(30) });
    expect(withSeverity(CONFIG, p3, { ...facts, lastUpdateAt: t(40) }, t(50))).toMatchObject({ severity: "P3", lastUpdateAt: t(40) });
  });

  it("P4 clocks run on business hours", () => {
    const p4 = incident({ severity: "P4" });
    const v = byName(p4, initialFacts(p4), t(60)); // Monday 17:00–18:00 Shanghai: 60 min of business time
    expect(v.response).toMatchObject({ elapsedMs: 60 * MIN });
    expect(Object.keys(v)).toEqual(["response", "resolve"]);
  });
});
