// The RELIABILITY.md section of the fleet failover run: each figure issue 12 names, with its
// goal and whether it was met.
import type { newFakeDiscord } from "../test/fakes/fake-discord-interactions.js";
import type { FakeSlack } from "../test/fakes/fake-slack.js";
import type { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { appliedTwice, cardOrder, lostCommands, nudges, slackOverBudget, spread, type SentCommand } from "./fleet-figures.js";

/** Milliseconds from the leader's kill to each thing coming back. */
export interface Takeover {
  leaderMs: number;
  telegramMs: number;
  discordMs: number;
}

/** What the run did, for the report. */
export interface RunRecord {
  sent: SentCommand[];
  kills: ("leader" | "standby")[];
  takeovers: Takeover[];
  /** Incident titles in the database at the end. */
  titles: string[];
}

const met = (ok: boolean) => (ok ? "met" : "**not met**");
// Takeover goal: the README promises "within seconds"; 10 s is the figure we hold it to.
const TAKEOVER_GOAL_MS = 10_000;

export function fleetReport(record: RunRecord, fakes: { slack: FakeSlack; telegram: FakeTelegram; discord: ReturnType<typeof newFakeDiscord> }, trials: number) {
  const { sent, titles, takeovers } = record;
  const lost = lostCommands(sent, titles);
  const twice = appliedTwice(sent, titles);
  const cards = cardOrder(fakes.slack, "C0ACMEINC");
  const nudged = nudges(fakes.slack);
  const budget = slackOverBudget(fakes.slack);
  const slow = (pick: (t: Takeover) => number) => takeovers.every((t) => pick(t) <= TAKEOVER_GOAL_MS);
  const slackSent = sent.filter((c) => c.via === "slack").length;
  return {
    name: "Fleet failover (3 replicas on PostgreSQL, kill -9)",
    lines: [
      `${trials} trials: ${record.kills.length} kill -9 (${record.kills.filter((k) => k === "leader").length} of the leader, ${record.kills.filter((k) => k === "standby").length} of a standby), at a random moment up to 1.5 s after a batch of commands; ${sent.length} commands (${slackSent} Slack \`/incident open\` to any live replica, ${sent.length - slackSent} Telegram through the leader's poll); P3 response target 1 minute with reminders every minute, so SLA nudges fall due throughout. Three replicas and PostgreSQL share the machine's cores.`,
      "",
      "| figure | measured | goal | |",
      "|---|---|---|---|",
      `| Telegram commands lost | ${lost.all.filter((c) => c.via === "telegram").length} | 0 | ${met(!lost.all.some((c) => c.via === "telegram"))} |`,
      `| Slack commands lost, not acknowledged by the killed replica | ${lost.other.filter((c) => c.via === "slack").length} | 0 | ${met(!lost.other.some((c) => c.via === "slack"))} |`,
      `| Slack commands no live replica answered within a minute (Slack would show the person an error) | ${lost.neverAccepted.length} | 0 | ${met(lost.neverAccepted.length === 0)} |`,
      `| Slack commands lost: answered 200 by a replica killed afterwards | ${lost.ackedThenKilled.length} of ${sent.filter((c) => c.killedAfterAck).length} so answered | 0 | ${met(lost.ackedThenKilled.length === 0)} |`,
      `| commands applied twice | ${twice.length} | 0 | ${met(twice.length === 0)} |`,
      `| messages of one channel (C0ACMEINC) out of their queue's order | ${cards.inOrder ? 0 : "yes"} (${cards.cards} cards and their threads; cards ${cards.numbersInOrder ? "also" : "not"} in incident-number order, which PostgreSQL's number sequence does not promise) | 0 | ${met(cards.inOrder)} |`,
      `| SLA nudges posted more than once (same incident, threshold, channel) | ${nudged.duplicated} (${nudged.posted} posts of ${nudged.distinct} nudges${nudged.duplicated ? `; ${nudged.sameRow} of the repeats one outbox row posted again` : ""}) | 0 | ${met(nudged.duplicated === 0 && nudged.posted > 0)} |`,
      `| new leader after the leader's kill | ${spread(takeovers.map((t) => t.leaderMs))} | ≤ 10 s | ${met(slow((t) => t.leaderMs))} |`,
      `| Telegram polling resumed (first getUpdates of the new leader) | ${spread(takeovers.map((t) => t.telegramMs))} | ≤ 10 s | ${met(slow((t) => t.telegramMs))} |`,
      `| Discord gateway resumed (new session identified) | ${spread(takeovers.map((t) => t.discordMs))} | ≤ 10 s | ${met(slow((t) => t.discordMs))} |`,
      `| Telegram 429s provoked (fake enforces 30/s, 1/s per chat) | ${fakes.telegram.rateLimited} | 0 | ${met(fakes.telegram.rateLimited === 0)} |`,
      `| Slack messages beyond 1/s per channel, burst 3, counted over the whole fleet | ${budget.overBudget} (at most ${budget.maxInOneSecond} in one second in one channel) | 0 | ${met(budget.overBudget === 0)} |`,
      `| cards posted twice (the same card re-sent after a failover; Slack lookup by metadata should find it) | ${cards.reposts} | 0 | ${met(cards.reposts === 0)} |`,
      "",
      "The third Slack row counts commands a replica answered 200 and was killed after: the inbox (issue 10) stores a slash command before Slack gets its 200, and the next process applies what a killed one left, so none should be lost (before the inbox this row read 25 of 59, on 2026-12-02). Telegram updates are confirmed to Telegram only after they were applied, and a redelivered one is applied by the next leader.",
    ],
  };
}
