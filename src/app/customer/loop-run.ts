// Shared plumbing of the customer loop's use cases: the settings, the organisation's calendar,
// and who the reporting contact is.
import { ALWAYS_ON, type BusinessCalendar } from "../../core/sla/calendar.js";
import { DEFAULT_CUSTOMER_CONFIG, type CustomerConfig } from "../../core/survey/survey-machine.js";
import type { Incident, Person } from "../../core/incident/types.js";
import type { StoreTx } from "../../ports/store.js";
import type { AppContext } from "../app-context.js";

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
