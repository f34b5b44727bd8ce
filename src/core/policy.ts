import type { Platform } from "./chat-types.js";
import type { Person } from "./incident/types.js";
import type { SlaConfig } from "./sla/sla-types.js";
import type { CustomerConfig } from "./survey/survey-machine.js";
import type { AlertConfig } from "./alerts/alert-routing.js";

/** Channel ids per platform. */
export type ChannelMap = Partial<Record<Platform, string>>;

/** A customer organisation and where its incident cards go. */
export interface OrganisationPolicy {
  id: string;
  name: string;
  channels: ChannelMap;
  /** The calendar its working days are counted on (confirmation deadlines); default `business`. */
  calendar?: string;
}

/** The validated policy file, as the app uses it. */
export interface Policy {
  timezone: string;
  people: Person[];
  organisations: OrganisationPolicy[];
  dutyLeadChannels: ChannelMap;
  tierNames: string[];
  /** Calendars, policies and nudge settings, compiled. */
  sla: SlaConfig;
  /** The initial on-call roster (person ids) until someone sets one with /oncall set. */
  oncall: string[];
  /** Survey timing, complaint threshold, invitation lifetime (defaults when absent). */
  customer?: CustomerConfig;
  /** Alert receivers, routes and handling clocks; absent when the file has no `alerts:`. */
  alerts?: AlertConfig;
}

/** The organisation's display name (its id when the policy file does not know it). */
export function organisationName(policy: Pick<Policy, "organisations">, organisationId: string): string {
  return policy.organisations.find((o) => o.id === organisationId)?.name ?? organisationId;
}
