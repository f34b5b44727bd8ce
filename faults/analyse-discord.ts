// Counts what a Discord fault run did: INC-1's notes as Vigil stored them against the messages
// the fake Discord holds (each created once: a re-send that Discord matched by its nonce hands
// back the first message and creates nothing), and the interactions it pushed.
import { openSqliteStore } from "../src/infra/prisma/prisma-store.js";
import type { FakeDiscord, FakeDiscordMessage } from "../test/fakes/fake-discord.js";
import { deliveryCounts, notesApplied, noteText, type Figures } from "./analyse.js";

/** A `/incident note` the run pushed over the gateway, with its interaction id. */
export interface PushedNote {
  n: number;
  interactionId: string;
}

/**
 * The figures RELIABILITY.md reports per Discord run: the Slack run's (`answered` counts
 * interactions whose deferral Discord accepted within its 3 s; `repliesLost`, deferred replies
 * never edited with the answer), and what the nonce did.
 */
export interface DiscordFigures extends Figures {
  /** Creates Discord answered with a message it already had (same nonce, enforce_nonce): duplicates avoided. */
  resentMatched: number;
  /** Message creates sent without a nonce and enforce_nonce (goal 0: every create can be matched). */
  createsWithoutNonce: number;
}

/** Messages the bot created in guild channels and threads (not interaction replies), in creation order. */
export const createdMessages = (fake: FakeDiscord): FakeDiscordMessage[] => [...fake.messages.values()].filter((m) => m.channelId !== "interaction");

export const isCardOf = (m: FakeDiscordMessage, channelId: string) => m.channelId === channelId && String(m.embeds[0]?.title ?? "").startsWith("INC-1 ·");

/** Compare the notes Vigil stored with what the fake Discord shows. */
export async function analyseDiscord(fake: FakeDiscord, dbFile: string, channelId: string, pushed: PushedNote[]): Promise<DiscordFigures> {
  const store = await openSqliteStore(`file:${dbFile}`);
  try {
    const order = await notesApplied(store);
    const applied = new Set(order);
    const created = createdMessages(fake);
    const cards = created.filter((m) => isCardOf(m, channelId));
    const thread = cards[0]?.id;
    const postsOf = (n: number) => created.filter((m) => m.content === `📝 Ben Okafor: ${noteText(n)}`);
    const answered = pushed.filter((p) => fake.interactions.get(p.interactionId)?.callback);
    const replied = (p: PushedNote) => {
      const i = fake.interactions.get(p.interactionId);
      return (i?.original?.edits ?? 0) > 0 || (i?.followUps.length ?? 0) > 0;
    };
    return {
      commandsSent: pushed.length,
      answered: answered.length,
      answeredNotApplied: answered.filter((p) => !applied.has(p.n)).length,
      applied: order.length,
      ...deliveryCounts(order, created, postsOf, (m) => m.channelId === thread),
      repliesLost: answered.filter((p) => applied.has(p.n) && !replied(p)).length,
      cardsPosted: cards.length,
      resentMatched: resentMatched(fake),
      createsWithoutNonce: fake.callsTo("POST /channels/:channel/messages").filter((c) => !(c.body?.nonce && c.body?.enforce_nonce === true)).length,
    };
  } finally {
    await store.close();
  }
}

function resentMatched(fake: FakeDiscord): number {
  const seen = new Set<string>();
  let matched = 0;
  for (const c of fake.callsTo("POST /channels/:channel/messages")) {
    if (c.status !== 200 || !c.response?.id) continue;
    if (seen.has(c.response.id)) matched++;
    seen.add(c.response.id);
  }
  return matched;
}

/** Pending outbox rows for Discord in the run's database. */
export async function pendingDiscordRows(dbFile: string): Promise<number> {
  const store = await openSqliteStore(`file:${dbFile}`);
  try {
    return (await store.outbox.list()).filter((r) => r.platform === "discord" && r.status === "pending").length;
  } finally {
    await store.close();
  }
}
