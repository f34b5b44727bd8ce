import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import {
  ChatDeliveryError,
  type Address,
  type ChatAdapter,
  type MessageRef,
  type OutboundMessage,
  type Intake,
  type PostDelivery,
  type RateLimit,
  type Reply,
  type ReplyRoute,
} from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { boltLogger } from "./bolt-logger.js";
import { toDeliveryError } from "./errors.js";
import { postPrivately, privateResponse, registerListeners, type EventHandler } from "./listeners.js";
import { renderMessage } from "./render.js";
import { findPosted, outboxMetadata } from "./sent-lookup.js";
import { WorkQueue } from "./work-queue.js";
import { SLACK_EVENTS_PATH, type SlackAdapterConfig } from "./types.js";

export { SLACK_EVENTS_PATH, type SlackAdapterConfig } from "./types.js";

/**
 * Creates the Slack adapter: the real Bolt App in HTTP mode, its receiver mounted on
 * Vigil's HTTP router at /slack/events (no second port), Web API calls to `apiUrl`.
 */
export function createSlackAdapter(config: SlackAdapterConfig): ChatAdapter {
  return new SlackAdapter(config);
}

class SlackAdapter implements ChatAdapter {
  readonly platform = "slack" as const;
  // Slack allows ~1 chat.postMessage per second per channel with short bursts; the outbox paces.
  readonly rateLimit: RateLimit = { perChannelPerSecond: 1, burst: 3 };
  private readonly app: App;
  private readonly receiver: HTTPReceiver;
  private readonly log: Logger;
  private readonly queue: WorkQueue;
  private onEvent?: EventHandler;
  private intake?: Intake;
  private initialised = false;
  private mounted = false;

  constructor(private readonly config: SlackAdapterConfig) {
    const logger = config.logger ? boltLogger(config.logger) : undefined;
    const logLevel = logger ? undefined : LogLevel.WARN;
    this.receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: [SLACK_EVENTS_PATH],
      logger,
      logLevel,
      unhandledRequestTimeoutMillis: config.ackTimeoutMs ?? 3001,
    });
    this.app = new App({
      token: config.botToken,
      receiver: this.receiver,
      // Without this the constructor fires auth.test before anyone could start a fake or catch a failure.
      deferInitialization: true,
      logger,
      logLevel,
      clientOptions: {
        slackApiUrl: withTrailingSlash(config.apiUrl ?? "https://slack.com/api/"),
        // The outbox owns retries and pacing: the WebClient's default policy would retry for
        // ~30 minutes and pause its whole queue on one channel's 429.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: config.requestTimeoutMs ?? 10_000,
      },
    });
    this.log = config.logger ?? fromBoltLogger(this.app.logger);
    this.queue = new WorkQueue(config.maxConcurrentEvents ?? 1);
    registerListeners(this.app, { handler: () => this.onEvent, intake: () => this.intake, organisations: config.organisations, organisationFor: config.organisationFor, log: this.log, queue: this.queue });
  }

  /** @inheritdoc */
  async start(onEvent: EventHandler, intake?: Intake): Promise<void> {
    if (!this.initialised) {
      // auth.test: a wrong token fails start() instead of every later request.
      await this.app.init();
      this.initialised = true;
    }
    this.onEvent = onEvent;
    this.intake = intake;
    if (!this.mounted) {
      this.config.router.mount(SLACK_EVENTS_PATH, (req, res) => this.serve(req, res));
      this.mounted = true;
    }
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    // The router has no unmount; the mounted listener answers 503 while stopped.
    this.onEvent = undefined;
    // Requests already acknowledged are carried out before the store goes away.
    await this.queue.idle();
  }

  /**
   * @inheritdoc A command's or a click's reply goes to its response_url (valid 30 minutes,
   * as Bolt's respond() posts it); a modal's is whispered in its channel, or sent as a DM.
   */
  async deliverReply(route: ReplyRoute, reply: Reply): Promise<void> {
    if (route.responseUrl) {
      const answer = await fetch(route.responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(privateResponse(reply)),
        signal: AbortSignal.timeout(this.config.requestTimeoutMs ?? 10_000),
      });
      if (!answer.ok) throw new ChatDeliveryError(`response_url: HTTP ${answer.status}`);
      return;
    }
    if (!route.userId) throw new ChatDeliveryError("reply route without response_url or user");
    await postPrivately({ log: this.log }, this.app.client, route.channelId ?? "", route.userId, renderMessage(reply.message));
  }

  /** @inheritdoc Slack calls us: connected while the mounted receiver takes requests. */
  connected(): boolean {
    return this.onEvent !== undefined;
  }

  /** @inheritdoc */
  async post(to: Address, message: OutboundMessage, delivery?: PostDelivery): Promise<MessageRef> {
    if (delivery?.mayAlreadyBeSent) {
      const ts = await findPosted(this.app.client, to, delivery.key, this.log);
      if (ts) return { platform: "slack", channelId: to.channelId, messageId: ts };
    }
    const { text, blocks } = renderMessage(message);
    let result;
    try {
      result = await this.app.client.chat.postMessage({
        channel: to.channelId,
        text,
        blocks,
        ...(to.threadId ? { thread_ts: to.threadId } : {}),
        ...(delivery ? { metadata: outboxMetadata(delivery.key) } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      throw toDeliveryError("chat.postMessage", error);
    }
    if (!result.ts) throw new ChatDeliveryError("chat.postMessage: answer without ts");
    // A DM addressed by user id comes back with its D… channel id, which chat.update needs.
    return { platform: "slack", channelId: result.channel ?? to.channelId, messageId: result.ts };
  }

  /** @inheritdoc */
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    const { text, blocks } = renderMessage(message);
    try {
      await this.app.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks });
    } catch (error) {
      throw toDeliveryError("chat.update", error);
    }
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    if (!this.onEvent) {
      res.writeHead(503).end();
      return;
    }
    try {
      this.receiver.requestListener(req, res);
    } catch {
      // Bolt throws for paths/methods it does not handle (e.g. GET /slack/events).
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function fromBoltLogger(logger: App["logger"]): Logger {
  return {
    info: (fields, message) => logger.info(message, fields),
    warn: (fields, message) => logger.warn(message, fields),
    error: (fields, message) => logger.error(message, fields),
  };
}
