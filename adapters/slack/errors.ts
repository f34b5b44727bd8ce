import { webApi } from "@slack/bolt";
import { ChatDeliveryError } from "../../src/ports/chat.js";

// Platform errors Slack documents as transient; every other `ok:false` error (channel_not_found,
// not_in_channel, invalid_auth, invalid_blocks, msg_too_long…) fails the same way on retry.
const TRANSIENT_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
  "team_added_to_org",
]);

/**
 * Maps a Web API failure to ChatDeliveryError: 429 carries Retry-After in ms, documented
 * permanent errors are marked permanent, HTTP 5xx and network failures stay retryable.
 */
export function toDeliveryError(method: string, error: unknown): ChatDeliveryError {
  const code = (error as { code?: string } | null)?.code;
  if (code === webApi.ErrorCode.RateLimitedError) {
    const retryAfterSec = (error as InstanceType<typeof webApi.WebAPIRateLimitedError>).retryAfter;
    return new ChatDeliveryError(`${method}: rate limited`, retryAfterSec * 1000);
  }
  if (code === webApi.ErrorCode.PlatformError) {
    const slackError = String((error as InstanceType<typeof webApi.WebAPIPlatformError>).data.error);
    return new ChatDeliveryError(`${method}: ${slackError}`, undefined, !TRANSIENT_PLATFORM_ERRORS.has(slackError), slackError === "message_not_found");
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as InstanceType<typeof webApi.WebAPIHTTPError>).statusCode;
    // 4xx other than 429 means the request itself is wrong (bad URL, payload too large).
    return new ChatDeliveryError(`${method}: HTTP ${status}`, undefined, status >= 400 && status < 500);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChatDeliveryError(`${method}: ${message}`);
}
