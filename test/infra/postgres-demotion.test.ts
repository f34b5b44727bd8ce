// A fleet leader that loses its advisory lock without dying (its PostgreSQL session ends: a
// restart of the server's connection, a network blip, pg_terminate_backend) stands by and keeps
// taking commands. What it was answering must be answered once: by it, not again by the
// replica that takes over.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "../fakes/fake-slack-requests.js";
import { Replica, until } from "../support/replica-process.js";
import { tempPgDatabase } from "../support/temp-pg.js";

const SECRET = "demotion-test-signing-secret";
// The leader lock's key (src/infra/cluster/postgres-leader.ts): pg_locks shows it as objid.
const LEADER_LOCK_KEY = 0x76_69_67_02;

describe("a demoted fleet leader (real processes on PostgreSQL)", () => {
  let slack: FakeSlack;
  let db: { url: string; cleanup: () => Promise<void> };
  let replicas: Replica[];
  let attempts = 0;
  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    [slack, db] = await Promise.all([new FakeSlack().start(), tempPgDatabase()]);
    const env = { DATABASE_URL: db.url, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl };
    replicas = await Promise.all([new Replica("a", env).start(), new Replica("b", env).start()]);
    await until(() => (replicas.filter((r) => r.leads).length === 1 ? true : undefined), 20_000, "one leader");
  }, 180_000);

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await slack?.close();
    await db?.cleanup();
  });

  it("a reply in flight when the leader is demoted is sent once, and the demoted replica keeps answering", { timeout: 120_000 }, async () => {
    const run = ++attempts; // each run (vitest --retry) its own commands, replies and log lines
    const leader = replicas.find((r) => r.leads)!;
    const seen = leader.logs.length;
    // Slack answers the reply slowly: it is still on its way when the leader loses its lock.
    slack.replyLatencyMs = 10_000;
    const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0ANA", trigger_id: `demotion.${run}.1`, text: `open P3 Slow reply ${run} --org acme`, response_url: slack.responseUrl(`T0001/demotion/${run}-1`) };
    expect((await sendSlashCommand(`${leader.url}/slack/events`, SECRET, fields)).status).toBe(200);
    const replies = () => slack.calls.filter((c) => c.method === "response_url" && c.path.endsWith(`/demotion/${run}-1`));
    await until(() => (replies().length > 0 ? true : undefined), 30_000, "the reply on its way");

    // The leader's session ends while its process lives on: the lock is free for a moment.
    // Advisory locks are per database, and pg_locks shows every database's: without the filter
    // this picked, now and then, the leader of another test file's fleet running in parallel.
    const [holder] = await sql<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [LEADER_LOCK_KEY],
    );
    await sql(`SELECT pg_terminate_backend($1)`, [holder.pid]);
    const lost = () => leader.logs.slice(seen).some((l) => l.msg === "cluster: leadership lost; standing by");
    await until(() => (lost() ? true : undefined), 20_000, "the leader to stand by");
    // Whichever replica wins the lock next (the old leader may win it back), one leads again.
    await until(() => (replicas.some((r) => r.leads) ? true : undefined), 20_000, "a leader again");
    expect(leader.alive).toBe(true);
    // Longer than the slow reply and two inbox passes (every 5 s) of the new leader.
    await new Promise((r) => setTimeout(r, 14_000));
    expect(replies()).toHaveLength(1);

    // Standing by, the old leader still takes commands and answers each once.
    slack.replyLatencyMs = 0;
    const again = { ...fields, trigger_id: `demotion.${run}.2`, text: `open P3 After demotion ${run} --org acme`, response_url: slack.responseUrl(`T0001/demotion/${run}-2`) };
    expect((await sendSlashCommand(`${leader.url}/slack/events`, SECRET, again)).status).toBe(200);
    await until(() => (slack.calls.some((c) => c.method === "response_url" && c.path.endsWith(`/demotion/${run}-2`)) ? true : undefined), 20_000, "the second reply");
    await new Promise((r) => setTimeout(r, 6_000));
    expect(slack.calls.filter((c) => c.method === "response_url" && c.path.endsWith(`/demotion/${run}-2`))).toHaveLength(1);
    const titles = (await sql<{ title: string }>(`SELECT title FROM "Incident" ORDER BY number`)).map((r) => r.title);
    expect(titles.filter((t) => t.endsWith(` ${run}`))).toEqual([`Slow reply ${run}`, `After demotion ${run}`]);
  });
});
