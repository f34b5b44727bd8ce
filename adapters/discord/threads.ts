import { Routes, ThreadAutoArchiveDuration, type APIChannel, type APIMessage, type REST } from "discord.js";
import { cutText } from "../../src/core/text/cut-text.js";
import { DISCORD_COPY } from "./copy.js";
import { discordCode, THREAD_ALREADY_CREATED } from "./errors.js";
import type { DiscordMessageBody } from "./render.js";

const THREAD_NAME_MAX = 100;
// Bounds the in-memory maps of a long-running bot; a forgotten card costs one lookup later.
const REMEMBERED_MAX = 5000;

/**
 * The threads hanging off incident cards. The first message for a card starts a public
 * thread from the card message (POST /channels/{c}/messages/{m}/threads); its id is kept in
 * memory. After a restart the memory is empty: starting the thread again answers 160004
 * ("already created"), and then the card message itself says which thread it has (its
 * `thread` field — Discord gives a thread started from a message the message's id). So no
 * thread id is stored anywhere, and a restart costs one extra request per card.
 */
export class CardThreads {
  private readonly threads = new Map<string, string>();
  private readonly starting = new Map<string, Promise<string>>();
  private readonly titles = new Map<string, string>();

  constructor(private readonly rest: REST) {}

  /** Remember a card's title: it names the card's thread when one is started. */
  rememberTitle(cardId: string, title: string | undefined): void {
    if (title) remember(this.titles, cardId, title);
  }

  /** Post `body` in the thread of card `cardId` in `channelId`; returns the thread id and the message. */
  async post(channelId: string, cardId: string, body: DiscordMessageBody): Promise<{ threadId: string; message: APIMessage }> {
    const threadId = this.threads.get(cardId) ?? (await this.open(channelId, cardId));
    const message = (await this.rest.post(Routes.channelMessages(threadId), { body })) as APIMessage;
    return { threadId, message };
  }

  private open(channelId: string, cardId: string): Promise<string> {
    // Two messages for one card racing to start its thread would make the second fail with 160004.
    let pending = this.starting.get(cardId);
    if (!pending) {
      pending = this.start(channelId, cardId).finally(() => this.starting.delete(cardId));
      this.starting.set(cardId, pending);
    }
    return pending;
  }

  private async start(channelId: string, cardId: string): Promise<string> {
    let threadId: string;
    try {
      const name = cutText(this.titles.get(cardId)?.trim() || DISCORD_COPY.threadName, THREAD_NAME_MAX);
      // A week of quiet before Discord archives it; a later message unarchives it again.
      const body = { name, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek };
      threadId = ((await this.rest.post(Routes.threads(channelId, cardId), { body })) as APIChannel).id;
    } catch (error) {
      if (discordCode(error) !== THREAD_ALREADY_CREATED) throw error;
      const card = (await this.rest.get(Routes.channelMessage(channelId, cardId))) as APIMessage;
      threadId = card.thread?.id ?? cardId;
    }
    remember(this.threads, cardId, threadId);
    return threadId;
  }
}

// Maps iterate in insertion order: re-inserting marks an entry recent, the first is the oldest.
function remember(map: Map<string, string>, key: string, value: string): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED_MAX) map.delete(map.keys().next().value!);
}
