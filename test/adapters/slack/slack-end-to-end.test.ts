import { afterEach, describe, expect, it } from "vitest";
import { examplePolicy, deliverAll } from "../../support/harness.js";
import { sendInteraction, sendSlashCommand, slackFixture } from "../../fakes/fake-slack-requests.js";
import { SIGNING_SECRET } from "./slack-rig.js";
import {
  ACME,
  actionKinds,
  buttonIds,
  callsSince,
  cardTs,
  DUTY,
  snapshot,
  startSlackApp,
  threadPosts,
  topLevelPosts,
  type SlackApp,
  type SlackUserName,
} from "./slack-app-rig.js";

// Real Bolt (HTTPReceiver on Vigil's HTTP server) + real core + temporary SQLite, against the
// fake Slack Web API. Only the clock is fake: the outbox is delivered with deliverAll().

let app: SlackApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(options: Parameters<typeof startSlackApp>[0] = {}): Promise<SlackApp> {
  app = await startSlackApp(options);
  return app;
}

/** Opens INC-1 (P3, ACME, by Ben) through Slack and delivers its card; returns the card ts. */
async function openDelivered(a: SlackApp, severity = "P3"): Promise<string> {
  const { reply } = await a.command("ben", `open ${severity} Database replica lag --org acme`);
  expect(reply).toContain("Opened INC-1");
  await deliverAll(a.h);
  return cardTs(a.fake, 1);
}

async function statusOf(a: SlackApp, number = 1) {
  return (await a.h.store.incidents.findByNumber(number))!;
}

describe("/incident open", () => {
  it("replies privately, posts the card once, threads under it and alerts the duty lead for a P2", async () => {
    const a = await start();
    const { reply, call, http } = await a.command("ben", 'open P2 Database replica lag --org acme --desc "replica-2 is 5 min behind"');
    expect(http.status).toBe(200);
    expect(call.params).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(reply.split("\n")[0]).toBe("Opened INC-1 (P2) for ACME Corp: Database replica lag");
    // Nothing reaches a channel before the outbox is delivered.
    expect(a.fake.callsTo("chat.postMessage")).toEqual([]);

    await deliverAll(a.h);
    const [card] = topLevelPosts(a.fake, ACME);
    expect(topLevelPosts(a.fake, ACME)).toHaveLength(1);
    expect(card.params.blocks[0].text.text).toBe("INC-1 · P2 · Database replica lag");
    expect(card.params.text).toContain("INC-1 [Open] Database replica lag");
    expect(buttonIds(card.params.blocks)).toEqual(["inc:ack:1", "inc:escalate:1"]);
    const ts = card.response!.ts as string;
    const thread = threadPosts(a.fake, ts);
    expect(thread.map((c) => [c.params.channel, c.params.text])).toEqual([[ACME, "Ben Okafor opened INC-1."]]);
    const duty = topLevelPosts(a.fake, DUTY);
    expect(duty).toHaveLength(1);
    expect(duty[0].params.text).toContain("🚨 New P2 INC-1 for ACME Corp: Database replica lag (opened by Ben Okafor)");
    expect(a.fake.callsTo("chat.update")).toEqual([]);

    const incident = await statusOf(a);
    expect(incident).toMatchObject({ status: "open", severity: "P2", organisationId: "acme", reporterId: "ben", description: "replica-2 is 5 min behind" });
    expect(await actionKinds(a.h, 1)).toEqual(["opened"]);
    const receipts = (await a.h.store.timeline.list(incident.id)).filter((e) => e.kind === "message_sent");
    expect(receipts.map((e) => e.details.channelId).sort()).toEqual([ACME, ACME, DUTY]);
    expect(await a.h.store.links.find(incident.id, "slack", ACME)).toEqual({ platform: "slack", channelId: ACME, messageId: ts });
  });

  it("does not alert the duty lead for a P3", async () => {
    const a = await start();
    await openDelivered(a, "P3");
    expect(topLevelPosts(a.fake, DUTY)).toEqual([]);
    expect(topLevelPosts(a.fake, ACME)).toHaveLength(1);
  });

  it("opens the form for a bare `/incident open`, and submitting it opens the incident", async () => {
    const a = await start();
    const fields = a.commandFields("ben", "open");
    const res = await sendSlashCommand(a.url, SIGNING_SECRET, fields);
    expect(res.status).toBe(200);
    const [viewsOpen] = await a.fake.waitFor((c) => c.some((x) => x.method === "views.open")).then(() => a.fake.callsTo("views.open"));
    expect(viewsOpen.params.trigger_id).toBe(fields.trigger_id);
    expect(viewsOpen.params.view.callback_id).toBe("vigil_open_incident");
    expect((await snapshot(a.h)).incidents).toEqual([]);

    const submission = slackFixture("view-submission");
    submission.user = { id: "U0BEN", username: "ben", name: "ben", team_id: "T0001" };
    submission.view.id = viewsOpen.response!.view.id;
    submission.view.private_metadata = viewsOpen.params.view.private_metadata;
    const submitted = await sendInteraction(a.url, SIGNING_SECRET, submission);
    expect(submitted.status).toBe(200);
    const [ephemeral] = await a.fake
      .waitFor((c) => c.some((x) => x.method === "chat.postEphemeral"))
      .then(() => a.fake.callsTo("chat.postEphemeral"));
    expect(ephemeral.params).toMatchObject({ channel: ACME, user: "U0BEN" });
    expect(ephemeral.params.text.split("\n")[0]).toBe('Opened INC-1 (P2) for ACME Corp: Database "replica" lag');

    const incident = await statusOf(a);
    expect(incident).toMatchObject({
      title: 'Database "replica" lag',
      severity: "P2",
      organisationId: "acme",
      reporterId: "ben",
      description: "Lag over 5 min on replica-2;\nit's still growing \\ fast",
    });
    await deliverAll(a.h);
    expect(topLevelPosts(a.fake, ACME)).toHaveLength(1);
    expect(topLevelPosts(a.fake, DUTY)).toHaveLength(1);
    expect(await actionKinds(a.h, 1)).toEqual(["opened"]);
  });
});

interface LifecycleCase {
  name: string;
  /** Commands (as Slack users) that bring INC-1 into the state the case needs. */
  prep: [SlackUserName, string][];
  as: SlackUserName;
  text: string;
  reply: string;
  status: string;
  kind: string;
  thread: string;
  /** Buttons the card shows afterwards. */
  buttons: string[];
  duty?: string;
  check?: (a: SlackApp) => Promise<void>;
}

const LIFECYCLE: LifecycleCase[] = [
  {
    name: "ack",
    prep: [],
    as: "ben",
    text: "ack INC-1",
    reply: "INC-1 acknowledged.",
    status: "acknowledged",
    kind: "acknowledged",
    thread: "Ben Okafor acknowledged INC-1.",
    buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"],
    check: async (a) => expect(await statusOf(a)).toMatchObject({ acknowledgedById: "ben" }),
  },
  {
    name: "assign",
    prep: [],
    as: "ana",
    text: "assign inc-1 <@U0BEN|ben>",
    reply: "INC-1 assigned to Ben Okafor.",
    status: "open",
    kind: "assigned",
    thread: "Ana Lima assigned INC-1 to Ben Okafor.",
    buttons: ["inc:ack:1", "inc:escalate:1"],
    check: async (a) => expect(await statusOf(a)).toMatchObject({ assigneeId: "ben" }),
  },
  {
    name: "mitigate",
    prep: [["ben", "ack INC-1"]],
    as: "ben",
    text: "mitigate INC-1 Restarted the replica",
    reply: "INC-1 mitigated.",
    status: "mitigated",
    kind: "mitigated",
    thread: "Ben Okafor mitigated INC-1: Restarted the replica",
    buttons: ["inc:resolve:1", "inc:escalate:1"],
  },
  {
    name: "resolve",
    prep: [["ben", "ack INC-1"]],
    as: "ben",
    text: "resolve 1 Replaced the failing disk",
    reply: "INC-1 resolved.",
    status: "resolved",
    kind: "resolved",
    thread: "Ben Okafor resolved INC-1: Replaced the failing disk",
    buttons: [],
    check: async (a) => expect(await statusOf(a)).toMatchObject({ resolution: "Replaced the failing disk" }),
  },
  {
    name: "close",
    prep: [["ben", "resolve INC-1 Replaced the failing disk"]],
    as: "ana",
    text: "close INC-1",
    reply: "INC-1 closed.",
    status: "closed",
    kind: "closed",
    thread: "Ana Lima closed INC-1.",
    buttons: [],
  },
  {
    name: "reopen",
    prep: [
      ["ben", "resolve INC-1 Replaced the failing disk"],
      ["ana", "close INC-1"],
    ],
    as: "ana",
    text: "reopen INC-1 Lag is back",
    reply: "INC-1 reopened.",
    status: "acknowledged",
    kind: "reopened",
    thread: "Ana Lima reopened INC-1: Lag is back",
    buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"],
  },
  {
    name: "escalate",
    prep: [],
    as: "ben",
    text: "escalate INC-1 --to P1 Customer checkout is down",
    reply: "INC-1 escalated to duty lead (P1).",
    status: "open",
    kind: "escalated",
    thread: "⬆️ Ben Okafor escalated INC-1 to duty lead: Customer checkout is down",
    buttons: ["inc:ack:1", "inc:escalate:1"],
    duty: "⬆️ INC-1 (P1) Database replica lag escalated to duty lead by Ben Okafor: Customer checkout is down",
    check: async (a) => expect(await statusOf(a)).toMatchObject({ severity: "P1", tier: 1 }),
  },
  {
    name: "severity",
    prep: [],
    as: "ana",
    text: "severity INC-1 P4 Only one internal user affected",
    reply: "INC-1 severity changed P3 → P4.",
    status: "open",
    kind: "severity_changed",
    thread: "Ana Lima changed INC-1 severity P3 → P4: Only one internal user affected",
    buttons: ["inc:ack:1", "inc:escalate:1"],
    check: async (a) => expect(await statusOf(a)).toMatchObject({ severity: "P4" }),
  },
];

describe("lifecycle commands end to end", () => {
  it.each(LIFECYCLE)("/incident $text: reply, card edited in place, thread reply, database", async (c) => {
    const a = await start();
    const ts = await openDelivered(a);
    for (const [who, text] of c.prep) expect((await a.command(who, text)).call.params.response_type).toBe("ephemeral");
    await deliverAll(a.h);
    const before = await actionKinds(a.h, 1);
    const mark = a.fake.calls.length;

    const { reply } = await a.command(c.as, c.text);
    expect(reply).toBe(c.reply);
    await deliverAll(a.h);

    // The card is never posted again: it is edited with the same ts.
    expect(topLevelPosts(a.fake, ACME)).toHaveLength(1);
    const updates = callsSince(a.fake, "chat.update", mark);
    expect(updates).toHaveLength(1);
    expect(updates[0].params).toMatchObject({ channel: ACME, ts });
    expect(buttonIds(updates[0].params.blocks)).toEqual(c.buttons);
    const shown = a.fake.messages.get(`${ACME}/${ts}`)!;
    expect(shown.text).toContain(`[${c.status[0].toUpperCase()}${c.status.slice(1)}]`);

    expect(threadPosts(a.fake, ts, mark).map((p) => [p.params.channel, p.params.text])).toEqual([[ACME, c.thread]]);
    const duty = topLevelPosts(a.fake, DUTY, mark).map((p) => p.params.text as string);
    if (c.duty) expect(duty).toEqual([expect.stringContaining(c.duty)]);
    else expect(duty).toEqual([]);

    expect((await statusOf(a)).status).toBe(c.status);
    expect(await actionKinds(a.h, 1)).toEqual([...before, c.kind]);
    await c.check?.(a);
  });

  it("/incident note: timeline and thread, the card stays as it is", async () => {
    const a = await start();
    const ts = await openDelivered(a);
    const mark = a.fake.calls.length;
    const { reply } = await a.command("ben", "note INC-1 Failover to replica-3 started");
    expect(reply).toBe("Note added to INC-1.");
    await deliverAll(a.h);
    expect(callsSince(a.fake, "chat.update", mark)).toEqual([]);
    expect(threadPosts(a.fake, ts, mark).map((p) => p.params.text)).toEqual(["📝 Ben Okafor: Failover to replica-3 started"]);
    expect((await statusOf(a)).status).toBe("open");
    expect(await actionKinds(a.h, 1)).toEqual(["opened", "note"]);
    const note = (await a.h.store.timeline.list((await statusOf(a)).id)).find((e) => e.kind === "note")!;
    expect(note).toMatchObject({ actorId: "ben", platform: "slack", details: { text: "Failover to replica-3 started" } });
  });

  it("refuses a lead-only command from an engineer, saying why, and changes nothing", async () => {
    const a = await start();
    await openDelivered(a);
    await a.command("ben", "resolve INC-1 Replaced the failing disk");
    await deliverAll(a.h);
    const before = await snapshot(a.h);
    const mark = a.fake.calls.length;
    const { reply, call } = await a.command("ben", "close INC-1");
    expect(call.params.response_type).toBe("ephemeral");
    expect(reply).toMatch(/^As an engineer you may not close; that needs a lead or admin\. You may: open, ack/);
    await deliverAll(a.h);
    expect(await snapshot(a.h)).toEqual(before);
    expect(a.fake.calls.slice(mark).filter((c) => c.method !== "response_url")).toEqual([]);
  });

  it("refuses an invalid transition naming the current status", async () => {
    const a = await start();
    await openDelivered(a);
    const { reply } = await a.command("ana", "close INC-1");
    expect(reply).toBe("INC-1 is open; it can be closed only when resolved.");
    expect((await statusOf(a)).status).toBe("open");
  });
});

describe("read-only commands", () => {
  it("/incident show: the card, the latest timeline entries, no buttons, nothing posted", async () => {
    const a = await start();
    await openDelivered(a);
    await a.command("ben", "note INC-1 Failover started");
    await deliverAll(a.h);
    const before = await snapshot(a.h);
    const mark = a.fake.calls.length;
    const { reply, call } = await a.command("ben", "show INC-1");
    const lines = reply.split("\n");
    expect(lines[0]).toBe("INC-1 · P3 · Database replica lag");
    expect(reply).toContain("Latest on the timeline:");
    expect(reply).toMatch(/Ben Okafor \(slack\) opened/);
    expect(reply).toMatch(/Ben Okafor \(slack\) note: Failover started/);
    expect(reply).not.toContain("message_sent");
    expect(buttonIds(call.params.blocks)).toEqual([]);
    expect(await deliverAll(a.h)).toBe(0);
    expect(a.fake.calls.slice(mark).map((c) => c.method)).toEqual(["response_url"]);
    expect(await snapshot(a.h)).toEqual(before);
  });

  it("/incident list: open incidents with organisation and assignee", async () => {
    const a = await start();
    await openDelivered(a);
    await a.command("ben", "open P1 Checkout errors --org globex");
    await a.command("ana", "resolve INC-2 Rolled back");
    const open = await a.command("ben", "list");
    expect(open.reply).toBe("1 incident (open)\nINC-1 · P3 · open · ACME Corp · unassigned — Database replica lag");
    const all = await a.command("ben", "list all");
    expect(all.reply.split("\n")).toEqual([
      "2 incidents (all)",
      "INC-2 · P1 · resolved · Globex · unassigned — Checkout errors",
      "INC-1 · P3 · open · ACME Corp · unassigned — Database replica lag",
    ]);
    const globex = await a.command("ben", "list all --org globex");
    expect(globex.reply.split("\n")[0]).toBe("1 incident (all)");
  });

  it("/incident help: the commands this person may use; help <sub>: its usage", async () => {
    const a = await start();
    const ben = await a.command("ben", "help");
    expect(ben.reply.split("\n")[0]).toBe("Vigil commands");
    expect(ben.reply).toContain("/incident ack <INC-n> — Acknowledge an incident: you are on it.");
    expect(ben.reply).not.toContain("/incident close");
    const ana = await a.command("ana", "help");
    expect(ana.reply).toContain("/incident close <INC-n> — Close a resolved incident (leads).");
    const one = await a.command("ben", "help escalate");
    expect(one.reply).toBe("escalate\nRaise the escalation tier (and optionally the severity).\nUsage: /incident escalate <INC-n> [--to <P1|P2|P3>] <reason>");
    const bad = await a.command("ben", "frobnicate INC-1");
    expect(bad.reply).toContain("“frobnicate” is not an /incident subcommand");
    expect(a.fake.callsTo("chat.postMessage")).toEqual([]);
  });
});

describe("card buttons", () => {
  it("Acknowledge on the card does what /incident ack does", async () => {
    const a = await start();
    const ts = await openDelivered(a);
    const [ackButton] = buttonIds(a.fake.messages.get(`${ACME}/${ts}`)!.blocks);
    expect(ackButton).toBe("inc:ack:1");
    const mark = a.fake.calls.length;
    const { reply, call } = await a.sendClick(a.clickPayload("ben", ackButton, ts));
    expect(call.params).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(reply).toBe("INC-1 acknowledged.");
    await deliverAll(a.h);
    const updates = callsSince(a.fake, "chat.update", mark);
    expect(updates.map((u) => u.params.ts)).toEqual([ts]);
    expect(buttonIds(updates[0].params.blocks)).toEqual(["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"]);
    expect(threadPosts(a.fake, ts, mark).map((p) => p.params.text)).toEqual(["Ben Okafor acknowledged INC-1."]);
    expect(await statusOf(a)).toMatchObject({ status: "acknowledged", acknowledgedById: "ben" });
    expect(await actionKinds(a.h, 1)).toEqual(["opened", "acknowledged"]);
    const entry = (await a.h.store.timeline.list((await statusOf(a)).id)).find((e) => e.kind === "acknowledged")!;
    expect(entry).toMatchObject({ actorId: "ben", platform: "slack" });
  });

  it("the buttons of the edited card drive the rest of the lifecycle (mitigate, escalate, resolve)", async () => {
    const a = await start();
    const ts = await openDelivered(a);
    const click = async (id: string) => {
      expect(buttonIds(a.fake.messages.get(`${ACME}/${ts}`)!.blocks)).toContain(id);
      const { reply } = await a.sendClick(a.clickPayload("ben", id, ts));
      await deliverAll(a.h);
      return reply;
    };
    expect(await click("inc:ack:1")).toBe("INC-1 acknowledged.");
    expect(await click("inc:mitigate:1")).toBe("INC-1 mitigated.");
    const mark = a.fake.calls.length;
    expect(await click("inc:escalate:1")).toBe("INC-1 escalated to duty lead (P3).");
    expect(topLevelPosts(a.fake, DUTY, mark).map((p) => p.params.text)).toEqual([
      expect.stringContaining("⬆️ INC-1 (P3) Database replica lag escalated to duty lead by Ben Okafor: via button"),
    ]);
    expect(await click("inc:resolve:1")).toBe("INC-1 resolved.");
    expect(buttonIds(a.fake.messages.get(`${ACME}/${ts}`)!.blocks)).toEqual([]);
    expect(await statusOf(a)).toMatchObject({ status: "resolved", resolution: "via button", tier: 1 });
    expect(await actionKinds(a.h, 1)).toEqual(["opened", "acknowledged", "mitigated", "escalated", "resolved"]);
    expect(topLevelPosts(a.fake, ACME)).toHaveLength(1);
  });

  it("a second click on Acknowledge is told who acknowledged it", async () => {
    const a = await start();
    const ts = await openDelivered(a);
    await a.sendClick(a.clickPayload("ben", "inc:ack:1", ts));
    a.h.clock.advance(2000);
    const { reply } = await a.sendClick(a.clickPayload("ana", "inc:ack:1", ts));
    expect(reply).toBe("INC-1 was acknowledged by Ben Okafor 2 s ago.");
    expect(await actionKinds(a.h, 1)).toEqual(["opened", "acknowledged"]);
  });

  it("refuses a customer contact's click with the same rights check as the command", async () => {
    const policy = examplePolicy();
    policy.people.find((p) => p.id === "carol")!.identities.push({ platform: "slack", externalId: "U0CAROL" });
    const a = await start({ policy });
    const ts = await openDelivered(a);
    const before = await snapshot(a.h);
    const mark = a.fake.calls.length;
    const click = await a.sendClick(a.clickPayload("carol", "inc:ack:1", ts));
    const typed = await a.command("carol", "ack INC-1");
    for (const { reply, call } of [click, typed]) {
      expect(call.params.response_type).toBe("ephemeral");
      expect(reply).toMatch(/^As a contact you may not ack; that needs an engineer\. You may: open, /);
    }
    await deliverAll(a.h);
    expect(await snapshot(a.h)).toEqual(before);
    expect(a.fake.calls.slice(mark).map((c) => c.method)).toEqual(["response_url", "response_url"]);
  });

  it("refuses a click from someone Vigil does not know", async () => {
    const a = await start();
    const ts = await openDelivered(a);
    const before = await snapshot(a.h);
    const { reply } = await a.sendClick(a.clickPayload("stranger", "inc:ack:1", ts));
    expect(reply).toBe("You are not registered with Vigil; ask an admin to add you to the policy file.");
    await deliverAll(a.h);
    expect(await snapshot(a.h)).toEqual(before);
    expect(callsSince(a.fake, "chat.update", 0)).toEqual([]);
  });
});

describe("who may talk to Vigil", () => {
  it("tells an unknown Slack user to ask an admin, and changes nothing", async () => {
    const a = await start();
    await openDelivered(a);
    const before = await snapshot(a.h);
    const mark = a.fake.calls.length;
    for (const text of ["open P1 Everything is down --org acme", "ack INC-1", "help"]) {
      const { reply, call } = await a.command("stranger", text);
      expect(call.params.response_type).toBe("ephemeral");
      expect(reply).toBe("You are not registered with Vigil; ask an admin to add you to the policy file.");
    }
    expect(await deliverAll(a.h)).toBe(0);
    expect(await snapshot(a.h)).toEqual(before);
    expect(a.fake.calls.slice(mark).filter((c) => c.method !== "response_url")).toEqual([]);
  });

  const forged: [string, Parameters<typeof sendSlashCommand>[3]][] = [
    ["a forged signature", { signWith: "not-the-signing-secret" }],
    ["a timestamp 6 minutes old", { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ["no signature header", { omit: ["x-slack-signature"] }],
    ["no timestamp header", { omit: ["x-slack-request-timestamp"] }],
  ];
  it.each(forged)("answers 401 to %s and leaves the database as it was", async (_name, options) => {
    const a = await start();
    await openDelivered(a);
    const before = await snapshot(a.h);
    const outboxBefore = await a.h.store.outbox.list();
    const mark = a.fake.calls.length;
    const command = await sendSlashCommand(a.url, SIGNING_SECRET, a.commandFields("ana", "open P1 Forged incident --org acme"), options);
    const click = await sendInteraction(a.url, SIGNING_SECRET, a.clickPayload("ana", "inc:ack:1", cardTs(a.fake, 1)), options);
    expect([command.status, click.status]).toEqual([401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(await deliverAll(a.h)).toBe(0);
    expect(await snapshot(a.h)).toEqual(before);
    expect(await a.h.store.outbox.list()).toEqual(outboxBefore);
    expect(a.fake.calls.slice(mark)).toEqual([]);
  });
});

describe("Slack retries", () => {
  it("a slash command delivered twice (x-slack-retry-num) opens one incident", async () => {
    const a = await start();
    const fields = a.commandFields("ben", "open P2 Database replica lag --org acme");
    const first = sendSlashCommand(a.url, SIGNING_SECRET, fields);
    const retry = sendSlashCommand(a.url, SIGNING_SECRET, fields, { retryNum: 1 });
    expect((await Promise.all([first, retry])).map((r) => r.status)).toEqual([200, 200]);
    const path = new URL(fields.response_url).pathname;
    await a.fake.waitFor((c) => c.filter((x) => x.path === path).length === 2, 5000);
    const replies = a.fake.calls.filter((x) => x.path === path).map((x) => x.params.text as string);
    expect(replies[0].split("\n")[0]).toBe("Opened INC-1 (P2) for ACME Corp: Database replica lag");
    expect(replies[1]).toBe(replies[0]);
    await deliverAll(a.h);

    const { incidents, timeline } = await snapshot(a.h);
    expect(incidents.map((i) => i.number)).toEqual([1]);
    expect(timeline.filter((e) => e.kind === "opened")).toHaveLength(1);
    expect(topLevelPosts(a.fake, ACME)).toHaveLength(1);
    expect(topLevelPosts(a.fake, DUTY)).toHaveLength(1);

    // A later retry (after the first was fully handled) is answered from memory.
    const late = await a.sendCommand(fields, { retryNum: 2 });
    expect(late.reply).toBe(replies[0]);
    expect(await deliverAll(a.h)).toBe(0);
    expect((await snapshot(a.h)).incidents).toHaveLength(1);
  });

  it("a click delivered twice writes one timeline entry", async () => {
    const a = await start();
    const ts = await openDelivered(a);
    const payload = a.clickPayload("ben", "inc:ack:1", ts);
    const first = await a.sendClick(payload);
    const retry = await a.sendClick(payload, { retryNum: 1 });
    expect(retry.reply).toBe(first.reply);
    await deliverAll(a.h);
    expect(await actionKinds(a.h, 1)).toEqual(["opened", "acknowledged"]);
    expect(callsSince(a.fake, "chat.update", 0)).toHaveLength(1);
  });
});

describe("delivery: rate limits and pacing", () => {
  it("holds a channel back after a 429 for Retry-After, keeps other channels going, then delivers in order", async () => {
    const a = await start();
    a.fake.failNext("chat.postMessage", { status: 429, retryAfter: 2, channel: ACME });
    await a.command("ben", "open P2 Database replica lag --org acme");

    await a.h.deliver();
    const acme = () => a.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === ACME);
    expect(topLevelPosts(a.fake, DUTY).map((c) => c.status)).toEqual([200]);
    expect(acme().map((c) => c.status)).toEqual([429]);
    expect([...a.fake.messages.values()].filter((m) => m.channel === ACME)).toEqual([]);
    expect((await a.h.store.outbox.pendingSummary()).count).toBe(2);
    const card = (await a.h.store.outbox.list()).find((r) => r.channelId === ACME && r.kind === "card")!;
    // A rate limit is not a failure: it uses up no attempt.
    expect(card).toMatchObject({ status: "pending", attempts: 0 });
    expect(card.nextAttemptAt.getTime()).toBe(a.h.clock.now().getTime() + 2000);

    // Retry-After is honoured: one second later nothing is sent yet.
    a.h.clock.advance(1000);
    expect(await a.h.deliver()).toBe(0);
    expect(acme()).toHaveLength(1);

    a.h.clock.advance(1000);
    expect(await a.h.deliver()).toBe(2);
    const calls = acme();
    expect(calls.map((c) => c.status)).toEqual([429, 200, 200]);
    expect(calls[1].params.thread_ts).toBeUndefined();
    expect(calls[1].params.text).toContain("INC-1 · P2 · Database replica lag");
    expect(calls[2].params).toMatchObject({ thread_ts: calls[1].response!.ts, text: "Ben Okafor opened INC-1." });
    expect((await a.h.store.outbox.pendingSummary()).count).toBe(0);
    const rows = await a.h.store.outbox.list();
    expect(rows.find((r) => r.channelId === ACME && r.kind === "card")).toMatchObject({ status: "sent", attempts: 0 });
  });

  it("paces a channel to a burst of 3, then 1 message a second, in order", async () => {
    const a = await start();
    await a.command("ben", "open P3 Database replica lag --org acme");
    await a.command("ben", "open P3 Disk almost full --org acme");
    await a.command("ben", "note INC-1 Looking");
    // 5 messages for ACME: card 1, thread 1, card 2, thread 2, note on 1.
    expect(await a.h.deliver()).toBe(3);
    a.h.clock.advance(1000);
    expect(await a.h.deliver()).toBe(1);
    a.h.clock.advance(1000);
    expect(await a.h.deliver()).toBe(1);
    const texts = a.fake.callsTo("chat.postMessage").map((c) => (c.params.text as string).split("\n")[0]);
    expect(texts).toEqual([
      "INC-1 · P3 · Database replica lag",
      "Ben Okafor opened INC-1.",
      "INC-2 · P3 · Disk almost full",
      "Ben Okafor opened INC-2.",
      "📝 Ben Okafor: Looking",
    ]);
    const ts1 = cardTs(a.fake, 1);
    expect(threadPosts(a.fake, ts1).map((c) => c.params.text)).toEqual(["Ben Okafor opened INC-1.", "📝 Ben Okafor: Looking"]);
  });
});
