// The figures of the fleet failover run, from what the fake platforms recorded and what the
// fleet's database holds. Each function answers one question of issue 12's list.
import type { FakeSlack, SlackCall } from "../test/fakes/fake-slack.js";

/** A command the run sent, and what became of it. */
export interface SentCommand {
  title: string;
  via: "slack" | "telegram";
  /** Slack: the replica that answered 200, and whether it was killed after that answer. */
  ackedBy?: string;
  killedAfterAck?: boolean;
  /** Slack: no replica answered 200 in a minute (the run's load balancer gave up). */
  neverAccepted?: boolean;
}

/** Commands missing from the database, split by why they could be lost. */
export function lostCommands(sent: SentCommand[], titles: string[]) {
  const lost = sent.filter((c) => !titles.includes(c.title));
  return {
    all: lost,
    // Answered 200 by a replica that was then killed: the inbox stores a Slack command before its
    // 200, so the next process must apply it; one missing here was lost with the replica.
    ackedThenKilled: lost.filter((c) => c.via === "slack" && c.killedAfterAck),
    neverAccepted: lost.filter((c) => c.neverAccepted),
    other: lost.filter((c) => !(c.via === "slack" && c.killedAfterAck) && !c.neverAccepted),
  };
}

export const appliedTwice = (sent: SentCommand[], titles: string[]) => sent.filter((c) => titles.filter((t) => t === c.title).length > 1);

const isCard = (c: SlackCall, channel: string) => c.method === "chat.postMessage" && c.params.channel === channel && !c.params.thread_ts && c.response?.ok;

const rowOf = (c: SlackCall) => Number(/^vigil-(\d+)$/.exec(String((c.params.metadata as { event_payload?: { row?: string } } | undefined)?.event_payload?.row ?? ""))?.[1]);

/**
 * One channel as Slack received it. `inOrder`: every message posted in the order of its outbox
 * row (the channel's queue; a repeat of a row counts where it first came). `numbersInOrder`:
 * cards in incident-number order, which is not the queue's order on PostgreSQL, where numbers
 * come from a sequence and two concurrent opens may commit in either order.
 */
export function cardOrder(slack: FakeSlack, channel: string): { cards: number; inOrder: boolean; numbersInOrder: boolean; reposts: number } {
  const order: number[] = [];
  const rows: number[] = [];
  let posts = 0;
  for (const c of slack.calls) {
    const row = rowOf(c);
    if (c.method === "chat.postMessage" && c.params.channel === channel && c.response?.ok && row && !rows.includes(row)) rows.push(row);
    if (!isCard(c, channel)) continue;
    posts++;
    const n = Number(/INC-(\d+) · P3/.exec(JSON.stringify(c.params))?.[1]);
    if (n && !order.includes(n)) order.push(n);
  }
  const increasing = (xs: number[]) => xs.every((n, i) => i === 0 || n > xs[i - 1]);
  return { cards: order.length, inOrder: increasing(rows), numbersInOrder: increasing(order), reposts: posts - order.length };
}

// "⏳ INC-3: response target 1m is 75 % used, 15s left (late). On call: Ben." → one key per
// nudge of one threshold of one incident: the "(late)" mark and the addressee are dropped.
// Slack's fallback text may start with the pings of the people it is for.
const NUDGE = /(⏳|🔥) INC-\d+.*/s;
const nudgeKey = (text: string) => NUDGE.exec(text)![0].split(" (late)")[0].split(". ")[0];
const isNudge = (text: string) => NUDGE.test(text);

/**
 * SLA nudges posted to Slack, and how many were posted more than once; `sameRow` of those
 * repeats carried the metadata of an outbox row already posted (one row sent twice, rather
 * than two rows for one nudge).
 */
export function nudges(slack: FakeSlack): { posted: number; distinct: number; duplicated: number; sameRow: number } {
  const seen = new Map<string, number>();
  const rows = new Set<string>();
  let sameRow = 0;
  for (const c of slack.calls) {
    if (c.method !== "chat.postMessage" || !c.response?.ok || !isNudge(String(c.params.text ?? ""))) continue;
    const key = `${c.params.channel} ${nudgeKey(String(c.params.text))}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const row = (c.params.metadata as { event_payload?: { row?: string } } | undefined)?.event_payload?.row;
    if (row && rows.has(row)) sameRow++;
    if (row) rows.add(row);
  }
  const counts = [...seen.values()];
  return { posted: counts.reduce((a, b) => a + b, 0), distinct: counts.length, duplicated: counts.reduce((a, n) => a + n - 1, 0), sameRow };
}

/**
 * Slack messages sent beyond the budget Vigil paces itself to (Slack's ~1 message per second
 * per channel, a burst of 3), counted over every replica's calls together: a token bucket per
 * channel replayed over the fake's clock (100 ms of jitter forgiven). 0 means the fleet kept
 * the limit as one sender would.
 */
export function slackOverBudget(slack: FakeSlack, perSecond = 1, burst = 3): { overBudget: number; maxInOneSecond: number } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const recent = new Map<string, number[]>();
  let overBudget = 0;
  let maxInOneSecond = 0;
  for (const c of slack.calls) {
    if (!["chat.postMessage", "chat.update"].includes(c.method) || !c.response?.ok) continue;
    const channel = String(c.params.channel);
    const b = buckets.get(channel) ?? { tokens: burst, at: c.atMs };
    b.tokens = Math.min(burst, b.tokens + ((c.atMs - b.at) / 1000) * perSecond);
    b.at = c.atMs;
    // 0.1 token (100 ms at 1/s) of slack: arrival at the fake is not the instant Vigil sent.
    if (b.tokens >= 0.9) b.tokens = Math.max(0, b.tokens - 1);
    else overBudget++;
    buckets.set(channel, b);
    const window = (recent.get(channel) ?? []).filter((t) => t > c.atMs - 1000).concat(c.atMs);
    recent.set(channel, window);
    maxInOneSecond = Math.max(maxInOneSecond, window.length);
  }
  return { overBudget, maxInOneSecond };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "median 1.2 s, max 3.4 s (n = 14)" */
export function spread(xs: number[]): string {
  if (!xs.length) return "n/a";
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${seconds(sorted[Math.floor(sorted.length / 2)])}, max ${seconds(sorted.at(-1)!)} (n = ${xs.length})`;
}
