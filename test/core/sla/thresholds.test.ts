import { describe, expect, it } from "vitest";
import { ALWAYS_ON } from "../../../src/core/sla/calendar.js";
import { elapsedOn, reachOn, runningSegments, type ClockRun } from "../../../src/core/sla/clock-run.js";
import type { ClockView } from "../../../src/core/sla/clocks.js";
import type { NudgeRecord } from "../../../src/core/sla/sla-types.js";
import { dueNudges, nextDueAt } from "../../../src/core/sla/thresholds.js";

const MIN = 60_000;
const T0 = new Date("2026-11-02T09:00:00Z");
const t = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const SETTINGS = { repeatEveryMs: 30 * MIN, maxRepeats: 5 };
const LATE = 2 * MIN;

function view(run: Partial<ClockRun> = {}, now = t(0)): ClockView {
  const full: ClockRun = { start: T0.getTime(), pauses: [], ...run };
  const segments = runningSegments(full);
  return {
    name: "response",
    target: { targetMs: 20 * MIN, calendar: "24x7" },
    calendar: ALWAYS_ON,
    cycle: new Date(full.start).toISOString(),
    startedAt: new Date(full.start),
    stoppedAt: full.stop === undefined ? undefined : new Date(full.stop),
    paused: false,
    elapsedMs: elapsedOn(ALWAYS_ON, segments, now.getTime()),
    reach: (ms) => reachOn(ALWAYS_ON, segments, ms),
    elapsedAt: (at) => elapsedOn(ALWAYS_ON, segments, at.getTime()),
  };
}

const sent = (kind: NudgeRecord["kind"], repeat = 0, cycle = T0.toISOString()): NudgeRecord => ({ incidentId: 1, clock: "response", cycle, kind, repeat, dueAt: T0, at: T0, late: false });
const due = (v: ClockView, fired: NudgeRecord[], now: Date) => dueNudges([v], fired, SETTINGS, now, LATE).map((d) => [d.kind, d.repeat, d.dueAt.toISOString(), d.late]);

describe("nudge thresholds", () => {
  it("warning at 75 %, breach at 100 %, then repeats every 30 min up to 5, each once", () => {
    const v = view();
    expect(due(v, [], t(14))).toEqual([]);
    expect(nextDueAt([v], [], SETTINGS, t(0))).toEqual(t(15));
    expect(due(v, [], t(15))).toEqual([["warning", 0, t(15).toISOString(), false]]);
    expect(nextDueAt([v], [sent("warning")], SETTINGS, t(15))).toEqual(t(20));
    expect(due(v, [sent("warning")], t(20))).toEqual([["breach", 0, t(20).toISOString(), false]]);
    const afterBreach = [sent("warning"), sent("breach")];
    expect(nextDueAt([v], afterBreach, SETTINGS, t(20))).toEqual(t(50));
    expect(due(v, afterBreach, t(50))).toEqual([["repeat", 1, t(50).toISOString(), false]]);
    const all = [...afterBreach, ...[1, 2, 3, 4, 5].map((n) => sent("repeat", n))];
    expect(nextDueAt([v], all, SETTINGS, t(500))).toBeUndefined();
    expect(due(v, all, t(500))).toEqual([]);
  });

  it("after downtime every threshold comes due once, late; missed repeats collapse into the latest", () => {
    expect(due(view(), [], t(120))).toEqual([
      ["warning", 0, t(15).toISOString(), true],
      ["breach", 0, t(20).toISOString(), true],
      ["repeat", 3, t(110).toISOString(), true],
    ]);
    // The next repeat after the collapsed one is the 4th.
    expect(nextDueAt([view()], [sent("warning"), sent("breach"), sent("repeat", 3)], SETTINGS, t(120))).toEqual(t(140));
  });

  it("a clock that stopped after a missed threshold still reports it (late) but never repeats", () => {
    const stopped = view({ stop: t(25).getTime() });
    expect(due(stopped, [], t(120))).toEqual([
      ["warning", 0, t(15).toISOString(), true],
      ["breach", 0, t(20).toISOString(), true],
    ]);
    expect(nextDueAt([stopped], [sent("warning"), sent("breach")], SETTINGS, t(120))).toBeUndefined();
    expect(nextDueAt([view({ stop: t(10).getTime() })], [], SETTINGS, t(10))).toBeUndefined();
  });

  it("a paused clock has nothing due until it resumes; a new cycle starts afresh", () => {
    const paused = view({ pauses: [{ from: t(5).getTime() }] });
    expect(nextDueAt([paused], [], SETTINGS, t(100))).toBeUndefined();
    const resumed = view({ pauses: [{ from: t(5).getTime(), to: t(65).getTime() }] });
    expect(nextDueAt([resumed], [], SETTINGS, t(65))).toEqual(t(75));
    const restarted = view({ start: t(60).getTime() });
    expect(nextDueAt([restarted], [sent("warning"), sent("breach")], SETTINGS, t(60))).toEqual(t(75));
  });

  it("no warning once the breach went out (a target lengthened after a breach)", () => {
    expect(due(view(), [sent("breach")], t(16))).toEqual([]);
  });

  it("repeats follow the breach that went out: a target shortened after a breach does not fire a burst", () => {
    // Breached at 60 min under an old 60-min target, now re-targeted to 20 min at 61 min.
    const breachedLate = { ...sent("breach"), dueAt: t(60) };
    expect(due(view(), [sent("warning"), breachedLate], t(61))).toEqual([]);
    expect(nextDueAt([view()], [sent("warning"), breachedLate], SETTINGS, t(61))).toEqual(t(90));
    // Re-targeted to 120 min after breaching at 20: no repeat until overdue again (120 + 30).
    const longer = { ...view(), target: { targetMs: 120 * MIN, calendar: "24x7" } };
    expect(nextDueAt([longer], [sent("warning"), sent("breach")], SETTINGS, t(30))).toEqual(t(150));
  });
});
