import type { HttpRouter } from "../../src/ports/http.js";
import type { ChatMemory } from "../../src/ports/chat-memory.js";
import type { Logger } from "../../src/ports/logger.js";

/** Settings for {@link createTelegramAdapter}; only `token` is required. */
export interface TelegramAdapterConfig {
  /** The bot token from @BotFather, from TELEGRAM_BOT_TOKEN. */
  token: string;
  /** Bot API origin, from TELEGRAM_API_URL (tests point it at a fake). Default https://api.telegram.org. */
  apiUrl?: string;
  /**
   * From TELEGRAM_WEBHOOK_SECRET. When set, updates arrive as webhook POSTs on Vigil's HTTP
   * port at {@link TELEGRAM_WEBHOOK_PATH}, checked against this secret; otherwise the adapter
   * long-polls `getUpdates`.
   */
  webhookSecret?: string;
  /** Vigil's one HTTP server; required in webhook mode. */
  router?: HttpRouter;
  /** Where the adapter's log lines go. */
  logger?: Logger;
  /** Long-poll wait in seconds (Telegram allows up to 50). Default 30. */
  pollTimeoutSec?: number;
  /** Per Bot API call time limit in ms (not the long poll). Default 10 000. */
  requestTimeoutMs?: number;
  /** Messages per second over all chats; Telegram documents about 30. Default 30. */
  globalPerSecond?: number;
  /** Where seen update ids and moved group chats are kept across restarts (the store's). Default: memory. */
  memory?: ChatMemory;
  /** The clock's now, for the seen-update ledger. Default: the system clock. */
  now?: () => Date;
}

/** The path Telegram POSTs updates to in webhook mode. */
export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

/** Telegram caps callback data at 64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Telegram caps a message's text at 4096 characters. */
export const TEXT_MAX = 4096;
