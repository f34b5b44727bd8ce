import type { InlineKeyboardButton, InlineKeyboardMarkup } from "node-telegram-bot-api";
import { ChatDeliveryError, type OutboundMessage } from "../../src/ports/chat.js";
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
  if (message.title) lines.push(`<b>${escapeHtml(message.title)}</b>`);
  for (const field of message.fields ?? []) lines.push(`${escapeHtml(field.label)}: ${escapeHtml(field.value)}`);
  if (!isCard && message.text && message.text !== message.title) lines.push(escapeHtml(message.text));
  return { text: truncate(lines.join("\n")), parse_mode: "HTML", reply_markup: { inline_keyboard: keyboard(message) } };
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

// Cutting inside an entity (&amp;) would make Telegram reject the HTML, so cut before it.
function truncate(html: string): string {
  if (html.length <= TEXT_MAX) return html;
  const cut = html.slice(0, TEXT_MAX - 1);
  const amp = cut.lastIndexOf("&");
  return `${amp > cut.lastIndexOf(";") ? cut.slice(0, amp) : cut}…`;
}
