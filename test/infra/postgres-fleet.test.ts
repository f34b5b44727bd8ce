// Two `npm start` replicas on one PostgreSQL database, with the fake Slack and Telegram: any
// replica takes any request, one leader polls Telegram, and a killed leader is replaced.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "../fakes/fake-slack-requests.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { Replica, until } from "../support/replica-process.js";
import { tempPgDatabase } from "../support/temp-pg.js";

const SECRET = "fleet-test-signing-secret";
const ANA_TELEGRAM = { id: 5001, first_name: "Ana" };

describe("a fleet of two replicas on PostgreSQL (real processes)", () => {
  let slack: FakeSlack;
  let telegram: FakeTelegram;
  let db: { url: string; cleanup: () => Promise<void> };
  let replicas: Replica[];
  const titles = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ title: string }>(`SELECT title FROM "Incident" ORDER BY number`)).rows.map((r) => r.title);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    [slack, telegram, db] = await Promise.all([new FakeSlack().start(), new FakeTelegram().start(), tempPgDatabase()]);
    const env = {
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      TELEGRAM_BOT_TOKEN: "123456:TEST",
      TELEGRAM_API_URL: telegram.apiUrl,
    };
    // Started together: both migrate the empty database; the advisory lock makes it happen once.
    replicas = await Promise.all([new Replica("a", env).start(), new Replica("b", env).start()]);
    await until(() => (replicas.filter((r) => r.leads).length === 1 ? true : undefined), 20_000, "one leader");
  }, 180_000);

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await Promise.all([slack?.close(), telegram?.close()]);
    await db?.cleanup();
  });

  it("a Slack retry that reaches the other replica is applied once", async () => {
    const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0ANA", text: "open P2 Disk full --org acme", response_url: slack.responseUrl("T0001/fleet/1") };
    const [first, retry] = await Promise.all([
      sendSlashCommand(`${replicas[0].url}/slack/events`, SECRET, fields),
      sendSlashCommand(`${replicas[1].url}/slack/events`, SECRET, fields, { retryNum: 1 }),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await slack.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "C0ACMEINC"), 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await titles()).toEqual(["Disk full"]);
    const cards = slack.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "C0ACMEINC" && JSON.stringify(c.params).includes("INC-1 · P2"));
    expect(cards).toHaveLength(1);
  }, 60_000);

  it("only the leader polls Telegram; killed mid-poll, the other replica takes over and no update is lost or applied twice", async () => {
    await until(() => (telegram.callsTo("getUpdates").length > 0 ? true : undefined), 20_000, "a Telegram poll");
    telegram.say(ANA_TELEGRAM, "/incident open P3 Before failover --org acme");
    await until(async () => ((await titles()).includes("Before failover") ? true : undefined), 20_000, "the first update applied");
    const leader = replicas.find((r) => r.leads)!;
    const standby = replicas.find((r) => r !== leader)!;
    // No second poller so far: Telegram would have answered 409 to the overlap.
    expect(telegram.callsTo("getUpdates").filter((c) => c.status === 409)).toEqual([]);

    const pollsBefore = telegram.callsTo("getUpdates").length;
    leader.kill();
    for (let i = 1; i <= 3; i++) telegram.say(ANA_TELEGRAM, `/incident open P3 During failover ${i} --org acme`);
    await until(() => (standby.leads ? true : undefined), 20_000, "the standby to lead");
    await until(() => (telegram.callsTo("getUpdates").length > pollsBefore ? true : undefined), 20_000, "polling to resume");
    await until(async () => ((await titles()).filter((t) => t.startsWith("During failover")).length === 3 ? true : undefined), 30_000, "every update applied");
    await new Promise((r) => setTimeout(r, 1500));
    const all = await titles();
    expect(all.filter((t) => t === "Before failover")).toHaveLength(1);
    expect(all.filter((t) => t.startsWith("During failover")).sort()).toEqual(["During failover 1", "During failover 2", "During failover 3"]);
  }, 120_000);
});
