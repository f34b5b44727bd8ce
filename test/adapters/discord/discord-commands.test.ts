import { afterEach, describe, expect, it } from "vitest";
import { DISCORD_IDS, DISCORD_USERS, type DiscordUserName, type TypedOption } from "../../fakes/fake-discord-interactions.js";
import type { Harness } from "../../support/harness.js";
import { buttonIds, cardFields, cardMessage, channelPosts, startDiscordApp, threadTexts, type DiscordApp } from "./discord-rig.js";
import { deliverAll } from "../../support/harness.js";

// Real discord.js (gateway + REST) + real core + temporary SQLite, against the fake Discord.
// Only the clock is fake: the outbox is delivered with deliverAll().

const { acme: ACME, duty: DUTY } = DISCORD_IDS;
const str = (name: string, value: string): TypedOption => ({ name, value });
const user = (name: string, who: DiscordUserName): TypedOption => ({ name, type: 6, value: DISCORD_USERS[who].id });

let app: DiscordApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(): Promise<DiscordApp> {
  app = await startDiscordApp();
  return app;
}

/** Ben opens INC-1 (P3, ACME) from Discord; the card is delivered; returns the card message id. */
async function openDelivered(a: DiscordApp, severity = "P3"): Promise<string> {
  const reply = await a.driver.command("ben", "open", [str("severity", severity), str("title", "Database replica lag"), str("org", "acme")]);
  expect(reply.text).toBe(`Opened INC-1 (${severity}) for ACME Corp: Database replica lag`);
  await deliverAll(a.h);
  return cardMessage(a.fake, 1).id;
}

async function incident(h: Harness, number = 1) {
  return (await h.store.incidents.findByNumber(number))!;
}

async function actions(h: Harness, number = 1): Promise<[string, string | undefined, string][]> {
  const entries = await h.store.timeline.list((await incident(h, number)).id);
  return entries.filter((e) => e.kind !== "message_sent").map((e) => [e.kind, e.actorId, e.platform]);
}

describe("/incident open", () => {
  it("defers ephemerally, edits in the core's answer, posts the card once and threads under it", async () => {
    const a = await start();
    const reply = await a.driver.command("ben", "open", [
      str("severity", "P2"),
      str("title", 'Database "replica" lag'),
      str("org", "acme"),
      str("description", "replica-2 is 5 min behind"),
    ]);
    expect(reply.interaction.callback).toMatchObject({ type: 5, body: { type: 5, data: { flags: 64 } } });
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toBe('Opened INC-1 (P2) for ACME Corp: Database "replica" lag');
    expect(a.fake.callsTo("POST /channels/:channel/messages")).toEqual([]);

    await deliverAll(a.h);
    expect(channelPosts(a.fake, ACME)).toHaveLength(1);
    const card = cardMessage(a.fake, 1);
    expect(card.embeds[0]).toMatchObject({ title: 'INC-1 · P2 · Database "replica" lag', footer: { text: 'INC-1 [Open] Database "replica" lag' } });
    expect(card.embeds[0].fields.every((f: any) => f.inline === true)).toBe(true);
    expect(cardFields(card)).toMatchObject({ Status: "Open", Severity: "P2", Organisation: "ACME Corp", Assignee: "unassigned", "Reported by": "Ben Okafor" });
    expect(buttonIds(card)).toEqual(["inc:ack:1", "inc:escalate:1"]);
    expect(a.fake.callsTo("POST /channels/:channel/messages/:message/threads").map((c) => [c.params.channel, c.params.message, c.body.name])).toEqual([
      [ACME, card.id, 'INC-1 · P2 · Database "replica" lag'],
    ]);
    expect(threadTexts(a.fake, card.id)).toEqual(["Ben Okafor opened INC-1."]);
    expect(channelPosts(a.fake, DUTY).map((c) => c.body.embeds[0].description)).toEqual([
      expect.stringContaining('🚨 New P2 INC-1 for ACME Corp: Database "replica" lag (opened by Ben Okafor)'),
    ]);

    expect(await incident(a.h)).toMatchObject({ status: "open", severity: "P2", reporterId: "ben", title: 'Database "replica" lag', description: "replica-2 is 5 min behind" });
    expect(await actions(a.h)).toEqual([["opened", "ben", "discord"]]);
    expect(await a.h.store.links.find((await incident(a.h)).id, "discord", ACME)).toEqual({ platform: "discord", channelId: ACME, messageId: card.id });
  });
});

interface LifecycleCase {
  sub: string;
  prep: [DiscordUserName, string, TypedOption[]][];
  as: DiscordUserName;
  options: TypedOption[];
  reply: string;
  status: string;
  kind: string;
  thread: string;
  buttons: string[];
  fields?: Record<string, string>;
}

const KEY = str("incident", "INC-1");
const LIFECYCLE: LifecycleCase[] = [
  { sub: "ack", prep: [], as: "ben", options: [KEY], reply: "INC-1 acknowledged.", status: "acknowledged", kind: "acknowledged", thread: "Ben Okafor acknowledged INC-1.", buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"], fields: { Status: "Acknowledged", Acknowledged: "by Ben Okafor at 2026-11-02 17:00" } },
  { sub: "assign", prep: [], as: "ana", options: [str("incident", "inc-1"), user("person", "ben")], reply: "INC-1 assigned to Ben Okafor.", status: "open", kind: "assigned", thread: "Ana Lima assigned INC-1 to Ben Okafor.", buttons: ["inc:ack:1", "inc:escalate:1"], fields: { Assignee: "Ben Okafor" } },
  { sub: "mitigate", prep: [["ben", "ack", [KEY]]], as: "ben", options: [KEY, str("note", "Restarted the replica")], reply: "INC-1 mitigated.", status: "mitigated", kind: "mitigated", thread: "Ben Okafor mitigated INC-1: Restarted the replica", buttons: ["inc:resolve:1", "inc:escalate:1"] },
  { sub: "resolve", prep: [["ben", "ack", [KEY]]], as: "ben", options: [str("incident", "1"), str("note", "Replaced the failing disk")], reply: "INC-1 resolved.", status: "resolved", kind: "resolved", thread: "Ben Okafor resolved INC-1: Replaced the failing disk", buttons: [], fields: { Resolution: "Replaced the failing disk" } },
  { sub: "close", prep: [["ben", "resolve", [KEY, str("note", "Fixed")]]], as: "ana", options: [KEY], reply: "INC-1 closed.", status: "closed", kind: "closed", thread: "Ana Lima closed INC-1.", buttons: [] },
  { sub: "reopen", prep: [["ben", "resolve", [KEY, str("note", "Fixed")]]], as: "ana", options: [KEY, str("reason", "Lag is back")], reply: "INC-1 reopened.", status: "acknowledged", kind: "reopened", thread: "Ana Lima reopened INC-1: Lag is back", buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"] },
  { sub: "escalate", prep: [], as: "ben", options: [KEY, str("reason", "Checkout is down"), str("to", "P1")], reply: "INC-1 escalated to duty lead (P1).", status: "open", kind: "escalated", thread: "⬆️ Ben Okafor escalated INC-1 to duty lead: Checkout is down", buttons: ["inc:ack:1", "inc:escalate:1"], fields: { Severity: "P1", Escalation: "duty lead" } },
  { sub: "severity", prep: [], as: "ana", options: [KEY, str("severity", "P4"), str("reason", "One internal user")], reply: "INC-1 severity changed P3 → P4.", status: "open", kind: "severity_changed", thread: "Ana Lima changed INC-1 severity P3 → P4: One internal user", buttons: ["inc:ack:1", "inc:escalate:1"], fields: { Severity: "P4" } },
];

describe("lifecycle subcommands end to end", () => {
  it.each(LIFECYCLE)("/incident $sub: edited reply, card PATCHed in place, thread message, database", async (c) => {
    const a = await start();
    const cardId = await openDelivered(a);
    for (const [who, sub, options] of c.prep) expect((await a.driver.command(who, sub, options)).ephemeral).toBe(true);
    await deliverAll(a.h);
    const before = await actions(a.h);
    const mark = a.fake.calls.length;

    const reply = await a.driver.command(c.as, c.sub, c.options);
    expect(reply.interaction.callback?.type).toBe(5);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toBe(c.reply);
    await deliverAll(a.h);

    expect(channelPosts(a.fake, ACME)).toHaveLength(1);
    const edits = a.fake.calls.slice(mark).filter((x) => x.route === "PATCH /channels/:channel/messages/:message");
    expect(edits.map((e) => [e.params.channel, e.params.message])).toEqual([[ACME, cardId]]);
    const card = cardMessage(a.fake, 1);
    expect(card.id).toBe(cardId);
    expect(buttonIds(card)).toEqual(c.buttons);
    expect(cardFields(card)).toMatchObject({ Status: c.status[0].toUpperCase() + c.status.slice(1), ...c.fields });
    expect(threadTexts(a.fake, cardId).slice(-1)).toEqual([c.thread]);
    expect((await incident(a.h)).status).toBe(c.status);
    expect(await actions(a.h)).toEqual([...before, [c.kind, c.as, "discord"]]);
  });

  it("/incident note: timeline and thread; the card is not edited", async () => {
    const a = await start();
    const cardId = await openDelivered(a);
    const mark = a.fake.calls.length;
    const reply = await a.driver.command("ben", "note", [KEY, str("text", "Failover to replica-3 started")]);
    expect(reply.text).toBe("Note added to INC-1.");
    await deliverAll(a.h);
    expect(a.fake.calls.slice(mark).filter((x) => x.route.startsWith("PATCH /channels"))).toEqual([]);
    expect(threadTexts(a.fake, cardId)).toEqual(["Ben Okafor opened INC-1.", "📝 Ben Okafor: Failover to replica-3 started"]);
    expect(await actions(a.h)).toEqual([["opened", "ben", "discord"], ["note", "ben", "discord"]]);
  });
});

describe("refusals are ephemeral and change nothing", () => {
  it("an engineer may not close", async () => {
    const a = await start();
    await openDelivered(a);
    await a.driver.command("ben", "resolve", [KEY, str("note", "Fixed")]);
    await deliverAll(a.h);
    const before = await actions(a.h);
    const reply = await a.driver.command("ben", "close", [KEY]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toMatch(/^As an engineer you may not close; that needs a lead or admin\. You may: open, ack/);
    expect(await deliverAll(a.h)).toBe(0);
    expect(await actions(a.h)).toEqual(before);
  });

  it("an invalid transition names the current status", async () => {
    const a = await start();
    await openDelivered(a);
    const reply = await a.driver.command("ana", "close", [KEY]);
    expect(reply.text).toBe("INC-1 is open; it can be closed only when resolved.");
    expect((await incident(a.h)).status).toBe("open");
  });

  it("a Discord user the policy file does not know is told to ask an admin", async () => {
    const a = await start();
    const reply = await a.driver.command("stranger", "open", [str("severity", "P1"), str("title", "Everything is down"), str("org", "acme")]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toBe("You are not registered with Vigil; ask an admin to add you to the policy file.");
    expect(await a.h.store.incidents.list({ limit: 10 })).toEqual([]);
    expect(await deliverAll(a.h)).toBe(0);
  });
});

describe("read-only subcommands", () => {
  it("/incident show: card embed with the latest timeline, nothing posted", async () => {
    const a = await start();
    await openDelivered(a);
    const mark = a.fake.calls.length;
    const reply = await a.driver.command("ben", "show", [KEY]);
    expect(reply.body.embeds[0].title).toBe("INC-1 · P3 · Database replica lag");
    expect(reply.body.embeds[0].description).toMatch(/Latest on the timeline:\n• .* Ben Okafor \(discord\) opened/);
    expect(cardFields(reply.body)).toMatchObject({ Status: "Open", Severity: "P3" });
    expect(reply.body.components).toEqual([]);
    expect(await deliverAll(a.h)).toBe(0);
    expect(a.fake.calls.slice(mark).map((c) => c.route)).toEqual([
      "POST /interactions/:interaction/:token/callback",
      "PATCH /webhooks/:application/:token/messages/:message",
    ]);
  });

  it("/incident list with and without a filter, and an organisation", async () => {
    const a = await start();
    await openDelivered(a);
    await a.driver.command("ben", "open", [str("severity", "P1"), str("title", "Checkout errors"), str("org", "globex")]);
    await a.driver.command("ana", "resolve", [str("incident", "INC-2"), str("note", "Rolled back")]);
    expect((await a.driver.command("ben", "list")).body.embeds[0]).toEqual({
      title: "1 incident (open)",
      description: "INC-1 · P3 · open · ACME Corp · unassigned — Database replica lag",
    });
    const all = await a.driver.command("ben", "list", [str("filter", "all"), str("org", "globex")]);
    expect(all.body.embeds[0].description).toBe("INC-2 · P1 · resolved · Globex · unassigned — Checkout errors");
  });

  it("/incident help, and help for one subcommand", async () => {
    const a = await start();
    const all = await a.driver.command("ben", "help");
    expect(all.body.embeds[0].title).toBe("Vigil commands");
    expect(all.body.embeds[0].description).toContain("/incident ack <INC-n> — Acknowledge an incident: you are on it.");
    const one = await a.driver.command("ben", "help", [str("subcommand", "escalate")]);
    expect(one.body.embeds[0].description).toBe("Raise the escalation tier (and optionally the severity).\nUsage: /incident escalate <INC-n> [--to <P1|P2|P3>] <reason>");
  });

  it("/oncall reaches the core as the line `/oncall` (the core answers; the adapter adds no rule)", async () => {
    const a = await start();
    const reply = await a.driver.command("ana", "show", [], ACME, "oncall");
    expect(reply.ephemeral).toBe(true);
    const direct = await a.h.vigil.handle({
      kind: "command",
      eventId: "direct-oncall",
      actor: { platform: "discord", userId: DISCORD_USERS.ana.id, displayName: "Ana" },
      at: { platform: "discord", channelId: ACME },
      text: "/oncall",
    });
    expect(reply.text).toBe(direct.message.text);
  });
});
