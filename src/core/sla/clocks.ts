/**
 * The SLA clocks of an incident, derived from its timestamps and SLA facts (product.md
 * table). Nothing here is stored: a severity change simply yields other targets measured
 * from the same start, and a reopen yields a new run of the resolve clock.
 */
import { SEVERITIES, type Incident, type Severity } from "../incident/types.js";
import type { BusinessCalendar } from "./calendar.js";
import { elapsedOn, reachOn, runningSegments, type ClockRun, type PauseSpan } from "./clock-run.js";
import { DEFAULT_POLICY, DEFAULT_POLICY_NAME } from "./default-policy.js";
import type { ClockName, ClockTarget, SeverityTargets, SlaConfig, SlaFacts } from "./sla-types.js";

/** One clock of one incident as seen at an instant. */
export interface ClockView {
  readonly name: ClockName;
  readonly target: ClockTarget;
  readonly calendar: BusinessCalendar;
  /** Identity of this run of the clock (its start, ISO): nudges are once per cycle. */
  readonly cycle: string;
  readonly startedAt: Date;
  readonly stoppedAt?: Date;
  /** Waiting on the customer right now. */
  readonly paused: boolean;
  /** Business time run so far. */
  readonly elapsedMs: number;
  /** When the clock will have run `ms` if nothing changes (undefined if it never will). */
  reach(ms: number): Date | undefined;
  /** Business time the clock had run at an instant. */
  elapsedAt(at: Date): number;
}

const UNMITIGATED = new Set(["open", "acknowledged"]);

/** The policy targets for an organisation's incident of a severity. */
export function targetsFor(config: SlaConfig, organisationId: string, severity: Severity): SeverityTargets {
  const name = config.organisationPolicy[organisationId] ?? DEFAULT_POLICY_NAME;
  return (config.policies[name] ?? DEFAULT_POLICY)[severity] ?? {};
}

/** Whether a post-incident report is due: the severity has a report target, or the outage was long. */
export function reportTarget(config: SlaConfig, incident: Incident): ClockTarget | undefined {
  const own = targetsFor(config, incident.organisationId, incident.severity).report;
  if (own) return own;
  const restoredAt = incident.mitigatedAt ?? incident.resolvedAt;
  if (!restoredAt || restoredAt.getTime() - incident.openedAt.getTime() <= config.reportAfterOutageMs) return undefined;
  // A long outage of a lower severity gets the report deadline of the nearest level that has one.
  const more = SEVERITIES.slice(0, SEVERITIES.indexOf(incident.severity)).reverse();
  for (const severity of more) {
    const target = targetsFor(config, incident.organisationId, severity).report;
    if (target) return target;
  }
  return undefined;
}

interface RunSpec {
  name: ClockName;
  target?: ClockTarget;
  run?: ClockRun;
}

const ms = (d: Date | undefined) => d?.getTime();

function runSpecs(config: SlaConfig, incident: Incident, facts: SlaFacts): RunSpec[] {
  const t = targetsFor(config, incident.organisationId, incident.severity);
  const opened = incident.openedAt.getTime();
  const pauses: PauseSpan[] = facts.pauses.map((p) => ({ from: p.from.getTime(), to: ms(p.to) }));
  const restoredAt = ms(incident.mitigatedAt ?? incident.resolvedAt);
  const updateStop = UNMITIGATED.has(incident.status) ? undefined : (restoredAt ?? ms(incident.closedAt) ?? facts.lastUpdateAt.getTime());
  const resolvedAt = ms(incident.resolvedAt);
  return [
    { name: "response", target: t.response, run: { start: opened, stop: ms(incident.acknowledgedAt), pauses: [] } },
    { name: "update", target: t.update, run: { start: facts.lastUpdateAt.getTime(), stop: updateStop, pauses: [] } },
    { name: "restore", target: t.restore, run: { start: opened, stop: restoredAt, pauses } },
    { name: "resolve", target: t.resolve, run: { start: ms(incident.reopenedAt) ?? opened, stop: resolvedAt, pauses } },
    {
      name: "report",
      target: reportTarget(config, incident),
      run: resolvedAt === undefined ? undefined : { start: resolvedAt, stop: ms(facts.postmortemAt), pauses: [] },
    },
  ];
}

/** Every clock that applies to the incident and has started, as seen at `now`. */
export function clockViews(config: SlaConfig, incident: Incident, facts: SlaFacts, now: Date): ClockView[] {
  const views: ClockView[] = [];
  for (const spec of runSpecs(config, incident, facts)) {
    if (!spec.target || !spec.run) continue;
    const calendar = config.calendars[spec.target.calendar];
    if (!calendar) throw new Error(`unknown calendar "${spec.target.calendar}"`);
    const segments = runningSegments(spec.run);
    const stopped = spec.run.stop !== undefined;
    const last = segments.at(-1);
    views.push({
      name: spec.name,
      target: spec.target,
      calendar,
      cycle: new Date(spec.run.start).toISOString(),
      startedAt: new Date(spec.run.start),
      stoppedAt: stopped ? new Date(Math.max(spec.run.stop!, spec.run.start)) : undefined,
      paused: !stopped && (last === undefined || last.to !== undefined),
      elapsedMs: elapsedOn(calendar, segments, now.getTime()),
      reach: (amount) => reachOn(calendar, segments, amount),
      elapsedAt: (at) => elapsedOn(calendar, segments, at.getTime()),
    });
  }
  return views;
}

/** Fresh facts for a new incident: the opening is its first public update. */
export function initialFacts(incident: Incident): SlaFacts {
  return { incidentId: incident.id, severity: incident.severity, lastUpdateAt: incident.openedAt, pauses: [] };
}

/**
 * Facts after the incident's severity became `severity`. When the new severity has an update
 * clock and the old one did not (P2 → P1), the clock starts now: the team cannot have owed an
 * hourly update for the time the incident was not P1.
 */
export function withSeverity(config: SlaConfig, incident: Incident, facts: SlaFacts, now: Date): SlaFacts {
  if (facts.severity === incident.severity) return facts;
  const before = targetsFor(config, incident.organisationId, facts.severity).update;
  const after = targetsFor(config, incident.organisationId, incident.severity).update;
  return { ...facts, severity: incident.severity, lastUpdateAt: !before && after ? now : facts.lastUpdateAt };
}
