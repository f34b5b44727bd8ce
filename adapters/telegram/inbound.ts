import type { Message, Update, User } from "node-telegram-bot-api";
import type { Actor, InboundEvent } from "../../src/ports/chat.js";

/** Who the bot is (from getMe): needed to tell its own commands and messages from others'. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** An update turned into a neutral event, plus where its reply goes. */
export interface TranslatedUpdate {
  /** Absent for a button press Vigil cannot act on (no message, no data): it is only answered. */
  event?: InboundEvent;
  /** The chat the reply is sent to. */
  replyChatId: number;
  /** The forum topic the reply belongs in (else it would land in General). */
  replyThreadId?: number;
  /** A callback query to answer at once (stops the button's spinner). */
  callbackQueryId?: string;
}

/**
 * The neutral event of an update, or undefined for updates Vigil ignores. The eventId carries
 * the bot's id and the update_id: Telegram redelivers an update until it is confirmed, and
 * the core dedupes by eventId. Update ids are per bot, hence the bot id.
 *
 * - Private chat: `/…` is a command, other text is a reply (an answer to a question asked).
 * - Groups: only commands without `@bot` or with ours, and replies to the bot's own messages;
 *   everything else is conversation between people.
 * - Button presses become actions; the reply goes to the presser's private chat, so a stranger
 *   pressing someone else's button in a group is told privately.
 */
export function translateUpdate(update: Update, bot: BotIdentity): TranslatedUpdate | undefined {
  const eventId = `telegram:${bot.id}:${update.update_id}`;
  if ("callback_query" in update) {
    const query = update.callback_query;
    const message = query.message;
    if (!message || query.data === undefined) return { replyChatId: query.from.id, callbackQueryId: query.id };
    const channelId = String(message.chat.id);
    return {
      event: {
        kind: "action",
        eventId,
        actor: actorOf(query.from),
        at: { platform: "telegram", channelId },
        message: { platform: "telegram", channelId, messageId: String(message.message_id) },
        actionId: query.data,
      },
      replyChatId: query.from.id,
      callbackQueryId: query.id,
    };
  }
  if ("message" in update && update.message) return fromMessage(update.message, eventId, bot);
  // Every other kind is ignored on purpose: an edited message must not run its command a
  // second time, and channel posts, reactions, member changes… are not addressed to Vigil.
  return undefined;
}

/** The update kinds Vigil acts on; polling asks for these only, a webhook may get others. */
export const HANDLED_UPDATES = ["message", "callback_query"] as const;

function fromMessage(message: Message, eventId: string, bot: BotIdentity): TranslatedUpdate | undefined {
  // A photo or document carries its words as a caption: "/report …" under a screenshot is a report.
  const text = (message.text ?? message.caption)?.trim();
  if (!text || !message.from || message.from.is_bot) return undefined;
  const at = { platform: "telegram" as const, channelId: String(message.chat.id) };
  const base = { eventId, actor: actorOf(message.from), at };
  const replyChatId = message.chat.id;
  const topic = message.is_topic_message && message.message_thread_id ? { replyThreadId: message.message_thread_id } : {};
  if (text.startsWith("/")) {
    const command = commandFor(text, bot.username);
    return command === undefined ? undefined : { event: { kind: "command", ...base, text: command }, replyChatId, ...topic };
  }
  const isPrivate = message.chat.type === "private";
  const answersBot = message.reply_to_message?.from?.id === bot.id;
  return isPrivate || answersBot ? { event: { kind: "reply", ...base, text }, replyChatId, ...topic } : undefined;
}

/** `/ack@VigilBot 42` → `/ack 42`; undefined for a command addressed to another bot. */
export function commandFor(text: string, username: string): string | undefined {
  const match = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(.*)$/s.exec(text);
  if (!match) return undefined;
  if (match[2] && match[2].toLowerCase() !== username.toLowerCase()) return undefined;
  return `/${match[1]}${match[3]}`;
}

function actorOf(user: User): Actor {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return { platform: "telegram", userId: String(user.id), displayName: user.username ?? (name || String(user.id)) };
}
