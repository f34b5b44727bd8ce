/** What every incident timer's key starts with (SQL that joins on the key builds it from this). */
export const INCIDENT_TIMER_PREFIX = "incident:";

/** The key of an incident's own deadline row: its SLA clocks, and the row its SLA facts live on. */
export function incidentTimerKey(incidentId: number): string {
  return `${INCIDENT_TIMER_PREFIX}${incidentId}`;
}
