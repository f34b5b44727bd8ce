import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

describe("an incident's whole lifecycle (Prisma + SQLite)", () => {
  let h: Harness;
  beforeEach(async () => (h = await createHarness()));
  afterEach(async () => h.close());

  it("open → ack → note → assign → mitigate → resolve → close: replies, state, timeline, cards edited in place", async () => {
    const opened = await h.as("ana", "/incident open P2 Disk full on db-1 --org acme --desc \"95% used\"");
    expect(opened.outcome).toBe("ok");
    expect(opened.message.text).toBe("Opened INC-1 (P2) for ACME Corp: Disk full on db-1");
    await h.deliver();

    const card = h.chat.inChannel("acme-incidents")[0];
    expect(card.op).toBe("post");
    expect(card.message.title).toBe("INC-1 · P2 · Disk full on db-1");
    expect(card.message.actions?.map((a) => a.label)).toEqual(["Acknowledge", "Escalate"]);
    expect(card.message.actions?.[0].id).toBe("inc:ack:1");
    const duty = h.chat.inChannel("duty-lead");
    expect(duty.map((c) => c.message.text)).toEqual(["🚨 New P2 INC-1 for ACME Corp: Disk full on db-1 (opened by Ana Lima)"]);

    h.clock.advance(60_000);
    expect((await h.as("ben", "/incident ack INC-1")).message.text).toBe("INC-1 acknowledged.");
    expect((await h.as("ben", "/incident note 1 Cleaning old logs")).message.text).toBe("Note added to INC-1.");
    expect((await h.as("ana", "/incident assign 1 @ben")).message.text).toBe("INC-1 assigned to Ben Okafor.");
    expect((await h.as("ben", "/incident mitigate inc-1 rotated logs")).message.text).toBe("INC-1 mitigated.");
    expect((await h.as("ben", "/resolve 1 Added a disk")).message.text).toBe("INC-1 resolved.");
    expect((await h.as("ana", "/incident close 1")).message.text).toBe("INC-1 closed.");
    await h.deliver();

    const incident = await h.store.incidents.findByNumber(1);
    expect(incident).toMatchObject({ status: "closed", assigneeId: "ben", acknowledgedById: "ben", resolution: "Added a disk", description: "95% used" });
    expect(incident?.acknowledgedAt?.toISOString()).toBe("2026-11-02T09:01:00.000Z");
    const kinds = (await h.store.timeline.list(incident!.id)).filter((e) => e.kind !== "message_sent").map((e) => [e.kind, e.actorId, e.platform]);
    expect(kinds).toEqual([
      ["opened", "ana", "console"],
      ["acknowledged", "ben", "console"],
      ["note", "ben", "console"],
      ["assigned", "ana", "console"],
      ["mitigated", "ben", "console"],
      ["resolved", "ben", "console"],
      ["closed", "ana", "console"],
    ]);

    const inChannel = h.chat.inChannel("acme-incidents");
    const posts = inChannel.filter((c) => c.op === "post" && !c.to.threadId);
    expect(posts).toHaveLength(1);
    const cardRef = card.op === "post" ? card.ref.messageId : "";
    const updates = inChannel.filter((c) => c.op === "update");
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.op === "update" && u.ref.messageId === cardRef)).toBe(true);
    const last = updates.at(-1)!;
    expect(last.message.fields?.find((f) => f.label === "Status")?.value).toBe("Closed");
    expect(last.message.fields?.find((f) => f.label === "Assignee")?.value).toBe("Ben Okafor");
    expect(last.message.actions).toBeUndefined();
    const thread = inChannel.filter((c) => c.op === "post" && c.to.threadId === cardRef).map((c) => c.message.text);
    expect(thread).toEqual([
      "Ana Lima opened INC-1.",
      "Ben Okafor acknowledged INC-1.",
      "📝 Ben Okafor: Cleaning old logs",
      "Ana Lima assigned INC-1 to Ben Okafor.",
      "Ben Okafor mitigated INC-1: rotated logs",
      "Ben Okafor resolved INC-1: Added a disk",
      "Ana Lima closed INC-1.",
    ]);
    expect((await h.store.outbox.pendingSummary()).count).toBe(0);
  });

  it("reopen returns a closed incident to acknowledged and clears the resolution", async () => {
    await h.as("ana", "/incident open P3 Slow search --org globex");
    await h.as("ben", "/incident resolve 1 reindexed");
    await h.as("ana", "/incident close 1");
    const reply = await h.as("ana", "/incident reopen 1 customer says still slow");
    expect(reply.message.text).toBe("INC-1 reopened.");
    const incident = await h.store.incidents.findByNumber(1);
    expect(incident).toMatchObject({ status: "acknowledged" });
    expect(incident?.resolution).toBeUndefined();
    expect(incident?.closedAt).toBeUndefined();
    const entries = await h.store.timeline.list(incident!.id);
    expect(entries.at(-1)).toMatchObject({ kind: "reopened", details: { from: "closed", to: "acknowledged", note: "customer says still slow" } });
  });

  it("resolving an open incident counts as its acknowledgement", async () => {
    await h.as("ana", "/incident open P4 Log volume full --org acme");
    h.clock.advance(5 * 60_000);
    await h.as("ben", "/incident resolve 1 rotated");
    const incident = await h.store.incidents.findByNumber(1);
    expect(incident).toMatchObject({ status: "resolved", acknowledgedById: "ben" });
    expect(incident?.acknowledgedAt?.toISOString()).toBe("2026-11-02T09:05:00.000Z");
    expect(incident?.mitigatedAt?.toISOString()).toBe("2026-11-02T09:05:00.000Z");
  });

  it("escalate raises the tier (and severity with --to) and alerts the duty lead", async () => {
    await h.as("ana", "/incident open P3 Payments slow --org acme");
    const reply = await h.as("ben", '/incident escalate INC-1 --to P1 "checkout failing for all"');
    expect(reply.message.text).toBe("INC-1 escalated to duty lead (P1).");
    await h.deliver();
    expect(await h.store.incidents.findByNumber(1)).toMatchObject({ tier: 1, severity: "P1" });
    expect(h.chat.inChannel("duty-lead").map((c) => c.message.text)).toEqual([
      "⬆️ INC-1 (P1) Payments slow escalated to duty lead by Ben Okafor: checkout failing for all",
    ]);
    await h.as("ben", "/incident escalate 1 need the director");
    const top = await h.as("ben", "/incident escalate 1 again");
    expect(top).toMatchObject({ outcome: "refused", message: { text: "INC-1 is already at the top escalation tier (director)." } });
    const lower = await h.as("ben", "/incident escalate 1 --to P2 lower");
    expect(lower.message.text).toBe("INC-1 is P1; --to P2 would not raise it (use /incident severity to lower it).");
  });

  it("severity changes either way for leads, with the reason on the timeline", async () => {
    await h.as("ana", "/incident open P2 Replica lag --org acme");
    expect((await h.as("ana", "/incident severity 1 P4 only reporting affected")).message.text).toBe("INC-1 severity changed P2 → P4.");
    expect((await h.as("ana", "/incident severity 1 P4 again")).message.text).toBe("INC-1 is already P4.");
    const incident = await h.store.incidents.findByNumber(1);
    const last = (await h.store.timeline.list(incident!.id)).at(-1);
    expect(last).toMatchObject({ kind: "severity_changed", details: { from: "P2", to: "P4", reason: "only reporting affected" } });
  });

  it("show gives the card and latest timeline; list filters open, mine and all", async () => {
    await h.as("ana", "/incident open P2 First --org acme");
    await h.as("ana", "/incident open P3 Second --org globex");
    await h.as("ben", "/incident assign 2 me");
    await h.as("ben", "/incident resolve 1 done");
    const shown = await h.as("ben", "/incident show INC-2");
    expect(shown.message.title).toBe("INC-2 · P3 · Second");
    expect(shown.message.fields?.find((f) => f.label === "Assignee")?.value).toBe("Ben Okafor");
    expect(shown.message.text).toContain("Ben Okafor (console) assigned");
    expect((await h.as("ben", "/incident list")).message.text).toBe("INC-2 · P3 · open · Globex · Ben Okafor — Second");
    expect((await h.as("ben", "/incident list mine")).message.text.split("\n")).toHaveLength(1);
    expect((await h.as("ana", "/incident list mine")).message.text).toBe("No incidents match.");
    expect((await h.as("ben", "/incident list all")).message.text.split("\n")).toHaveLength(2);
    expect((await h.as("ben", "/incident list all --org acme")).message.text).toBe("INC-1 · P2 · resolved · ACME Corp · unassigned — First");
  });

  it("help lists only what the person may do", async () => {
    const engineer = (await h.as("ben", "/incident help")).message.text;
    expect(engineer).toContain("/incident ack <INC-n>");
    expect(engineer).not.toContain("/incident close");
    const lead = (await h.as("ana", "/incident help")).message.text;
    expect(lead).toContain("/incident close <INC-n>");
    expect((await h.as("ben", "/incident help resolve")).message.text).toBe("The problem is fixed.\nUsage: /incident resolve <INC-n> <resolution note>");
  });
});
