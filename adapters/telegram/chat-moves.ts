import { TelegramApiError } from "node-telegram-bot-api";
import type { ChatMemory } from "../../src/ports/chat-memory.js";
import type { Logger } from "../../src/ports/logger.js";

const MAX_KNOWN = 10_000;

/**
 * Group chats that became supergroups. Telegram answers a send to the old id with 400 and
 * `migrate_to_chat_id`; the new id is remembered (in the database when there is one) so this
 * and every later message goes to the supergroup instead of failing for good.
 */
export class ChatMoves {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly memory?: ChatMemory,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The chat id to send to now: the supergroup's if `chatId` moved. Asked of the database once
   * per chat and process, "not moved" included: a look-up before every message put a varying
   * round trip between the platform pacer's grant and the send. A move another process
   * recorded after that look-up costs this one a refused send, which {@link movedBy} follows.
   */
  async current(chatId: string): Promise<string> {
    const cached = this.known.get(chatId);
    if (cached) return cached;
    const moved = (await this.memory?.movedTo("telegram", chatId)) ?? chatId;
    // Bounded: past this many chats the cache starts over (and asks the database again).
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(chatId, moved);
    return moved;
  }

  /** If `error` says the chat moved: records and logs it and returns the new id. */
  async movedBy(chatId: string, error: unknown): Promise<string | undefined> {
    if (!(error instanceof TelegramApiError) || error.migrateToChatId === undefined) return undefined;
    const to = String(error.migrateToChatId);
    this.known.set(chatId, to);
    await this.memory?.recordMove("telegram", chatId, to, this.now());
    this.logger?.warn({ from: chatId, to }, "telegram group became a supergroup; sending to its new chat id (update the policy file too)");
    return to;
  }
}
