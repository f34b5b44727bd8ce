// Every user-facing string of the SLA engine (part of the copy module; see copy.ts): nudges,
// automatic escalations, waits, post-incident reports, clocks, on-call, digest and reports.
import type { Severity } from "../incident/types.js";
import type { ClockName } from "../sla/sla-types.js";

const CLOCK_LABEL: Record<ClockName, string> = {
  response: "response",
  update: "status update",
  restore: "restore",
  resolve: "resolve",
  report: "post-incident report",
};

/** "80 %" */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export const slaCopy = {
  clock: (name: ClockName) => CLOCK_LABEL[name],
  clockTitle: (name: ClockName) => CLOCK_LABEL[name].charAt(0).toUpperCase() + CLOCK_LABEL[name].slice(1),
  /** `20m` or `30m on office` when the clock does not run 24×7. */
  target: (duration: string, calendar: string) => (calendar === "24x7" ? duration : `${duration} on ${calendar}`),
  /** A nudge or alert with who it is for; `(late)` when the threshold passed while the bot was down. */
  nudge: (main: string, late: boolean, forWhom: string) => `${main}${late ? " (late)" : ""}. ${forWhom}`,

  // Who a nudge is for
  forAssignee: (name: string) => `Assignee: ${name}.`,
  forOncall: (names: string) => `On call: ${names}.`,
  forNobody: "Nobody is assigned or on call.",

  // Nudges in the incident's thread and the duty-lead channel
  warning: (key: string, clock: ClockName, target: string, left: string) => `⏳ ${key}: ${CLOCK_LABEL[clock]} target ${target} is 75 % used, ${left} left`,
  breach: (key: string, clock: ClockName, target: string) => `🔥 ${key}: ${CLOCK_LABEL[clock]} target ${target} breached`,
  repeat: (key: string, clock: ClockName, overdue: string, n: number, max: number) =>
    `🔥 ${key}: ${CLOCK_LABEL[clock]} still overdue by ${overdue} (reminder ${n} of ${max})`,
  dutyBreach: (key: string, severity: Severity, title: string, clock: ClockName, target: string) =>
    `🔥 ${key} (${severity}) ${title}: ${CLOCK_LABEL[clock]} target ${target} breached`,

  // Automatic escalation (actor: the system)
  autoReason: (clock: ClockName, target: string) => `${CLOCK_LABEL[clock]} target ${target} breached`,
  autoTier: (key: string, tierName: string, reason: string) => `⬆️ Vigil escalated ${key} to ${tierName}: ${reason}`,
  autoSeverity: (key: string, from: Severity, to: Severity, tierName: string, reason: string) =>
    `⬆️ Vigil raised ${key} ${from} → ${to} and escalated it to ${tierName}: ${reason}`,
  dutyAuto: (key: string, severity: Severity, title: string, tierName: string, reason: string) =>
    `⬆️ ${key} (${severity}) ${title} escalated to ${tierName} by Vigil: ${reason}`,

  // Waiting on the customer
  waiting: (actor: string, key: string, what: string) => `⏸ ${actor}: ${key} is waiting on the customer: ${what}. The restore and resolve clocks are paused.`,
  waitingReply: (key: string) => `${key} is waiting on the customer; the restore and resolve clocks are paused until /incident resume ${key}.`,
  alreadyWaiting: (key: string, since: string, what: string) => `${key} has been waiting on the customer since ${since} (for: ${what}).`,
  notWaiting: (key: string) => `${key} is not waiting on the customer.`,
  resumed: (actor: string, key: string, waited: string) => `▶️ ${actor} resumed ${key}: the restore and resolve clocks run again after ${waited} waiting on the customer.`,
  customerAnswered: (name: string, key: string, waited: string) => `▶️ ${name} answered; ${key}'s restore and resolve clocks run again after ${waited}.`,
  resumedReply: (key: string) => `${key}: the restore and resolve clocks run again.`,

  // Post-incident report
  postmortem: (actor: string, key: string, text: string) => `📄 ${actor} attached the post-incident report of ${key}: ${text}`,
  postmortemReply: (key: string) => `Post-incident report attached to ${key}.`,
  postmortemReplaced: (key: string) => `Post-incident report of ${key} replaced.`,

  // Clocks in /incident show and lists
  clocksTitle: "SLA clocks",
  noClocks: "No SLA clock applies.",
  clockRunning: (title: string, target: string, elapsed: string, left: string) => `• ${title}: target ${target}, ${elapsed} elapsed, ${left} left`,
  clockOverdue: (title: string, target: string, elapsed: string, over: string) => `• ${title}: target ${target}, ${elapsed} elapsed, overdue by ${over}`,
  clockPaused: (title: string, target: string, elapsed: string) => `• ${title}: target ${target}, ${elapsed} elapsed, paused (waiting on the customer)`,
  clockMet: (title: string, target: string, took: string) => `• ${title}: target ${target}, met in ${took}`,
  clockMissed: (title: string, target: string, took: string) => `• ${title}: target ${target}, missed (took ${took})`,
  listRisk: (clock: ClockName, share: number, left: string) => `${CLOCK_LABEL[clock]} at ${percent(share)}, ${left} left`,
  listOverdue: (clock: ClockName, over: string) => `${CLOCK_LABEL[clock]} overdue by ${over}`,

  // On call
  oncallNow: (names: string) => `On call: ${names}.`,
  oncallSetBy: (by: string, when: string) => `Set by ${by} at ${when}.`,
  oncallFromFile: "From the policy file (nobody has changed it in chat).",
  oncallNobody: "Nobody is on call. A lead can set it with /oncall set @a @b.",
  oncallChanged: (names: string) => `On call is now: ${names}.`,
  oncallBadAction: (word: string) => `“${word}” is not an /oncall action (use /oncall, or /oncall set @a @b).`,
  oncallNeedsPeople: "Name at least one person: /oncall set @a @b.",
  oncallNotStaff: (value: string) => `“${value}” is not a member of staff Vigil knows (use @id).`,

  // Daily digest
  digestTitle: (date: string, late: boolean) => `Daily digest · ${date}${late ? " (late)" : ""}`,
  digestOpen: (counts: string) => `Open incidents: ${counts}`,
  digestCount: (severity: Severity, n: number) => `${severity} ${n}`,
  digestAtRisk: "Clocks at risk (≥ 75 %):",
  digestRiskLine: (key: string, severity: Severity, state: string) => `• ${key} (${severity}) ${state}`,
  digestBreaches: (n: number) => `Breaches yesterday: ${n}`,
  digestBreachLine: (key: string, clock: ClockName) => `• ${key} ${CLOCK_LABEL[clock]}`,
  digestNone: "• none",
  digestMore: (n: number) => `• … and ${n} more`,
  holidayGap: (calendar: string, source: string, years: string) =>
    `⚠️ Calendar “${calendar}” has no ${source} holiday data for ${years}: public holidays there would count as working days.`,

  // Reports
  badMonth: (value: string) => `“${value}” is not a month (use YYYY-MM, e.g. 2026-11).`,
  reportTitle: (month: string, scope: string) => `SLA report · ${month} · ${scope}`,
  allOrganisations: "all organisations",
  reportIncidents: (total: number, counts: string) => `Incidents opened: ${total}${total ? ` (${counts})` : ""}`,
  reportWithin: "Within target (met of decided):",
  reportSeverityLine: (severity: Severity, parts: string) => `${severity}: ${parts}`,
  reportClockPart: (clock: ClockName, met: number, decided: number, pending: number) =>
    `${CLOCK_LABEL[clock]} ${decided ? `${met}/${decided} (${percent(met / decided)})` : "–"}${pending ? `, ${pending} running` : ""}`,
  reportTimes: (name: string, n: number, median: string, p90: string) => `${name}: median ${median}, p90 ${p90} (${n} incidents)`,
  reportNoTimes: (name: string) => `${name}: no data`,
  reportBreaches: (n: number, parts: string) => `Breaches: ${n}${n ? ` (${parts})` : ""}`,
  reportEscalations: (n: number) => `Escalations: ${n}`,
  reportGoal: (verdict: string, within3: string, within7: string, pending: number) =>
    `Portfolio goal (P1–P3 solved: 80 % within 3 days, 100 % within 7 days): ${verdict}. ${within3} within 3 days, ${within7} within 7 days${pending ? `; ${pending} still open` : ""}.`,
  goalMet: "met",
  goalMissed: "not met",
  goalNoData: "no solved incidents yet",
  reportCsvWritten: (file: string) => `CSV written to ${file}`,
};
