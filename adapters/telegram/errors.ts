import { TelegramApiError } from "node-telegram-bot-api";
import { ChatDeliveryError } from "../../src/ports/chat.js";

/**
 * Maps a Bot API failure to ChatDeliveryError: a 429 carries `retry_after` in ms; 400 (bad
 * request, chat not found, message to edit gone) and 403 (the user blocked the bot) fail the
 * same way on every retry, so they are permanent; 5xx, timeouts and network errors are retried.
 */
export function toDeliveryError(method: string, error: unknown): ChatDeliveryError {
  if (error instanceof TelegramApiError) {
    // A flood wait binds the bot, not one chat: the whole platform pauses for retry_after.
    if (error.errorCode === 429) return new ChatDeliveryError(`${method}: rate limited`, (error.retryAfter ?? 1) * 1000, false, false, true);
    const permanent = error.errorCode === 400 || error.errorCode === 403;
    const gone = error.errorCode === 400 && /message to edit not found/i.test(error.description);
    return new ChatDeliveryError(`${method}: ${error.errorCode} ${error.description}`, undefined, permanent, gone);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChatDeliveryError(`${method}: ${message}`);
}

/** Telegram answers an edit that changes nothing with 400 "message is not modified": the edit is done. */
export function isNotModified(error: unknown): boolean {
  return error instanceof TelegramApiError && error.errorCode === 400 && /message is not modified/i.test(error.description);
}
