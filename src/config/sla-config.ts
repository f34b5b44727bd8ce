// Turns the validated SLA sections of the policy file into the engine's SlaConfig: compiled
// calendars and complete policies. Every policy starts from the built-in table (product.md);
// what the file writes replaces those targets and `off` removes a clock.
import { SEVERITIES, type Severity } from "../core/incident/types.js";
import { ALWAYS_ON, buildCalendar, type BusinessCalendar } from "../core/sla/calendar.js";
import type { CalendarSpec } from "../core/sla/calendar-spec.js";
import {
  ALWAYS_ON_NAME,
  BUSINESS_NAME,
  DEFAULT_BUSINESS_CALENDAR,
  DEFAULT_POLICY,
  DEFAULT_POLICY_NAME,
  DEFAULT_SLA_SETTINGS,
} from "../core/sla/default-policy.js";
import { parseLocalTime } from "../core/sla/local-time.js";
import { CLOCKS, type SeverityTargets, type SlaConfig, type SlaPolicy } from "../core/sla/sla-types.js";
import type { TargetInput } from "./sla-schema.js";

type PolicyInput = Partial<Record<Severity, Partial<Record<(typeof CLOCKS)[number], TargetInput | undefined>> | undefined>>;

/** The SLA sections as the schema outputs them. */
export interface SlaSectionsInput {
  timezone: string;
  calendars?: Record<string, CalendarSpec>;
  policies?: Record<string, PolicyInput>;
  organisations: { id: string; policy?: string }[];
  sla?: { repeatEvery?: number; maxRepeats?: number; reportAfterOutage?: number };
  digest?: { at?: string };
}

function compileCalendars(input: SlaSectionsInput): Record<string, BusinessCalendar> {
  const calendars: Record<string, BusinessCalendar> = {
    [ALWAYS_ON_NAME]: ALWAYS_ON,
    [BUSINESS_NAME]: buildCalendar(DEFAULT_BUSINESS_CALENDAR, input.timezone),
  };
  for (const [name, spec] of Object.entries(input.calendars ?? {})) calendars[name] = buildCalendar(spec, input.timezone);
  return calendars;
}

function completePolicy(input: PolicyInput): SlaPolicy {
  const entries = SEVERITIES.map((severity): [Severity, SeverityTargets] => {
    const targets: SeverityTargets = { ...DEFAULT_POLICY[severity] };
    for (const clock of CLOCKS) {
      const given = input[severity]?.[clock];
      if (given === "off") delete targets[clock];
      else if (given) targets[clock] = { targetMs: given.targetMs, calendar: given.calendar ?? ALWAYS_ON_NAME };
    }
    return [severity, targets];
  });
  return Object.fromEntries(entries) as SlaPolicy;
}

/** Compile the SLA sections (already validated, names already cross-checked). */
export function buildSlaConfig(input: SlaSectionsInput): SlaConfig {
  const policies: Record<string, SlaPolicy> = { [DEFAULT_POLICY_NAME]: DEFAULT_POLICY };
  for (const [name, policy] of Object.entries(input.policies ?? {})) policies[name] = completePolicy(policy);
  return {
    calendars: compileCalendars(input),
    policies,
    organisationPolicy: Object.fromEntries(input.organisations.map((o) => [o.id, o.policy ?? DEFAULT_POLICY_NAME])),
    repeatEveryMs: input.sla?.repeatEvery ?? DEFAULT_SLA_SETTINGS.repeatEveryMs,
    maxRepeats: input.sla?.maxRepeats ?? DEFAULT_SLA_SETTINGS.maxRepeats,
    reportAfterOutageMs: input.sla?.reportAfterOutage ?? DEFAULT_SLA_SETTINGS.reportAfterOutageMs,
    digestAtMinutes: parseLocalTime(input.digest?.at ?? "") ?? DEFAULT_SLA_SETTINGS.digestAtMinutes,
  };
}
