import type { ClockName } from "../sla/sla-types.js";
import { SEVERITIES, type Incident, type Severity } from "./types.js";

/** What an automatic escalation changes. */
export interface AutoEscalation {
  tier: number;
  severity: Severity;
}

/** One level more severe (P3 → P2 → P1); P1 stays P1. */
export function raiseSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - 1)];
}

/**
 * The automatic escalation a breach calls for (product.md): a response breach raises the
 * tier; a restore breach raises the severity one level and the tier (domain.md: "when a
 * fault is not restored within its time limit, its level is raised automatically"). Nothing
 * when the clock has already stopped (help can no longer make it in time) or nothing can rise.
 * @param tierCount how many escalation tiers are configured.
 */
export function autoEscalation(incident: Incident, clock: ClockName, stopped: boolean, tierCount: number): AutoEscalation | undefined {
  if (stopped) return undefined;
  const tier = Math.min(incident.tier + 1, tierCount - 1);
  if (clock === "response") return tier > incident.tier ? { tier, severity: incident.severity } : undefined;
  if (clock !== "restore") return undefined;
  const severity = raiseSeverity(incident.severity);
  return tier > incident.tier || severity !== incident.severity ? { tier, severity } : undefined;
}
