import { outboxCliCopy } from "../core/messages/copy-delivery.js";
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";

const PREVIEW_CHARS = 80;

/** One line pair per dead-lettered row, oldest first (or a line saying there is none). */
export async function deadLetterLines(store: Store): Promise<string[]> {
  const rows = await store.outbox.listFailed();
  if (rows.length === 0) return [outboxCliCopy.noDeadLetters];
  return rows.map((r) =>
    outboxCliCopy.deadLetterLine({ ...r, error: r.lastError ?? "", preview: (r.message.title ?? r.message.text).slice(0, PREVIEW_CHARS) }),
  );
}

/** The result of a replay: how many rows went back, and which asked-for ids were not dead letters. */
export interface ReplayResult {
  replayed: number;
  notDead: number[];
}

/**
 * Put dead-lettered rows back in their channel queues (after the config was fixed). Each keeps
 * its id, so per-channel order holds: a replayed card goes out before the thread lines behind it.
 */
export async function replayDeadLetters(store: Store, clock: Clock, which: number[] | "all"): Promise<ReplayResult> {
  return store.transaction(async (tx) => {
    const dead = new Set((await tx.outbox.listFailed()).map((r) => r.id));
    const notDead = which === "all" ? [] : which.filter((id) => !dead.has(id));
    const replayed = await tx.outbox.replay(which, clock.now());
    return { replayed, notDead };
  });
}
