import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Partials, Routes, type APIMessage, type RateLimitData } from "discord.js";
import type { Address, ChatAdapter, Intake, MessageRef, OutboundMessage, PostDelivery, RateLimit, Reply, ReplyRoute } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { commandDefinitions } from "./commands.js";
import { toDeliveryError } from "./errors.js";
import { registerInteractions, replyBody } from "./interactions.js";
import { renderMessage } from "./render.js";
import { CardThreads } from "./threads.js";
import type { DiscordAdapterConfig, EventHandler } from "./types.js";

export type { DiscordAdapterConfig, IncidentSuggestion } from "./types.js";

const SILENT: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SUGGEST_TIMEOUT_MS = 2000;

/**
 * Creates the Discord adapter: the real discord.js Client on the gateway (Guilds intent
 * only) for interactions, and its REST client for registering commands, posting and
 * editing cards and writing in card threads.
 */
export function createDiscordAdapter(config: DiscordAdapterConfig): ChatAdapter {
  return new DiscordAdapter(config);
}

class DiscordAdapter implements ChatAdapter {
  readonly platform = "discord" as const;
  // Discord allows ~5 messages per 5 s per channel; the outbox paces, the adapter never waits.
  readonly rateLimit: RateLimit = { perChannelPerSecond: 1, burst: 5 };
  private readonly client: Client;
  private readonly threads: CardThreads;
  private readonly log: Logger;
  private onEvent?: EventHandler;
  private intake?: Intake;
  private started = false;

  constructor(private readonly config: DiscordAdapterConfig) {
    this.log = config.logger ?? SILENT;
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // Build the interaction's channel from its own payload, not only from the cache: a
      // command typed in a card's thread must say so (thread → threadId, parent → channel).
      partials: [Partials.Channel],
      rest: {
        ...(config.rest?.api ? { api: config.rest.api } : {}),
        // The outbox owns retries: a 429 must surface at once as Retry-After for that
        // channel's row, not park this client's queue (and every other channel) behind it.
        rejectOnRateLimit: rejectUnlessInteraction,
        retries: 0,
        timeout: config.requestTimeoutMs ?? 10_000,
      },
    });
    // Posting and editing need only the token, not a gateway session. login() strips a
    // "Bot " prefix people paste along; do the same so both use one token.
    this.client.rest.setToken(config.token.replace(/^(Bot|Bearer)\s*/i, ""));
    this.threads = new CardThreads(this.client.rest);
    // Without an `error` listener an error inside discord.js would crash the process.
    this.client.on(Events.Error, (error) => this.log.error({ err: String(error) }, "discord: client error"));
    registerInteractions(this.client, {
      handler: () => this.onEvent,
      intake: () => this.intake,
      suggest: config.suggestIncidents,
      organisations: config.organisations ?? [],
      organisationFor: config.organisationFor,
      suggestTimeoutMs: SUGGEST_TIMEOUT_MS,
      log: this.log,
    });
  }

  /** @inheritdoc */
  async start(onEvent: EventHandler, intake?: Intake): Promise<void> {
    this.onEvent = onEvent;
    this.intake = intake;
    if (this.started) return;
    // Registering first makes a wrong token or application id fail start(), not the first command.
    const route = this.config.guildId
      ? Routes.applicationGuildCommands(this.config.applicationId, this.config.guildId)
      : Routes.applicationCommands(this.config.applicationId);
    await this.client.rest.put(route, { body: commandDefinitions(this.config.organisations) });
    await this.connect();
    this.started = true;
    this.log.info({ user: this.client.user?.id }, "discord: connected");
  }

  private async connect(): Promise<void> {
    const timeoutMs = this.config.readyTimeoutMs ?? 30_000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`discord: gateway not ready after ${timeoutMs} ms`)), timeoutMs);
    const ready = once(this.client, Events.ClientReady, { signal: controller.signal });
    // If login() fails first, the abandoned wait must not surface as an unhandled rejection.
    ready.catch(() => undefined);
    try {
      await this.client.login(this.config.token);
      await ready;
    } catch (error) {
      await this.client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    this.onEvent = undefined;
    if (!this.started) return;
    this.started = false;
    await this.client.destroy();
  }

  /** @inheritdoc The gateway session is up. */
  connected(): boolean {
    return this.started && this.client.isReady();
  }

  /** @inheritdoc */
  async post(to: Address, message: OutboundMessage, delivery?: PostDelivery): Promise<MessageRef> {
    // Discord's own idempotency: a re-send with the same nonce returns the message already posted.
    const body = { ...renderMessage(message), ...(delivery ? { nonce: delivery.key, enforce_nonce: true } : {}) };
    try {
      if (to.threadId) {
        const { threadId, message: sent } = await this.threads.post(to.channelId, to.threadId, body);
        return { platform: "discord", channelId: threadId, messageId: sent.id };
      }
      const sent = (await this.client.rest.post(Routes.channelMessages(to.channelId), { body })) as APIMessage;
      this.threads.rememberTitle(sent.id, message.title);
      return { platform: "discord", channelId: to.channelId, messageId: sent.id };
    } catch (error) {
      throw toDeliveryError(to.threadId ? "thread message" : "create message", error);
    }
  }

  /** @inheritdoc */
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    try {
      await this.client.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body: renderMessage(message) });
      this.threads.rememberTitle(ref.messageId, message.title);
    } catch (error) {
      throw toDeliveryError("edit message", error);
    }
  }

  /**
   * @inheritdoc Through the interaction's token (valid 15 minutes, no bot token needed): the
   * deferred reply is edited, or an ephemeral follow-up posted, as discord.js would.
   */
  async deliverReply(route: ReplyRoute, reply: Reply): Promise<void> {
    const body = replyBody(reply, route.kind);
    try {
      if (route.kind === "original") await this.client.rest.patch(Routes.webhookMessage(route.applicationId, route.token, "@original"), { body, auth: false });
      else await this.client.rest.post(Routes.webhook(route.applicationId, route.token), { body, auth: false });
    } catch (error) {
      throw toDeliveryError("interaction reply", error);
    }
  }
}

/**
 * Interaction answers go to per-token buckets and have minutes to arrive, so a rare 429 there
 * is waited out: failing it would lose the person's reply, which no outbox retries.
 */
function rejectUnlessInteraction(data: RateLimitData): boolean {
  return !/^\/(interactions|webhooks)\//.test(data.route);
}
