import { TelegramApiError } from "node-telegram-bot-api";
import { describe, expect, it } from "vitest";
import { toDeliveryError } from "../../../adapters/telegram/errors.js";

describe("Telegram failures as the outbox sees them", () => {
  it.each([
    [new TelegramApiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }), { retryAfterMs: 7000, permanent: false, messageGone: false }],
    [new TelegramApiError(400, "Bad Request: message to edit not found"), { permanent: true, messageGone: true }],
    [new TelegramApiError(400, "Bad Request: chat not found"), { permanent: true, messageGone: false }],
    [new TelegramApiError(403, "Forbidden: bot was blocked by the user"), { permanent: true, messageGone: false }],
    [new TelegramApiError(502, "Bad Gateway"), { permanent: false, messageGone: false }],
    [new Error("socket hang up"), { permanent: false, messageGone: false, retryAfterMs: undefined }],
  ])("%s", (error, expected) => {
    expect(toDeliveryError("editMessageText", error)).toMatchObject(expected);
  });
});
