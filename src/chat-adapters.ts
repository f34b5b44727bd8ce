// Part of the composition root: which chat adapters run, from the environment. Each adapter
// whose credentials are present is on; main adds the console when none is.
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { createSlackAdapter } from "../adapters/slack/index.js";
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { suggestIncidents } from "./app/suggest-incidents.js";
import type { Env } from "./config/env.js";
import type { Policy } from "./core/policy.js";
import type { ChatAdapter, Platform } from "./ports/chat.js";
import type { Clock } from "./ports/clock.js";
import { orgForPlace } from "./core/incident/organisation-for-place.js";
import type { HttpRouter } from "./ports/http.js";
import type { Logger } from "./ports/logger.js";
import type { Store } from "./ports/store.js";

/** Whether any chat platform has credentials (otherwise the console adapter runs). */
export function anyChatPlatform(env: Env): boolean {
  return Boolean((env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET) || (env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) || env.TELEGRAM_BOT_TOKEN);
}

/** The platform adapters the environment enables, mounted on `router` where they take webhooks. */
export function platformAdapters(env: Env, policy: Policy, store: Store, router: HttpRouter, logger: Logger, clock: Clock): ChatAdapter[] {
  const organisations = policy.organisations.map((o) => ({ id: o.id, name: o.name }));
  // Where a channel already says which customer it is for, forms and pickers start on it.
  const organisationFor = (platform: Platform) => (channelId: string) => orgForPlace(policy, { platform, channelId });
  const adapters: ChatAdapter[] = [];
  if (env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET) {
    adapters.push(
      createSlackAdapter({ botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, apiUrl: env.SLACK_API_URL, router, organisations, organisationFor: organisationFor("slack"), logger }),
    );
  }
  if (env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) {
    adapters.push(
      createDiscordAdapter({
        token: env.DISCORD_TOKEN,
        applicationId: env.DISCORD_APPLICATION_ID,
        ...(env.DISCORD_API_URL ? { rest: { api: env.DISCORD_API_URL } } : {}),
        ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
        organisations,
        organisationFor: organisationFor("discord"),
        logger,
        suggestIncidents: (actor, prefix) => suggestIncidents(store, actor, prefix),
      }),
    );
  }
  if (env.TELEGRAM_BOT_TOKEN) {
    // Long polling unless a webhook secret is set; the webhook is mounted on the HTTP server.
    adapters.push(
      createTelegramAdapter({
        token: env.TELEGRAM_BOT_TOKEN,
        apiUrl: env.TELEGRAM_API_URL,
        webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
        router,
        logger,
        // Seen update ids and moved groups live in the database, so a restart answers nothing twice.
        memory: store.chatMemory,
        now: () => clock.now(),
      }),
    );
  }
  return adapters;
}
