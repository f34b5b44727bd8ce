import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

describe("refusals say why, name the current status, and change nothing", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P2 Disk full --org acme");
    await h.deliver();
  });
  afterEach(async () => h.close());

  async function snapshot() {
    const incident = await h.store.incidents.findByNumber(1);
    return { incident, timeline: await h.store.timeline.list(incident!.id), outbox: (await h.store.outbox.list()).length };
  }

  it.each([
    ["ana", "/incident close 1", "INCIDENT.INVALID_TRANSITION", "INC-1 is open; it can be closed only when resolved."],
    ["ana", "/incident reopen 1 why", "INCIDENT.INVALID_TRANSITION", "INC-1 is open; it can be reopened only when resolved or closed."],
    ["ben", "/incident close 1", "AUTH.FORBIDDEN", "As an engineer you may not close; that needs a lead or admin. You may: open, ack, note, assign, mitigate, resolve, escalate, show, list, help, wait, postmortem, oncall, silence."],
    ["ben", "/incident severity 1 P1 worse", "AUTH.FORBIDDEN", "As an engineer you may not severity; that needs a lead or admin. You may: open, ack, note, assign, mitigate, resolve, escalate, show, list, help, wait, postmortem, oncall, silence."],
    ["carol", "/incident ack 1", "AUTH.FORBIDDEN", "As a contact you may not ack; that needs an engineer. You may: open, show, list, help, report-problem, mytickets."],
    ["ben", "/incident ack 99", "INCIDENT.NOT_FOUND", "INC-99 was not found."],
    ["ben", "/incident assign 1 @nobody", "INCIDENT.BAD_ASSIGNEE", "“nobody” is not a person Vigil knows (use @id or “me”)."],
    ["ben", "/incident assign 1 carol", "INCIDENT.BAD_ASSIGNEE", "“carol” is not a person Vigil knows (use @id or “me”)."],
    ["ben", "/incident open P2 Thing --org initech", "INCIDENT.UNKNOWN_ORG", "“initech” is not an organisation Vigil knows (known: acme, globex)."],
    ["ben", "/incident ack", "COMMAND.INVALID", "Missing incident key (e.g. INC-42).\nUsage: /incident ack <INC-n>"],
  ])("%s: %s", async (who, line, code, text) => {
    const before = await snapshot();
    const reply = await h.as(who, line);
    expect(reply).toMatchObject({ outcome: "refused", code, message: { text } });
    expect(await snapshot()).toEqual(before);
  });

  it("a second ack is told who acknowledged and when", async () => {
    await h.as("ben", "/incident ack 1");
    h.clock.advance(2000);
    const reply = await h.as("ana", "/incident ack INC-1");
    expect(reply).toMatchObject({ outcome: "refused", code: "INCIDENT.ALREADY_DONE", message: { text: "INC-1 was acknowledged by Ben Okafor 2 s ago." } });
  });

  it("resolving twice says who resolved it", async () => {
    await h.as("ben", "/incident resolve 1 fixed");
    h.clock.advance(5 * 60_000);
    expect((await h.as("ana", "/incident resolve 1 me too")).message.text).toBe("INC-1 was resolved by Ben Okafor 5 min ago.");
  });

  it("an unknown identity is told to ask an admin, and nothing changes", async () => {
    const before = await snapshot();
    const reply = await h.vigil.handle({
      kind: "command",
      eventId: "stranger-1",
      actor: { platform: "slack", userId: "U0STRANGER", displayName: "stranger" },
      at: { platform: "slack", channelId: "C1" },
      text: "/incident ack 1",
    });
    expect(reply).toMatchObject({ outcome: "refused", code: "AUTH.UNKNOWN_IDENTITY", message: { text: "You are not registered with Vigil; ask an admin to add you to the policy file." } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("tenant isolation for contacts", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await h.as("ana", "/incident open P2 ACME database down --org acme");
    await h.as("ana", "/incident open P3 Globex mail slow --org globex");
  });
  afterEach(async () => h.close());

  it("a contact cannot see another organisation's incident: same reply as a number that does not exist", async () => {
    const other = await h.as("carol", "/incident show INC-2");
    const missing = await h.as("carol", "/incident show INC-99");
    expect(other).toMatchObject({ outcome: "refused", message: { text: "INC-2 was not found." } });
    expect(missing).toMatchObject({ outcome: "refused", message: { text: "INC-99 was not found." } });
    expect(other.code).toBe(missing.code);
    expect(JSON.stringify(other)).not.toContain("Globex");
  });

  it("a contact's list shows only their organisation, whatever --org says", async () => {
    const list = await h.as("carol", "/incident list all --org globex");
    expect(list.message.text).toBe("INC-1 · P2 · open · ACME Corp · unassigned — ACME database down");
    expect((await h.as("dave", "/incident list")).message.text).toBe("INC-2 · P3 · open · Globex · unassigned — Globex mail slow");
  });

  it("a contact reports for their own organisation only", async () => {
    const own = await h.as("carol", "/incident open P3 VPN flapping");
    expect(own.message.text).toBe("Opened INC-3 (P3) for ACME Corp: VPN flapping");
    expect((await h.store.incidents.findByNumber(3))?.organisationId).toBe("acme");
    const other = await h.as("carol", "/incident open P3 Not mine --org globex");
    expect(other).toMatchObject({ outcome: "refused", message: { text: "You can only report problems for your own organisation." } });
    expect(await h.store.incidents.findByNumber(4)).toBeUndefined();
  });

  it("a contact cannot act on another organisation's incident, nor learn it exists", async () => {
    const reply = await h.as("dave", "/incident note 1 hello");
    expect(reply.message.text).toBe("As a contact you may not note; that needs an engineer. You may: open, show, list, help, report-problem, mytickets.");
    const show = await h.as("dave", "/incident show 1");
    expect(show.message.text).toBe("INC-1 was not found.");
  });
});
