// Builders of Telegram updates as the Bot API delivers them (only the fields Vigil reads,
// plus the ones every update carries).

/** A Telegram user as the fake sends it. */
export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  is_bot?: boolean;
}

/** A chat: private chats have the user's id; groups have negative ids. */
export interface FakeChat {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string;
}

/** An update without its update_id (the fake numbers them). */
export type UpdateBody = Record<string, unknown>;

const DATE = 1_790_000_000;

/** The private chat of a user with the bot. */
export function privateChat(user: FakeUser): FakeChat {
  return { id: user.id, type: "private" };
}

/** A text message from `from` in `chat` (default: their private chat with the bot). */
export function textMessage(from: FakeUser, text: string, chat: FakeChat = privateChat(from), messageId = 1, replyTo?: { message_id: number; from: FakeUser }): UpdateBody {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0].length }] : undefined;
  return {
    message: {
      message_id: messageId,
      from: { is_bot: false, ...from },
      chat,
      date: DATE,
      text,
      ...(entities ? { entities } : {}),
      ...(replyTo ? { reply_to_message: { message_id: replyTo.message_id, from: replyTo.from, chat, date: DATE } } : {}),
    },
  };
}

/** A press of an inline button with `data` on the message `messageId` in `chatId`. */
export function buttonPress(from: FakeUser, chatId: number, messageId: number, data: string, queryId: string): UpdateBody {
  return {
    callback_query: {
      id: queryId,
      from: { is_bot: false, ...from },
      chat_instance: "ci-1",
      data,
      message: { message_id: messageId, chat: { id: chatId, type: chatId < 0 ? "group" : "private" }, date: DATE, text: "" },
    },
  };
}
