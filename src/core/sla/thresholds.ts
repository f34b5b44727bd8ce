/**
 * When nudges are due. Each clock run has a warning at 75 % of its target, a breach at
 * 100 %, and repeats every `repeatEvery` after that (at most `maxRepeats`), all measured on
 * the clock's own running time, so a paused or night-time clock does not nag. The ledger of
 * nudges already sent decides what is left: each threshold fires once per run of a clock.
 */
import type { ClockView } from "./clocks.js";
import { WARNING_SHARE, type NudgeKind, type NudgeRecord, type SlaConfig } from "./sla-types.js";

/** Settings the thresholds depend on. */
export type NudgeSettings = Pick<SlaConfig, "repeatEveryMs" | "maxRepeats">;

/** A nudge that should go out now. */
export interface DueNudge {
  readonly clock: ClockView;
  readonly kind: NudgeKind;
  /** 1…maxRepeats for repeats, 0 otherwise. */
  readonly repeat: number;
  /** When the threshold was reached. */
  readonly dueAt: Date;
  /** Reached more than `lateAfterMs` ago: the bot was not running then. */
  readonly late: boolean;
}

interface Candidate {
  kind: NudgeKind;
  repeat: number;
  at: Date;
}

function firedIn(view: ClockView, fired: readonly NudgeRecord[]): NudgeRecord[] {
  return fired.filter((f) => f.clock === view.name && f.cycle === view.cycle);
}

function stoppedBy(view: ClockView, now: Date): boolean {
  return view.stoppedAt !== undefined && view.stoppedAt.getTime() <= now.getTime();
}

/**
 * The thresholds of one clock run not yet sent, each with the instant it is (or will be)
 * reached. A warning is pointless once the breach went out; repeats end when the clock stops.
 * When several repeats were missed (the bot was down) only the latest of them is returned,
 * because three identical reminders at once say nothing the last one does not.
 */
function pending(view: ClockView, fired: readonly NudgeRecord[], settings: NudgeSettings, now: Date): Candidate[] {
  const done = firedIn(view, fired);
  const has = (kind: NudgeKind) => done.some((f) => f.kind === kind);
  const target = view.target.targetMs;
  const out: Candidate[] = [];
  // A clock stopped exactly at a threshold met it (a 20-minute target acknowledged at 20:00).
  const stop = view.stoppedAt?.getTime();
  const add = (kind: NudgeKind, repeat: number, at: Date | undefined) => at && (stop === undefined || at.getTime() < stop) && out.push({ kind, repeat, at });
  if (!has("warning") && !has("breach")) add("warning", 0, view.reach(Math.round(target * WARNING_SHARE)));
  if (!has("breach")) add("breach", 0, view.reach(target));
  if (stoppedBy(view, now)) return out;
  const sent = done.filter((f) => f.kind === "repeat").reduce((max, f) => Math.max(max, f.repeat), 0);
  // Repeats follow the breach that went out, and only while the clock is over its current
  // target: a severity raised after a breach does not fire a burst of overdue reminders, and
  // a target lengthened after one pauses them until the clock is overdue again.
  const breach = done.find((f) => f.kind === "breach");
  const base = Math.max(target, breach ? view.elapsedAt(breach.dueAt) : target);
  let latestPassed: Candidate | undefined;
  for (let n = sent + 1; n <= settings.maxRepeats; n++) {
    const at = view.reach(base + n * settings.repeatEveryMs);
    if (!at) break;
    if (at.getTime() > now.getTime()) {
      if (!latestPassed) out.push({ kind: "repeat", repeat: n, at });
      break;
    }
    latestPassed = { kind: "repeat", repeat: n, at };
  }
  if (latestPassed) out.push(latestPassed);
  return out;
}

/** Every nudge due at `now` across the clocks, oldest first. */
export function dueNudges(
  views: readonly ClockView[],
  fired: readonly NudgeRecord[],
  settings: NudgeSettings,
  now: Date,
  lateAfterMs: number,
): DueNudge[] {
  const due: DueNudge[] = [];
  for (const view of views) {
    for (const c of pending(view, fired, settings, now)) {
      if (c.at.getTime() > now.getTime()) continue;
      due.push({ clock: view, kind: c.kind, repeat: c.repeat, dueAt: c.at, late: now.getTime() - c.at.getTime() > lateAfterMs });
    }
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** When the next nudge of any clock falls due (possibly already past), or undefined if none will. */
export function nextDueAt(views: readonly ClockView[], fired: readonly NudgeRecord[], settings: NudgeSettings, now: Date): Date | undefined {
  let next: number | undefined;
  for (const view of views) {
    for (const c of pending(view, fired, settings, now)) {
      if (next === undefined || c.at.getTime() < next) next = c.at.getTime();
    }
  }
  return next === undefined ? undefined : new Date(next);
}
