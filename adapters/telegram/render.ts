import type { InlineKeyboardButton, InlineKeyboardMarkup } from "node-telegram-bot-api";
import { ChatDeliveryError, type OutboundMessage } from "../../src/ports/chat.js";
import { cutText } from "../../src/core/text/cut-text.js";
import { CALLBACK_DATA_MAX_BYTES, TEXT_MAX } from "./types.js";

/** A neutral message as Telegram `sendMessage`/`editMessageText` fields (HTML parse mode). */
export interface TelegramMessage {
  text: string;
  parse_mode: "HTML";
  reply_markup: InlineKeyboardMarkup;
}

// Buttons share a row while their labels stay short (scores 1–5, Yes/No); long labels
// (the impact choices) get a row each so phones do not cut them off.
const ROW_LABEL_BUDGET = 32;

/**
 * Title in bold, fields as "label: value" lines, then the text; buttons as an inline
 * keyboard whose callback data is the neutral action id. A card's text only repeats its
 * title and fields, so cards show title and fields alone (as the console does).
 * An empty keyboard is explicit, so editing a message to one without buttons removes them.
 */
export function renderMessage(message: OutboundMessage): TelegramMessage {
  const isCard = Boolean(message.title && message.fields?.length);
  const lines: string[] = [];
  for (const field of message.fields ?? []) lines.push(`${field.label}: ${field.value}`);
  if (!isCard && message.text && message.text !== message.title) lines.push(message.text);
  // Telegram counts its 4096 on the text after entity parsing, so the plain text is cut
  // (whole characters) and escaped afterwards: no entity or tag is ever cut in half.
  const title = message.title ? `${message.title}${lines.length ? "\n" : ""}` : "";
  const plain = cutText(title + lines.join("\n"), TEXT_MAX);
  const bold = Math.min(message.title?.length ?? 0, plain.length);
  const html = bold > 0 ? `<b>${escapeHtml(plain.slice(0, bold))}</b>${escapeHtml(plain.slice(bold))}` : escapeHtml(plain);
  return { text: html || "…", parse_mode: "HTML", reply_markup: { inline_keyboard: keyboard(message) } };
}

function keyboard(message: OutboundMessage): InlineKeyboardButton[][] {
  const buttons = (message.actions ?? []).map((action): InlineKeyboardButton => {
    if (new TextEncoder().encode(action.id).length > CALLBACK_DATA_MAX_BYTES) {
      throw new ChatDeliveryError(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${action.id}`, undefined, true);
    }
    return { text: action.label, callback_data: action.id };
  });
  if (buttons.length === 0) return [];
  const total = buttons.reduce((n, b) => n + b.text.length, 0);
  return total <= ROW_LABEL_BUDGET ? [buttons] : buttons.map((b) => [b]);
}

/** Escape the three characters Telegram's HTML parse mode reserves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
