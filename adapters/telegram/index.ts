import { Bot, nodeFrameworkWebhook, type Update } from "node-telegram-bot-api";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Address, ChatAdapter, InboundEvent, Intake, MessageRef, OutboundMessage, RateLimit, Reply, ReplyRoute } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { ChatDeliveryError } from "../../src/ports/chat.js";
import { isNotModified, toDeliveryError } from "./errors.js";
import { ChatMoves } from "./chat-moves.js";
import { HANDLED_UPDATES, translateUpdate, type BotIdentity } from "./inbound.js";
import { renderMessage } from "./render.js";
import { ReplySender } from "./replies.js";
import { TELEGRAM_WEBHOOK_PATH, type TelegramAdapterConfig } from "./types.js";
import { UpdateLedger } from "./update-ledger.js";

export { TELEGRAM_WEBHOOK_PATH, type TelegramAdapterConfig } from "./types.js";

type EventHandler = (event: InboundEvent) => Promise<Reply>;

/**
 * Creates the Telegram adapter: the real node-telegram-bot-api Bot, long-polling by default
 * or receiving webhook POSTs on Vigil's HTTP port when a webhook secret is configured.
 */
export function createTelegramAdapter(config: TelegramAdapterConfig): TelegramAdapter {
  return new TelegramAdapter(config);
}

/** The Telegram adapter (exported for tests that wait for its replies). */
export class TelegramAdapter implements ChatAdapter {
  readonly platform = "telegram" as const;
  /**
   * Telegram's limits: about 30 messages/s overall, 1/s per chat, 20/min per group (group
   * and supergroup chat ids are negative). The outbox enforces them; the library's own
   * limiter stays off so a process never waits inside an HTTP call.
   */
  readonly rateLimit: RateLimit;
  private readonly bot: Bot;
  private readonly replies: ReplySender;
  private readonly seen: UpdateLedger;
  private readonly moves: ChatMoves;
  private readonly log?: Logger;
  private me?: BotIdentity;
  private onEvent?: EventHandler;
  private intake?: Intake;
  private polling?: Promise<void>;
  private mounted = false;

  constructor(private readonly config: TelegramAdapterConfig) {
    // The outbox owns retries and Retry-After; the library's retry would sleep inside a call.
    this.bot = new Bot(config.token, { apiRoot: config.apiUrl, maxRetries: 0, timeoutMs: config.requestTimeoutMs ?? 10_000 });
    this.log = config.logger;
    this.seen = new UpdateLedger(() => String(this.me?.id ?? config.token.split(":")[0]), config.memory, config.now);
    this.moves = new ChatMoves(config.memory, config.logger, config.now);
    this.replies = new ReplySender(this.bot.api, config.logger);
    this.rateLimit = {
      perChannelPerSecond: 1,
      burst: 1,
      globalPerSecond: config.globalPerSecond ?? 30,
      channelLimit: (channelId) => (channelId.startsWith("-") ? { perChannelPerSecond: 20 / 60, burst: 1 } : undefined),
    };
    this.bot.use((ctx) => this.onUpdate(ctx.update));
    this.bot.catch((error, ctx) => this.log?.error({ err: error, updateId: ctx.update.update_id }, "telegram update failed"));
  }

  /** @inheritdoc */
  async start(onEvent: EventHandler, intake?: Intake): Promise<void> {
    // getMe: a wrong token fails start(); the username makes invitation links and group filtering work.
    const me = await this.bot.api.getMe();
    this.me = { id: me.id, username: me.username ?? "" };
    this.onEvent = onEvent;
    this.intake = intake;
    this.replies.resume();
    if (this.config.webhookSecret) return this.mountWebhook(this.config.webhookSecret);
    // A webhook left set makes getUpdates fail with 409; polling mode owns the updates.
    await this.bot.api.deleteWebhook({ drop_pending_updates: false });
    this.polling = this.bot
      .startPolling(undefined, {
        timeout: this.config.pollTimeoutSec ?? 30,
        allowedUpdates: [...HANDLED_UPDATES],
        onError: (error) => this.log?.warn({ err: error }, "telegram getUpdates failed; retrying"),
      })
      .catch((error: unknown) => this.log?.error({ err: error }, "telegram polling stopped"))
      .finally(() => (this.polling = undefined));
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    this.onEvent = undefined;
    this.bot.stop();
    await this.polling;
    this.polling = undefined;
    await this.replies.idle();
  }

  /** @inheritdoc Polling, or the webhook mounted, while started. */
  connected(): boolean {
    return this.onEvent !== undefined && (this.mounted || this.polling !== undefined);
  }

  /** @inheritdoc */
  async post(to: Address, message: OutboundMessage): Promise<MessageRef> {
    const chatId = await this.moves.current(to.channelId);
    try {
      return await this.send(chatId, to.threadId, message);
    } catch (error) {
      // A group upgraded to a supergroup: the same message, once, to its new id.
      const moved = await this.moves.movedBy(chatId, error);
      if (!moved) throw toDeliveryError("sendMessage", error);
      return this.send(moved, to.threadId, message).catch((again: unknown) => {
        throw toDeliveryError("sendMessage", again);
      });
    }
  }

  private async send(chatId: string, threadId: string | undefined, message: OutboundMessage): Promise<MessageRef> {
    const sent = await this.bot.api.sendMessage({
      chat_id: chatId,
      ...renderMessage(message),
      link_preview_options: { is_disabled: true },
      ...(threadId ? { reply_parameters: { message_id: Number(threadId), allow_sending_without_reply: true } } : {}),
    });
    return { platform: "telegram", channelId: String(sent.chat.id), messageId: String(sent.message_id) };
  }

  /** @inheritdoc */
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    try {
      await this.bot.api.editMessageText({ chat_id: ref.channelId, message_id: Number(ref.messageId), ...renderMessage(message) });
    } catch (error) {
      if (isNotModified(error)) return;
      // The card stayed in the old group; the outbox posts it again, to the supergroup.
      if (await this.moves.movedBy(ref.channelId, error)) throw new ChatDeliveryError("editMessageText: chat moved", undefined, true, true);
      throw toDeliveryError("editMessageText", error);
    }
  }

  /** @inheritdoc The reply of an update taken up after a crash: a message to the chat it came from. */
  async deliverReply(route: ReplyRoute, reply: Reply): Promise<void> {
    const sent = await this.replies.send(Number(route.chatId), reply, route.threadId ? Number(route.threadId) : undefined);
    if (!sent) throw new ChatDeliveryError("telegram reply not delivered");
  }

  /** @inheritdoc */
  inviteLink(code: string): string | undefined {
    return this.me?.username ? `https://t.me/${this.me.username}?start=${code}` : undefined;
  }

  /** Resolves when every reply queued so far has been sent (tests). */
  repliesSent(): Promise<void> {
    return this.replies.idle();
  }

  /**
   * One update. The library confirms its offset (or answers the webhook) only after this
   * resolves, and the event is in the inbox before the ledger marks it seen: a crash from
   * then on leaves it to the next process, which applies it and answers it.
   */
  private async onUpdate(update: Update): Promise<void> {
    const onEvent = this.onEvent;
    if (!onEvent || !this.me) return;
    const translated = translateUpdate(update, this.me);
    const event = translated?.event;
    const intake = this.intake;
    // False: still waiting in the inbox from a process that died; the one taking it up answers.
    if (event && intake && !(await intake.accept(event, replyRoute(translated)))) return;
    // A redelivered update still goes to the core: a process killed after noting the update and
    // before applying it (a fleet's leader, kill -9) would otherwise lose it. The core applies an
    // event id at most once; the ledger only keeps a redelivery from being answered twice.
    const first = await this.seen.firstTime(update.update_id);
    if (!translated) return;
    if (translated.callbackQueryId && first) {
      // Answer first so the button's spinner stops, whatever the work then takes.
      await this.bot.api.answerCallbackQuery({ callback_query_id: translated.callbackQueryId }).catch((error: unknown) => {
        this.log?.warn({ err: error, updateId: update.update_id }, "telegram answerCallbackQuery failed");
      });
    }
    if (!event) return;
    const reply = await onEvent(event);
    if (!first) {
      await intake?.done(event.eventId);
      return;
    }
    // Not awaited (a slow send must not hold up the next update); the inbox row goes once it is sent.
    void this.replies
      .send(translated.replyChatId, reply, translated.replyThreadId)
      .then((sent) => (sent ? intake?.done(event.eventId) : intake?.release(event.eventId)))
      .catch((error: unknown) => this.log?.error({ err: error, eventId: event.eventId }, "telegram: inbox row not updated"));
  }

  private mountWebhook(secretToken: string): void {
    if (this.mounted) return;
    if (!this.config.router) throw new Error("Telegram webhook mode needs Vigil's HTTP router");
    const handle = nodeFrameworkWebhook(this.bot, { secretToken });
    this.config.router.mount(TELEGRAM_WEBHOOK_PATH, (req: IncomingMessage, res: ServerResponse) => {
      // Telegram only ever POSTs; anything else is a person or a scanner, not a failure of ours.
      if (req.method !== "POST") {
        res.writeHead(405, { allow: "POST" }).end();
        return;
      }
      if (!this.onEvent) {
        // Stopped: 503 makes Telegram redeliver later instead of losing the update.
        res.writeHead(503).end();
        return;
      }
      return handle(req, res);
    });
    this.mounted = true;
  }
}

function replyRoute(translated: { replyChatId: number; replyThreadId?: number }): ReplyRoute {
  return { chatId: String(translated.replyChatId), ...(translated.replyThreadId ? { threadId: String(translated.replyThreadId) } : {}) };
}
