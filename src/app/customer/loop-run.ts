// Shared plumbing of the customer loop's use cases: the run they act in (a command's run or a
// timer's), the settings, the organisation's calendar, and who the reporting contact is.
import { TRANSITION_KIND } from "../../core/incident/timeline-kinds.js";
import { ALWAYS_ON, type BusinessCalendar } from "../../core/sla/calendar.js";
import { DEFAULT_CUSTOMER_CONFIG, type CustomerConfig } from "../../core/survey/survey-machine.js";
import type { Incident, NewTimelineEntry, Person } from "../../core/incident/types.js";
import type { Platform } from "../../ports/chat.js";
import type { StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";
import type { Notifier } from "../notifier.js";
import { slaAfterChange } from "../sla/sla-engine.js";

/** A customer-loop step inside one transaction: a person's command or button, or a due timer. */
export interface LoopRun {
  ctx: AppContext;
  tx: StoreTx;
  now: Date;
  notify: Notifier;
  /** Who acted; absent when a deadline acted (the timeline then says "system"). */
  actor?: Person;
  platform?: Platform;
}

// "Next working day" only means something on working hours: without a calendar of its own an
// organisation uses the built-in 5×8 business calendar.
const DEFAULT_ORGANISATION_CALENDAR = "business";

/** The customer loop's settings (defaults when the policy file has none). */
export function customerConfig(ctx: AppContext): CustomerConfig {
  return ctx.policy.customer ?? DEFAULT_CUSTOMER_CONFIG;
}

/** The calendar the organisation's working days are counted on. */
export function organisationCalendar(ctx: AppContext, organisationId: string): BusinessCalendar {
  const org = ctx.policy.organisations.find((o) => o.id === organisationId);
  const calendars = ctx.policy.sla.calendars;
  return calendars[org?.calendar ?? DEFAULT_ORGANISATION_CALENDAR] ?? calendars[DEFAULT_ORGANISATION_CALENDAR] ?? ALWAYS_ON;
}

/** The incident's reporter if they are a customer contact (the customer loop talks only to them). */
export async function reportingContact(tx: StoreTx, incident: Incident): Promise<Person | undefined> {
  const reporter = await tx.directory.findPerson(incident.reporterId);
  return reporter?.role === "contact" ? reporter : undefined;
}

// Only the customer's closes and reopens move SLA clocks; surveys and complaints do not.
const LIFECYCLE_KINDS: ReadonlySet<string> = new Set(Object.values(TRANSITION_KIND));

/**
 * Append a timeline entry as the run's actor, or as the system. A close or reopen goes
 * through the SLA engine like a command's, so the customer's answer moves the clocks too.
 */
export async function recordLoop(run: LoopRun, incident: Incident, kind: string, details: Record<string, unknown>): Promise<void> {
  const entry: NewTimelineEntry = { incidentId: incident.id, at: run.now, kind, platform: run.platform ?? "system", details };
  if (run.actor) entry.actorId = run.actor.id;
  await run.tx.timeline.append(entry);
  if (LIFECYCLE_KINDS.has(kind)) await slaAfterChange(run, incident, kind);
}

/** Store a changed incident (version-checked) and refresh its cards. */
export async function saveIncident(run: LoopRun, next: Incident): Promise<Incident> {
  const stored = await run.tx.incidents.update({ ...next, updatedAt: run.now });
  await run.notify.card(run.tx, stored, run.now);
  return stored;
}
