import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/ports/chat.js";
import type { ProcessIdentity } from "../../../src/ports/process-identity.js";
import { sendSlashCommand } from "../../fakes/fake-slack-requests.js";
import { deliverAll } from "../../support/harness.js";
import { ACME, shownText, snapshot, startSlackApp, topLevelPosts, type SlackApp } from "./slack-app-rig.js";
import { SIGNING_SECRET } from "./slack-rig.js";

// The crash window of an inbound command: Slack got its HTTP 200 (and never retries a slash
// command), then the process died — before the command was applied, or after it committed but
// before the reply reached the response_url. Two "processes" share one SQLite file: the real
// Bolt adapter of each against the fake Slack. The first one is made to stop at that point and
// is declared dead (kill -9: its pid no longer runs); the next one must apply the command
// exactly once and answer the person at the response_url they were given.

const dead: ProcessIdentity = { id: "process-a", host: "test-host", pid: 4242, isAlive: () => true };
const next: ProcessIdentity = { id: "process-b", host: "test-host", pid: 4343, isAlive: (pid) => pid !== dead.pid };
const OPENED = "Opened INC-1 (P3) for ACME Corp: Disk full";

let apps: SlackApp[] = [];
let unblock: (() => void) | undefined;
afterEach(async () => {
  unblock?.();
  for (const app of apps.reverse()) await app.close();
  apps = [];
});

/** A process whose core stops (as if killed) before applying, or right after committing. */
async function dyingProcess(stopsAt: "before-apply" | "after-commit"): Promise<SlackApp> {
  const a = await startSlackApp({ harness: { identity: dead } });
  apps.push(a);
  const gate = new Promise<void>((resolve) => (unblock = resolve));
  const never: Reply = { outcome: "error", message: { text: "this process is gone" } };
  await a.h.adapters[0].start(async (event) => {
    const reply = stopsAt === "after-commit" ? await a.h.vigil.handle(event) : never;
    await gate;
    return reply;
  }, a.h.vigil.inbox);
  return a;
}

/** The next process on the same database; its start takes up what the dead one left. */
async function nextProcess(a: SlackApp): Promise<SlackApp> {
  const b = await startSlackApp({ harness: { identity: next, sharedStore: a.h.store } });
  apps.push(b);
  return b;
}

const repliesAt = (app: SlackApp, responseUrl: string) => app.fake.callsTo("response_url").filter((c) => c.path === new URL(responseUrl).pathname);

describe("Slack: a command answered 200 survives the process dying", () => {
  it("killed before applying: the next process applies it once, answers at its response_url, and a duplicate delivery changes nothing", async () => {
    const a = await dyingProcess("before-apply");
    const fields = a.commandFields("ben", "open P3 Disk full --org acme");
    expect((await sendSlashCommand(a.url, SIGNING_SECRET, fields)).status).toBe(200);
    const waiting = await a.h.store.inbox.list();
    expect(waiting.map((r) => [r.eventId, r.owner, r.replyTo.responseUrl])).toEqual([[`slack:cmd:${fields.trigger_id}`, dead.id, fields.response_url]]);
    expect((await snapshot(a.h)).incidents).toEqual([]);

    const b = await nextProcess(a);
    expect(shownText((await a.replyAt(fields.response_url)).params.text).split("\n")[0]).toBe(OPENED);
    expect(await b.h.store.inbox.list()).toEqual([]);
    await deliverAll(b.h);
    expect(topLevelPosts(b.fake, ACME)).toHaveLength(1);

    // Slack retrying the same request (same trigger_id) is answered the same and applied once.
    // (Its response_url is the one the first delivery carried: on the first fake.)
    expect((await sendSlashCommand(b.url, SIGNING_SECRET, fields, { retryNum: 1 })).status).toBe(200);
    await a.fake.waitFor(() => repliesAt(a, fields.response_url).length === 2);
    expect(repliesAt(a, fields.response_url).map((c) => shownText(c.params.text).split("\n")[0])).toEqual([OPENED, OPENED]);
    const { incidents, timeline } = await snapshot(b.h);
    expect(incidents.map((i) => i.number)).toEqual([1]);
    expect(timeline.filter((e) => e.kind === "opened")).toHaveLength(1);
    expect(await deliverAll(b.h)).toBe(0);
  });

  it("killed after commit, before the reply: the next process sends the reply it committed, once", async () => {
    const a = await dyingProcess("after-commit");
    const fields = a.commandFields("ben", "open P3 Disk full --org acme");
    expect((await sendSlashCommand(a.url, SIGNING_SECRET, fields)).status).toBe(200);
    await expect.poll(async () => (await snapshot(a.h)).incidents.length).toBe(1);
    expect(repliesAt(a, fields.response_url)).toEqual([]);
    expect(await a.h.store.inbox.list()).toHaveLength(1);

    const b = await nextProcess(a);
    await a.replyAt(fields.response_url);
    expect(repliesAt(a, fields.response_url).map((c) => shownText(c.params.text).split("\n")[0])).toEqual([OPENED]);
    expect(await b.h.store.inbox.list()).toEqual([]);
    const { incidents, timeline } = await snapshot(b.h);
    expect(incidents).toHaveLength(1);
    expect(timeline.filter((e) => e.kind === "opened")).toHaveLength(1);
  });

  it("a reply the response_url refused stays owed: the inbox's next pass sends it, without applying the command again", async () => {
    const a = await startSlackApp();
    apps.push(a);
    a.fake.failNext("response_url", { status: 500 });
    const fields = a.commandFields("ben", "open P3 Disk full --org acme");
    expect((await sendSlashCommand(a.url, SIGNING_SECRET, fields)).status).toBe(200);
    await a.fake.waitFor((calls) => calls.some((c) => c.method === "response_url" && c.status === 500));
    await expect.poll(async () => (await a.h.store.inbox.list()).map((r) => r.owner ?? "nobody")).toEqual(["nobody"]);

    expect(await a.h.vigil.inbox.takeUp()).toBe(1);
    expect(repliesAt(a, fields.response_url).map((c) => [c.status, shownText(c.params.text).split("\n")[0]])).toEqual([
      [500, OPENED],
      [200, OPENED],
    ]);
    expect(await a.h.store.inbox.list()).toEqual([]);
    expect((await snapshot(a.h)).timeline.filter((e) => e.kind === "opened")).toHaveLength(1);
  });
});
