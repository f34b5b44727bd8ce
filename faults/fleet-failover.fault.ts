// Failover of a Vigil fleet: 3 replicas (real `npm start` processes) on one PostgreSQL, with the
// fake Slack, Telegram (Telegram's rate limits on) and Discord. Commands flow into every replica
// (Slack, as a load balancer would spread them) and through the leader's Telegram poll, and SLA
// nudges fall due (P3 response target 1 minute, reminders every minute) while a replica — the
// leader in two trials of three, a standby otherwise — is killed with SIGKILL at a random moment;
// the victim is started again in the background. Measured: commands lost or applied twice, the
// order of cards in a channel, nudges posted twice, how long Telegram polling and the Discord
// gateway are gone after the leader dies, and the platform limits kept by the fleet as a whole.
//
//   npm run faults -- fleet        (TRIALS=20 by default; FAULT_DEBUG=1 prints the replicas' warnings)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { parse, stringify } from "yaml";
import { newFakeDiscord } from "../test/fakes/fake-discord-interactions.js";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "../test/fakes/fake-slack-requests.js";
import { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { Replica, until } from "../test/support/replica-process.js";
import { benchPostgres } from "../bench/lib/bench-postgres.js";
import { fleetReport, type RunRecord, type Takeover } from "./fleet-report.js";
import type { SentCommand } from "./fleet-figures.js";

const TRIALS = Number(process.env.TRIALS ?? 20);
const SETTLE_MS = Number(process.env.FAULT_SETTLE_S ?? 200) * 1000;
const SECRET = "fault-signing-secret";
const ANA = { id: 5001, first_name: "Ana" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

interface Fleet {
  replicas: Replica[];
  /** Every replica process of the run, the killed ones too (for FAULT_DEBUG). */
  everyone: Replica[];
}

// A load balancer's view: send to a live replica, move on to another when one is gone.
async function slackCommand(fleet: Fleet, slack: FakeSlack, n: number, command: SentCommand): Promise<void> {
  const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0ANA", trigger_id: `fault.${n}`, text: `open P3 ${command.title} --org acme`, response_url: slack.responseUrl(`T0001/fault/${n}`) };
  let last = "";
  for (let attempt = 0; attempt < 240; attempt++) {
    // Like a load balancer's health check: only replicas whose /healthz answered.
    const target = pick(fleet.replicas.filter((r) => r.alive && r.ready));
    if (target) {
      const status = await sendSlashCommand(`${target.url}/slack/events`, SECRET, fields, attempt ? { retryNum: attempt } : {}).then((r) => r.status, (e: unknown) => String(e));
      if (status === 200) return void (command.ackedBy = tag(target));
      last = `${target.name}: ${status}`;
    }
    await sleep(250);
  }
  // Counted as lost, but the runner's, not Vigil's: no replica ever answered.
  process.stderr.write(`Slack command ${n} was never accepted (last: ${last})\n`);
  command.neverAccepted = true;
}

const leaderOf = (fleet: Fleet) => fleet.replicas.find((r) => r.leads);
const tag = (r: Replica) => `${r.name}@${r.port}`;

async function titles(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ title: string }>(`SELECT title FROM "Incident" ORDER BY number`)).rows.map((r) => r.title);
  } finally {
    await c.end();
  }
}

// The example policy with a P3 response target of one minute: every incident the run opens
// gets its 75 % warning, its breach and reminders while replicas die.
function fastSlaPolicy(dir: string): string {
  const file = parse(readFileSync(path.resolve(import.meta.dirname, "../vigil.example.yaml"), "utf8")) as Record<string, any>;
  file.policies.standard.P3 = { response: "1m", restore: "24h", resolve: "7d" };
  file.sla = { ...file.sla, repeatEvery: "1m", maxRepeats: 2 };
  const out = path.join(dir, "vigil.fault.yaml");
  writeFileSync(out, stringify(file));
  return out;
}

/** Kill `victim`; when it led, wait for the new leader and for polling and the gateway to resume. */
async function killAndTime(fleet: Fleet, victim: Replica, telegram: FakeTelegram, discord: ReturnType<typeof newFakeDiscord>): Promise<Takeover | undefined> {
  const led = victim === leaderOf(fleet);
  const [polls, identifies] = [telegram.callsTo("getUpdates").length, discord.gateway.identifies.length];
  const killedAt = Date.now();
  victim.kill();
  if (!led) return undefined;
  await until(() => (leaderOf(fleet) ? true : undefined), 120_000, "a new leader");
  const leaderMs = Date.now() - killedAt;
  await until(() => (telegram.callsTo("getUpdates").length > polls ? true : undefined), 120_000, "Telegram polling");
  const telegramMs = Date.now() - killedAt;
  await until(() => (discord.gateway.identifies.length > identifies ? true : undefined), 120_000, "the Discord gateway");
  return { leaderMs, telegramMs, discordMs: Date.now() - killedAt };
}

async function trial(n: number, fleet: Fleet, fakes: Fakes, env: Record<string, string>, record: RunRecord): Promise<void> {
  const { slack, telegram, discord } = fakes;
  // A standby that is still starting has not joined the election: wait for a ready one, so a
  // takeover measures the failover, not a restart.
  await until(() => (fleet.replicas.filter((r) => r.alive && r.ready).length >= 2 && leaderOf(fleet) ? true : undefined), 180_000, "a leader and a ready standby");
  const slackSoFar = record.sent.filter((c) => c.via === "slack").length;
  const batch: SentCommand[] = [1, 2, 3].map((k) => ({ title: `Slack ${slackSoFar + k}`, via: "slack" as const }));
  const traffic = batch.map((c) => (record.sent.push(c), slackCommand(fleet, slack, record.sent.length, c)));
  const told: SentCommand = { title: `Telegram ${record.sent.filter((c) => c.via === "telegram").length + 1}`, via: "telegram" };
  record.sent.push(told);
  telegram.say(ANA, `/incident open P3 ${told.title} --org acme`);
  await sleep(Math.random() * 1500);
  const leader = leaderOf(fleet)!;
  const victim = n % 3 === 0 ? (pick(fleet.replicas.filter((r) => r.alive && r.ready && r !== leader)) ?? leader) : leader;
  const acked = new Set(batch.filter((c) => c.ackedBy).map((c) => c.title));
  const takeover = await killAndTime(fleet, victim, telegram, discord);
  record.kills.push(victim === leader ? "leader" : "standby");
  if (takeover) record.takeovers.push(takeover);
  await Promise.all(traffic);
  // Acknowledged by the victim before it died (the 200 came back before the kill), in this
  // batch or an earlier one still queued in that replica.
  for (const c of record.sent) if (c.ackedBy === tag(victim) && (acked.has(c.title) || !batch.includes(c))) c.killedAfterAck = true;
  const again = new Replica(victim.name, env);
  fleet.replicas[fleet.replicas.indexOf(victim)] = again;
  fleet.everyone.push(again);
  void again.start().catch((e: unknown) => process.stderr.write(`restart of ${victim.name} failed: ${String(e)}\n`));
  process.stderr.write(`trial ${n}: killed ${victim.name} (${victim === leader ? "leader" : "standby"})${takeover ? `, Telegram back after ${(takeover.telegramMs / 1000).toFixed(1)} s` : ""}\n`);
}

interface Fakes {
  slack: FakeSlack;
  telegram: FakeTelegram;
  discord: ReturnType<typeof newFakeDiscord>;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-fleet-fault-"));
  const server = await benchPostgres();
  const [slack, telegram, discord] = await Promise.all([new FakeSlack().start(), new FakeTelegram({ globalPerSecond: 30, perChatPerSecond: 1 }).start(), newFakeDiscord().start()]);
  const url = await server.createDatabase();
  const env = {
    DATABASE_URL: url,
    VIGIL_CONFIG: fastSlaPolicy(dir),
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
  const fleet: Fleet = { replicas: [], everyone: [] };
  const record: RunRecord = { sent: [], kills: [], takeovers: [], titles: [] };
  try {
    fleet.replicas = await Promise.all(["r1", "r2", "r3"].map((name) => new Replica(name, env).start()));
    fleet.everyone.push(...fleet.replicas);
    for (let n = 1; n <= TRIALS; n++) await trial(n, fleet, { slack, telegram, discord }, env, record);
    const lastCommandAt = Date.now();
    await until(async () => {
      const have = new Set(await titles(url));
      return record.sent.every((c) => have.has(c.title)) ? true : undefined;
    }, 60_000, "every command applied").catch(() => undefined);
    // The last incidents' nudges (warning 45 s, breach 60 s, reminders at 2 and 3 minutes).
    await sleep(Math.max(0, lastCommandAt + SETTLE_MS - Date.now()));
    record.titles = await titles(url);
    if (process.env.FAULT_DEBUG) debugDump(fleet.everyone, record, slack, telegram);
    return fleetReport(record, { slack, telegram, discord }, TRIALS);
  } finally {
    await Promise.all(fleet.replicas.map((r) => r.stop()));
    await Promise.all([slack.close(), telegram.close(), discord.close()]);
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function debugDump(everyone: Replica[], record: RunRecord, slack: FakeSlack, telegram: FakeTelegram): void {
  for (const c of telegram.calls) if (c.method !== "getUpdates") process.stderr.write(`telegram ${c.atMs} ${c.method} ${c.status} ${String(c.params.chat_id ?? "")} ${String(c.params.text ?? "").slice(0, 80)}\n`);
  const row = (c: (typeof slack.calls)[number]) => (c.params.metadata as { event_payload?: { row?: string } } | undefined)?.event_payload?.row ?? "-";
  for (const c of slack.calls) process.stderr.write(`slack ${c.atMs} ${c.method} ${c.params.channel ?? ""} ${c.params.thread_ts ?? ""} ${row(c)} ${String(c.params.text ?? "").slice(0, 120)}\n`);
  process.stderr.write(`missing: ${JSON.stringify(record.sent.filter((c) => !record.titles.includes(c.title)))}\n`);
  for (const r of everyone) for (const l of r.logs) if (Number(l.level) >= 40 || /leader/.test(String(l.msg))) process.stderr.write(`${r.name} ${JSON.stringify(l).slice(0, 600)}\n`);
}
