// Counts what a Telegram fault run did: INC-1's notes as Vigil stored them against the
// messages the fake Bot API accepted in the organisation's Telegram group.
import { openSqliteStore } from "../src/infra/prisma/prisma-store.js";
import type { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { deliveryCounts, notesApplied, noteText, type DeliveryCounts } from "./analyse.js";

/** The figures RELIABILITY.md reports per Telegram run. */
export interface TelegramFigures extends DeliveryCounts {
  /** Notes whose slash command was answered HTTP 200 but never reached the timeline. */
  answeredNotApplied: number;
  applied: number;
  cardsPosted: number;
}

/** sendMessage calls the fake accepted in `chatId`, in the order it accepted them. */
export const acceptedSends = (fake: FakeTelegram, chatId: string) => fake.callsTo("sendMessage").filter((c) => c.response?.ok && String(c.params.chat_id) === chatId);

export const isCard = (text: unknown) => /^INC-1 /.test(String(text)) || /^<b>INC-1 /.test(String(text));

/** Compare the notes Vigil stored with what the fake Telegram group shows. */
export async function analyseTelegram(fake: FakeTelegram, dbFile: string, chatId: string, answered: number[]): Promise<TelegramFigures> {
  const store = await openSqliteStore(`file:${dbFile}`);
  try {
    const order = await notesApplied(store);
    const ok = acceptedSends(fake, chatId);
    const cards = ok.filter((c) => !c.params.reply_parameters && isCard(c.params.text));
    const cardId = cards[0]?.response?.result?.message_id;
    // `fault-1` must not match `fault-12`.
    const postsOf = (n: number) => ok.filter((c) => new RegExp(`${noteText(n)}(?!\\d)`).test(String(c.params.text)) && !isCard(c.params.text));
    const applied = new Set(order);
    return {
      answeredNotApplied: answered.filter((n) => !applied.has(n)).length,
      applied: order.length,
      ...deliveryCounts(order, ok, postsOf, (c) => Number(c.params.reply_parameters?.message_id) === cardId),
      cardsPosted: cards.length,
    };
  } finally {
    await store.close();
  }
}
