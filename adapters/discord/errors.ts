import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from "discord.js";
import { ChatDeliveryError } from "../../src/ports/chat.js";

/** Discord's answer when a thread was already started from the message (160004). */
export const THREAD_ALREADY_CREATED = RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage;

/** The Discord JSON error code of a REST failure, if it carries one. */
export function discordCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === "number" ? error.code : undefined;
}

/**
 * Maps a REST failure to ChatDeliveryError. A 429 (surfaced at once because the client is
 * built with `rejectOnRateLimit`) carries its Retry-After in ms; a 4xx other than 408/429
 * fails the same way on retry — Unknown Channel 10003, Missing Access 50001, Missing
 * Permissions 50013, Invalid Form Body 50035 — so it is permanent; 5xx, timeouts and
 * network failures stay retryable.
 */
export function toDeliveryError(operation: string, error: unknown): ChatDeliveryError {
  if (error instanceof RateLimitError) {
    // Never 0: a zero delay would hand the row straight back to a bucket that is still empty.
    // A global 429 holds for every route of the bot: the whole platform pauses, not one channel.
    return new ChatDeliveryError(`${operation}: rate limited on ${error.route}`, Math.max(1, Math.ceil(error.retryAfter)), false, false, error.global);
  }
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    const detail = error instanceof DiscordAPIError ? `${error.code} ${error.message}` : `HTTP ${error.status}`;
    const gone = discordCode(error) === RESTJSONErrorCodes.UnknownMessage;
    return new ChatDeliveryError(`${operation}: ${detail}`, undefined, isPermanentStatus(error.status), gone);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChatDeliveryError(`${operation}: ${message}`);
}

function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
