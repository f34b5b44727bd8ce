import type { Api } from "node-telegram-bot-api";
import { TelegramApiError } from "node-telegram-bot-api";
import type { Reply } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { renderMessage } from "./render.js";

// A flood wait longer than this is not worth holding a reply for: the person will retry.
const MAX_WAIT_MS = 30_000;
const MAX_ATTEMPTS = 3;

/**
 * Sends the core's replies to the person who wrote or pressed. Replies are not outbox rows
 * (they answer a live request, like Slack's ephemeral messages), so this honours a 429's
 * `retry_after` itself. Replies to one chat go out in order; the update handler does not
 * wait for them, so a slow send never holds up the next update.
 */
export class ReplySender {
  private readonly chains = new Map<number, Promise<boolean>>();

  constructor(
    private readonly api: Api,
    private readonly logger?: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Queue `reply` for `chatId` (in forum topic `threadId`, if any); resolves true once sent, false when given up. */
  send(chatId: number, reply: Reply, threadId?: number): Promise<boolean> {
    if (!reply.message.text && !reply.message.title) return Promise.resolve(true);
    const previous = this.chains.get(chatId) ?? Promise.resolve(true);
    const next = previous.then(() => this.deliver(chatId, reply, threadId));
    this.chains.set(chatId, next);
    void next.finally(() => {
      if (this.chains.get(chatId) === next) this.chains.delete(chatId);
    });
    return next;
  }

  /** Resolves when every queued reply has been sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async deliver(chatId: number, reply: Reply, threadId?: number): Promise<boolean> {
    const message = renderMessage(reply.message);
    const topic = threadId ? { message_thread_id: threadId } : {};
    for (let attempt = 1; ; attempt++) {
      try {
        await this.api.sendMessage({ chat_id: chatId, ...message, ...topic, link_preview_options: { is_disabled: true } });
        return true;
      } catch (error) {
        const waitMs = error instanceof TelegramApiError && error.errorCode === 429 ? (error.retryAfter ?? 1) * 1000 : undefined;
        if (waitMs === undefined || waitMs > MAX_WAIT_MS || attempt >= MAX_ATTEMPTS) {
          this.logger?.warn({ err: error, chatId, attempt }, "telegram reply not delivered");
          return false;
        }
        await this.sleep(waitMs);
      }
    }
  }
}
