import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

describe("the inbound boundary", () => {
  let h: Harness;
  beforeEach(async () => (h = await createHarness()));
  afterEach(async () => h.close());

  it("the same event id applied twice has one effect and gives the same reply", async () => {
    const first = await h.as("ana", "/incident open P2 Disk full --org acme", "slack-retry-1");
    const second = await h.as("ana", "/incident open P2 Disk full --org acme", "slack-retry-1");
    expect(second).toEqual(first);
    expect(await h.store.incidents.list({ limit: 10 })).toHaveLength(1);
  });

  it("a retried ack that went through gets the first answer, not the refusal a second ack would get", async () => {
    await h.as("ana", "/incident open P2 Disk full --org acme");
    expect((await h.as("ben", "/incident ack 1", "slack-ack-1")).message.text).toBe("INC-1 acknowledged.");
    expect((await h.as("ben", "/incident ack 1", "slack-ack-1")).message.text).toBe("INC-1 acknowledged.");
    expect((await h.as("ben", "/incident ack 1", "slack-ack-2")).outcome).toBe("refused");
    const incident = await h.store.incidents.findByNumber(1);
    expect((await h.store.timeline.list(incident!.id)).filter((e) => e.kind === "acknowledged")).toHaveLength(1);
  });

  it("the same event delivered concurrently is applied once", async () => {
    await h.as("ana", "/incident open P2 Disk full --org acme");
    const replies = await Promise.all([1, 2, 3].map(() => h.as("ben", "/incident note 1 double click", "click-1")));
    expect(new Set(replies.map((r) => r.message.text))).toEqual(new Set(["Note added to INC-1."]));
    const incident = await h.store.incidents.findByNumber(1);
    expect((await h.store.timeline.list(incident!.id)).filter((e) => e.kind === "note")).toHaveLength(1);
  });

  it("a card button does what the command does, with the same rights", async () => {
    await h.as("ana", "/incident open P2 Disk full --org acme");
    await h.deliver();
    const card = h.chat.inChannel("acme-incidents")[0];
    const message = card.op === "post" ? card.ref : (undefined as never);
    const click = (userId: string, actionId: string, eventId: string) =>
      h.vigil.handle({ kind: "action", eventId, actor: { platform: "console", userId, displayName: userId }, at: { platform: "console", channelId: "acme-incidents" }, message, actionId });
    expect((await click("carol", "inc:ack:1", "b1")).message.text).toBe("As a contact you may not ack; that needs an engineer. You may: open, show, list, help, report-problem, mytickets.");
    expect((await click("ben", "inc:ack:1", "b2")).message.text).toBe("INC-1 acknowledged.");
    expect((await click("ben", "inc:escalate:1", "b3")).message.text).toBe("INC-1 escalated to duty lead (P2).");
    expect((await click("ben", "inc:bogus:1", "b4")).outcome).toBe("refused");
    expect(await h.store.incidents.findByNumber(1)).toMatchObject({ status: "acknowledged", tier: 1 });
  });

  it("an unexpected failure is logged with a reference, and the user sees only the reference", async () => {
    // Break the database underneath the app, as a bad migration or a corrupted file would.
    const sqlite = new Database(h.dbFile!);
    sqlite.exec("DROP TABLE OutboxMessage");
    sqlite.close();
    const reply = await h.as("ana", "/incident open P2 Disk full --org acme");
    expect(reply.outcome).toBe("error");
    expect(reply.message.text).toMatch(/^Sorry, something went wrong on our side\. Reference: REF\d+\. Please try again or tell an admin\.$/);
    expect(reply.message.text).not.toMatch(/at .*\.ts|Error:|prisma/i);
    const ref = /Reference: (REF\d+)/.exec(reply.message.text)![1];
    expect(h.logger.lines.find((l) => l.level === "error")?.fields.reference).toBe(ref);
    expect(await h.store.incidents.list({ limit: 10 })).toEqual([]);
  });
});

