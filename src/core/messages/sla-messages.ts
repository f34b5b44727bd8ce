// Rendering of SLA state for people: the clocks of /incident show, risk lines for lists and
// the digest, and the daily digest itself. Every string comes from copy-sla.ts.
import { SEVERITIES, type Severity } from "../incident/types.js";
import type { ClockView } from "../sla/clocks.js";
import { formatDuration } from "../sla/duration.js";
import type { ClockRisk, HolidayGap } from "../sla/risk.js";
import type { ClockName, ClockTarget } from "../sla/sla-types.js";
import type { OutboundMessage } from "../chat-types.js";
import { slaCopy } from "./copy-sla.js";

/** `20m`, or `30m on office` for a clock that does not run 24×7. */
export function targetText(target: ClockTarget): string {
  return slaCopy.target(formatDuration(target.targetMs), target.calendar);
}

/** One line per clock: target, elapsed, remaining or overdue, paused, met or missed. */
export function clockLines(views: readonly ClockView[]): string[] {
  if (views.length === 0) return [slaCopy.noClocks];
  return views.map((v) => {
    const title = slaCopy.clockTitle(v.name);
    const target = targetText(v.target);
    const elapsed = formatDuration(v.elapsedMs);
    const over = v.elapsedMs - v.target.targetMs;
    if (v.stoppedAt) return over > 0 ? slaCopy.clockMissed(title, target, elapsed) : slaCopy.clockMet(title, target, elapsed);
    if (over >= 0) return slaCopy.clockOverdue(title, target, elapsed, formatDuration(over));
    if (v.paused) return slaCopy.clockPaused(title, target, elapsed);
    return slaCopy.clockRunning(title, target, elapsed, formatDuration(-over));
  });
}

/** "restore overdue by 20m" or "response at 80 %, 4m left". */
export function riskText(risk: ClockRisk): string {
  const { view } = risk;
  const over = view.elapsedMs - view.target.targetMs;
  return risk.overdue ? slaCopy.listOverdue(view.name, formatDuration(over)) : slaCopy.listRisk(view.name, risk.share, formatDuration(-over));
}

/** What the daily digest says. */
export interface DigestContent {
  date: string;
  late: boolean;
  openBySeverity: Record<Severity, number>;
  atRisk: { key: string; severity: Severity; risk: ClockRisk }[];
  breaches: { key: string; clock: ClockName }[];
  holidayGaps: HolidayGap[];
}

const MAX_LINES = 20;

function capped<T>(items: readonly T[], line: (item: T) => string): string[] {
  if (items.length === 0) return [slaCopy.digestNone];
  const shown = items.slice(0, MAX_LINES).map(line);
  return items.length > MAX_LINES ? [...shown, slaCopy.digestMore(items.length - MAX_LINES)] : shown;
}

/** The daily digest for the duty-lead channel. */
export function digestMessage(d: DigestContent): OutboundMessage {
  const counts = SEVERITIES.map((s) => slaCopy.digestCount(s, d.openBySeverity[s])).join(" · ");
  const lines = [
    slaCopy.digestOpen(counts),
    slaCopy.digestAtRisk,
    ...capped(d.atRisk, (r) => slaCopy.digestRiskLine(r.key, r.severity, riskText(r.risk))),
    slaCopy.digestBreaches(d.breaches.length),
    ...capped(d.breaches, (b) => slaCopy.digestBreachLine(b.key, b.clock)),
    ...d.holidayGaps.map((g) => slaCopy.holidayGap(g.calendar, g.source, g.years.join(" and "))),
  ];
  return { title: slaCopy.digestTitle(d.date, d.late), text: lines.join("\n") };
}
