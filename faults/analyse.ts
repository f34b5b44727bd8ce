// Counts what a fault run did, from the fake platform's record and Vigil's own database.
import { openSqliteStore } from "../src/infra/prisma/prisma-store.js";
import type { FakeSlack } from "../test/fakes/fake-slack.js";

/** A command the run sent: the note number, the HTTP answer, where its reply goes. */
export interface SentCommand {
  n: number;
  status: number;
  responseUrl: string;
}

/** The figures RELIABILITY.md reports per run. */
export interface Figures extends DeliveryCounts {
  commandsSent: number;
  answered: number;
  answeredNotApplied: number;
  applied: number;
  repliesLost: number;
  cardsPosted: number;
}

export const noteText = (n: number) => `fault-${n}`;

/** How the notes Vigil stored reached the platform: each one exactly once, in order, in the card's thread. */
export interface DeliveryCounts {
  lost: number;
  duplicated: number;
  outOfOrder: number;
  outsideThread: number;
}

/**
 * The delivery counts of one run, for any platform. `order`: the note numbers in the order Vigil
 * stored them; `posts`: every message the platform accepted, in the order it accepted them;
 * `postsOf(n)`: those carrying note n; `inThread`: whether a message sits in the card's thread.
 */
export function deliveryCounts<P>(order: number[], posts: P[], postsOf: (n: number) => P[], inThread: (post: P) => boolean): DeliveryCounts {
  const firstPosts = order.filter((n) => postsOf(n).length > 0).map((n) => posts.indexOf(postsOf(n)[0]));
  let outOfOrder = 0;
  for (let i = 1; i < firstPosts.length; i++) if (firstPosts[i] < firstPosts[i - 1]) outOfOrder++;
  return {
    lost: order.filter((n) => postsOf(n).length === 0).length,
    duplicated: order.reduce((sum, n) => sum + Math.max(0, postsOf(n).length - 1), 0),
    outOfOrder,
    outsideThread: order.reduce((sum, n) => sum + postsOf(n).filter((p) => !inThread(p)).length, 0),
  };
}

/** Compare what was asked, what Vigil stored, and what the fake Slack shows. */
export async function analyse(fake: FakeSlack, dbFile: string, sent: SentCommand[]): Promise<Figures> {
  const store = await openSqliteStore(`file:${dbFile}`);
  try {
    const order = await notesApplied(store);
    const applied = new Set(order);
    const ok = fake.callsTo("chat.postMessage").filter((c) => c.response?.ok && c.params.channel === "C0ACMEINC");
    const cards = ok.filter((c) => !c.params.thread_ts && String(c.params.text).startsWith("INC-1 ·"));
    const cardTs = cards[0]?.response?.ts;
    const postsOf = (n: number) => ok.filter((c) => String(c.params.text) === `📝 Ben Okafor: ${noteText(n)}`);
    const replied = new Set(fake.callsTo("response_url").filter((c) => c.status === 200).map((c) => c.path));
    const answered = sent.filter((s) => s.status === 200);
    return {
      commandsSent: sent.length,
      answered: answered.length,
      answeredNotApplied: answered.filter((s) => !applied.has(s.n)).length,
      applied: applied.size,
      ...deliveryCounts(order, ok, postsOf, (c) => c.params.thread_ts === cardTs),
      repliesLost: answered.filter((s) => applied.has(s.n) && !replied.has(new URL(s.responseUrl).pathname)).length,
      cardsPosted: cards.length,
    };
  } finally {
    await store.close();
  }
}

/** The note numbers on INC-1's timeline, in the order Vigil stored them. */
export async function notesApplied(store: Awaited<ReturnType<typeof openSqliteStore>>): Promise<number[]> {
  const incident = await store.incidents.findByNumber(1);
  const timeline = incident ? await store.timeline.list(incident.id) : [];
  return timeline.filter((e) => e.kind === "note").map((e) => Number(String((e.details as { text?: string }).text ?? "").replace("fault-", "")));
}

/** Pending outbox rows in the run's database. */
export async function pendingRows(dbFile: string): Promise<number> {
  const store = await openSqliteStore(`file:${dbFile}`);
  try {
    return (await store.outbox.pendingSummary()).count;
  } finally {
    await store.close();
  }
}
