// Failover of a Vigil fleet: 3 replicas (real `npm start` processes) on one PostgreSQL, with the
// fake Slack, Telegram (Telegram's rate limits on) and Discord. Commands flow into every replica
// (Slack) and through the leader's Telegram poll while a replica — the leader in two trials of
// three, a standby otherwise — is killed with SIGKILL at a random moment; the victim is started
// again in the background. Measured: commands lost or applied twice, the order of cards in a
// channel, how long Telegram polling and the Discord gateway are gone after the leader dies,
// and the 429s the fleet provoked.
//
//   npm run faults -- fleet        (TRIALS=20 by default)
import pg from "pg";
import { newFakeDiscord } from "../test/fakes/fake-discord-interactions.js";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "../test/fakes/fake-slack-requests.js";
import { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { Replica, until } from "../test/support/replica-process.js";
import { benchPostgres } from "../bench/lib/bench-postgres.js";

const TRIALS = Number(process.env.TRIALS ?? 20);
const SECRET = "fault-signing-secret";
const ANA = { id: 5001, first_name: "Ana" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

interface Fleet {
  replicas: Replica[];
  env: Record<string, string>;
}

// A load balancer's view: send to a live replica, move on to another when one is gone.
async function slackCommand(fleet: Fleet, slack: FakeSlack, n: number): Promise<void> {
  const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0ANA", trigger_id: `fault.${n}`, text: `open P3 Slack ${n} --org acme`, response_url: slack.responseUrl(`T0001/fault/${n}`) };
  for (let attempt = 0; attempt < 40; attempt++) {
    const target = pick(fleet.replicas.filter((r) => r.alive && r.port));
    if (target) {
      const ok = await sendSlashCommand(`${target.url}/slack/events`, SECRET, fields, attempt ? { retryNum: attempt } : {}).then((r) => r.status === 200, () => false);
      if (ok) return;
    }
    await sleep(250);
  }
  throw new Error(`Slack command ${n} was never accepted`);
}

const leaderOf = (fleet: Fleet) => fleet.replicas.find((r) => r.leads);

async function titles(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ title: string }>(`SELECT title FROM "Incident" ORDER BY number`)).rows.map((r) => r.title);
  } finally {
    await c.end();
  }
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const server = await benchPostgres();
  const [slack, telegram, discord] = await Promise.all([new FakeSlack().start(), new FakeTelegram({ globalPerSecond: 30, perChatPerSecond: 1 }).start(), newFakeDiscord().start()]);
  const url = await server.createDatabase();
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: "info",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    TELEGRAM_BOT_TOKEN: "123456:TEST",
    TELEGRAM_API_URL: telegram.apiUrl,
    DISCORD_TOKEN: "NTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.vigil-test-token-not-real",
    DISCORD_APPLICATION_ID: "500000000000000001",
    DISCORD_API_URL: discord.apiUrl,
  };
  const fleet: Fleet = { replicas: [], env };
  const takeovers: { telegramMs: number; discordMs: number; leaderMs: number }[] = [];
  let sent = 0;
  let told = 0;
  let kills = 0;
  try {
    fleet.replicas = await Promise.all(["r1", "r2", "r3"].map((name) => new Replica(name, env).start()));
    for (let trial = 1; trial <= TRIALS; trial++) {
      await until(() => (fleet.replicas.filter((r) => r.alive).length >= 2 && leaderOf(fleet) ? true : undefined), 180_000, "a leader and a standby");
      const traffic = [1, 2, 3].map(() => slackCommand(fleet, slack, ++sent));
      telegram.say(ANA, `/incident open P3 Telegram ${++told} --org acme`);
      await sleep(Math.random() * 1500);
      const leader = leaderOf(fleet)!;
      const victim = trial % 3 === 0 ? pick(fleet.replicas.filter((r) => r.alive && r !== leader)) ?? leader : leader;
      const [polls, identifies] = [telegram.callsTo("getUpdates").length, discord.gateway.identifies.length];
      const killedAt = Date.now();
      victim.kill();
      kills++;
      if (victim === leader) {
        await until(() => (leaderOf(fleet) ? true : undefined), 120_000, "a new leader");
        const leaderMs = Date.now() - killedAt;
        await until(() => (telegram.callsTo("getUpdates").length > polls ? true : undefined), 120_000, "Telegram polling");
        const telegramMs = Date.now() - killedAt;
        await until(() => (discord.gateway.identifies.length > identifies ? true : undefined), 120_000, "the Discord gateway");
        takeovers.push({ leaderMs, telegramMs, discordMs: Date.now() - killedAt });
      }
      await Promise.all(traffic);
      const index = fleet.replicas.indexOf(victim);
      const again = new Replica(victim.name, env);
      fleet.replicas[index] = again;
      void again.start().catch((e: unknown) => process.stderr.write(`restart of ${victim.name} failed: ${String(e)}\n`));
    }
    const expected = [...Array.from({ length: sent }, (_, i) => `Slack ${i + 1}`), ...Array.from({ length: told }, (_, i) => `Telegram ${i + 1}`)];
    await until(async () => {
      const have = new Set(await titles(url));
      return expected.every((t) => have.has(t)) ? true : undefined;
    }, 180_000, "every command applied").catch(() => undefined);
    await sleep(5000); // let the outbox settle
    return report(await titles(url), expected, slack, telegram, takeovers, kills);
  } finally {
    await Promise.all(fleet.replicas.map((r) => r.stop()));
    await Promise.all([slack.close(), telegram.close(), discord.close()]);
    server.stop();
  }
}

function report(all: string[], expected: string[], slack: FakeSlack, telegram: FakeTelegram, takeovers: { telegramMs: number; discordMs: number; leaderMs: number }[], kills: number) {
  const lost = expected.filter((t) => !all.includes(t));
  const twice = expected.filter((t) => all.filter((x) => x === t).length > 1);
  // Cards of C0ACMEINC in the order Slack received them (first post of each incident).
  const cardOrder: number[] = [];
  for (const c of slack.calls) {
    if (c.method !== "chat.postMessage" || c.params.channel !== "C0ACMEINC" || c.params.thread_ts) continue;
    const n = Number(/INC-(\d+) · P3/.exec(JSON.stringify(c.params))?.[1]);
    if (n && !cardOrder.includes(n)) cardOrder.push(n);
  }
  const inOrder = cardOrder.every((n, i) => i === 0 || n > cardOrder[i - 1]);
  const reposts = slack.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "C0ACMEINC" && !c.params.thread_ts).length - cardOrder.length;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const stat = (xs: number[]) => (xs.length ? `median ${s([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)])}, max ${s(Math.max(...xs))}` : "n/a");
  const met = (ok: boolean) => (ok ? "met" : "**not met**");
  return {
    name: "Fleet failover (3 replicas on PostgreSQL, kill -9)",
    lines: [
      `${kills} kills (${takeovers.length} of the leader), ${expected.length} commands (${expected.filter((t) => t.startsWith("Slack")).length} Slack to any replica, ${expected.filter((t) => t.startsWith("Telegram")).length} Telegram through the leader's poll).`,
      "",
      "| figure | measured | goal | |",
      "|---|---|---|---|",
      `| commands lost | ${lost.length} | 0 | ${met(lost.length === 0)} |`,
      `| commands applied twice | ${twice.length} | 0 | ${met(twice.length === 0)} |`,
      `| cards of one channel out of order | ${inOrder ? 0 : "yes"} (${cardOrder.length} cards) | 0 | ${met(inOrder)} |`,
      `| duplicated nudges | 0 by the ledger's unique key (no SLA threshold fell due in the run) | 0 | not exercised |`,
      `| new leader elected after the leader's kill | ${stat(takeovers.map((t) => t.leaderMs))} | seconds | |`,
      `| Telegram polling resumed | ${stat(takeovers.map((t) => t.telegramMs))} | seconds | |`,
      `| Discord gateway resumed (identified) | ${stat(takeovers.map((t) => t.discordMs))} | seconds | |`,
      `| Telegram 429s provoked (limits 30/s, 1/s per chat) | ${telegram.rateLimited} | 0 | ${met(telegram.rateLimited === 0)} |`,
      `| card posts sent again after a failover (at least once) | ${reposts} | — | |`,
    ],
  };
}
