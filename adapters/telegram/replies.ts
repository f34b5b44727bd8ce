import type { Api } from "node-telegram-bot-api";
import { TelegramApiError } from "node-telegram-bot-api";
import type { Reply } from "../../src/ports/chat.js";
import type { Logger } from "../../src/ports/logger.js";
import { renderMessage } from "./render.js";

// A flood wait longer than this is not worth holding a reply for: the person will retry.
const MAX_WAIT_MS = 30_000;
const MAX_ATTEMPTS = 3;
// Telegram: "avoid sending more than one message per second" in a chat; past it come 429s.
const CHAT_GAP_MS = 1000;
// Chats whose last reply is older than the gap carry no information; past this many they are dropped.
const MAX_REMEMBERED_CHATS = 10_000;

/**
 * Sends the core's replies to the person who wrote or pressed. Replies are not outbox rows
 * (they answer a live request, like Slack's ephemeral messages), so this paces them itself
 * (one a second per chat, as Telegram asks) and honours a 429's `retry_after`. Replies to one
 * chat go out in order; the update handler does not wait for them, so a slow send never holds
 * up the next update.
 */
export class ReplySender {
  private readonly chains = new Map<number, Promise<boolean>>();
  /** When each chat's last reply went out (epoch ms). */
  private readonly lastSentAt = new Map<number, number>();
  /** No reply before one gap after this: another process may have just written to any chat. */
  private resumedAt = -Infinity;

  constructor(
    private readonly api: Api,
    private readonly logger?: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * This process starts answering now, maybe right after another one stopped (a fleet's new
   * leader takes over within a second of the old one's last reply, which it cannot see): every
   * chat's pace starts as if a reply had just gone out.
   */
  resume(): void {
    this.resumedAt = this.now();
  }

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
      const wait = Math.max(this.lastSentAt.get(chatId) ?? -Infinity, this.resumedAt) + CHAT_GAP_MS - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        await this.api.sendMessage({ chat_id: chatId, ...message, ...topic, link_preview_options: { is_disabled: true } });
        this.sent(chatId);
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

  // Stamped when Telegram has answered, so the gap is at least a second at its end too.
  private sent(chatId: number): void {
    const t = this.now();
    if (this.lastSentAt.size >= MAX_REMEMBERED_CHATS) {
      for (const [chat, at] of this.lastSentAt) if (t - at >= CHAT_GAP_MS) this.lastSentAt.delete(chat);
    }
    this.lastSentAt.set(chatId, t);
  }
}
