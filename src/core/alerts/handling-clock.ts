import type { AlertFailureKind, AlertHandlingRules } from "./alert-types.js";

/** What the handling clock of an alert-born incident must do at some moment. */
export type HandlingStep = "handling_overdue" | Exclude<AlertFailureKind, "repeat_unacknowledged"> | "silence_expired";

/** What the clock looks at: when the incident opened, whether it was handled, its silence. */
export interface HandlingFacts {
  openedAt: Date;
  /** When it was first mitigated or resolved (handled), if it was. */
  handledAt?: Date;
  /** When the first silence started, if any (silencing in time also meets the 30-minute rule). */
  firstSilencedAt?: Date;
  /** The silence still running, if any. */
  activeSilenceUntil?: Date;
  /** Steps already recorded (the ledger), so each happens once. */
  recorded: ReadonlySet<string>;
}

/** The steps due at `now` and the next moment to look again (undefined: nothing left). */
export interface HandlingPlan {
  due: HandlingStep[];
  nextAt?: Date;
}

/**
 * The contract's alert-handling clock (domain.md, "Alerts and escalation"): handled within
 * 30 min or silenced, else overdue; graded failures when still unhandled at 8 h and 12 h
 * (a silence does not stop those: it takes the alert offline, it does not handle it); a
 * silence ends when its time runs out.
 */
export function planHandling(rules: AlertHandlingRules, facts: HandlingFacts, now: Date): HandlingPlan {
  const opened = facts.openedAt.getTime();
  const steps: { step: HandlingStep; at: number; applies: boolean }[] = [
    { step: "handling_overdue", at: opened + rules.handleWithinMs, applies: !facts.handledAt && !facts.firstSilencedAt },
    { step: "unhandled_first", at: opened + rules.unhandledAfterMs[0], applies: !facts.handledAt },
    { step: "unhandled_second", at: opened + rules.unhandledAfterMs[1], applies: !facts.handledAt },
  ];
  const pending = steps.filter((s) => s.applies && !facts.recorded.has(s.step));
  const due: HandlingStep[] = pending.filter((s) => s.at <= now.getTime()).map((s) => s.step);
  const later = pending.filter((s) => s.at > now.getTime()).map((s) => s.at);
  if (facts.activeSilenceUntil) {
    if (facts.activeSilenceUntil.getTime() <= now.getTime()) due.push("silence_expired");
    else later.push(facts.activeSilenceUntil.getTime());
  }
  return { due, ...(later.length ? { nextAt: new Date(Math.min(...later)) } : {}) };
}

/** Whether the incident was handled (mitigated, resolved or silenced) within the rule's time. */
export function handledInTime(rules: AlertHandlingRules, facts: Pick<HandlingFacts, "openedAt" | "handledAt" | "firstSilencedAt">): boolean {
  const limit = facts.openedAt.getTime() + rules.handleWithinMs;
  return [facts.handledAt, facts.firstSilencedAt].some((at) => at !== undefined && at.getTime() <= limit);
}
