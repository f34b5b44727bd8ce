import type { Actor, InboundEvent, Reply } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";

/** One open incident offered while someone types an incident key. */
export interface IncidentSuggestion {
  /** What the option receives when picked, e.g. "INC-42". */
  key: string;
  /** What the picker shows, e.g. "INC-42 · P2 · Database replica lag" (clipped to 100 characters). */
  label: string;
}

/** Settings for {@link createDiscordAdapter}; only `token` and `applicationId` are required. */
export interface DiscordAdapterConfig {
  /** Bot token, from DISCORD_TOKEN. */
  token: string;
  /** Application id (a snowflake), from DISCORD_APPLICATION_ID; commands are registered under it. */
  applicationId: string;
  /**
   * REST settings. `api` is the API base without the version, from DISCORD_API_URL (tests
   * point it at a fake; discord.js appends `/v10`). Default https://discord.com/api.
   */
  rest?: { api?: string };
  /**
   * Register the commands in this guild only (they appear at once) instead of globally
   * (which every server the bot is in gets, after Discord's propagation delay).
   */
  guildId?: string;
  /** Customer organisations offered by the `org` option's autocomplete (25 at a time, filtered by what is typed). */
  organisations?: { id: string; name: string }[];
  /** The organisation whose incident channel this is, if any: the `org` option suggests it first. */
  organisationFor?: (channelId: string) => string | undefined;
  /**
   * Open incidents `actor` may see whose key or title matches what they typed so far, for
   * the incident option's autocomplete. Must answer within about 2 s (Discord allows 3 s and
   * autocomplete cannot be deferred); without it the picker offers nothing and any typed key works.
   */
  suggestIncidents?: (actor: Actor, prefix: string) => Promise<IncidentSuggestion[]>;
  /** Where the adapter logs. Default: nowhere. */
  logger?: Logger;
  /** Per REST call time limit in ms; a timeout surfaces as a retryable ChatDeliveryError. Default 10 000. */
  requestTimeoutMs?: number;
  /** How long start() waits for the gateway session to become ready. Default 30 000. */
  readyTimeoutMs?: number;
}

/** The core's entry point, as ChatAdapter.start() receives it. */
export type EventHandler = (event: InboundEvent) => Promise<Reply>;
