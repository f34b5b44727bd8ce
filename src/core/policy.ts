import type { Platform } from "./chat-types.js";
import type { Person } from "./incident/types.js";

/** Channel ids per platform. */
export type ChannelMap = Partial<Record<Platform, string>>;

/** A customer organisation and where its incident cards go. */
export interface OrganisationPolicy {
  id: string;
  name: string;
  channels: ChannelMap;
}

/** The validated policy file, as the app uses it. */
export interface Policy {
  timezone: string;
  people: Person[];
  organisations: OrganisationPolicy[];
  dutyLeadChannels: ChannelMap;
  tierNames: string[];
  /** Raw SLA sections, interpreted by the SLA engine. */
  calendars?: Record<string, unknown>;
  policies?: Record<string, unknown>;
}
