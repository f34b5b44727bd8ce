import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent, Reply } from "../../src/ports/chat.js";
import { createHarness, type Harness } from "../support/harness.js";

// For every kind of id a person can send (incident numbers, report drafts, confirmation
// questions, surveys, invitation codes), another customer's id gets exactly the refusal an
// id that does not exist gets, and changes nothing: the answer must not tell them it exists.

let h: Harness;
let n = 0;
const press = (personId: string, actionId: string): Promise<Reply> => {
  const event: InboundEvent = {
    kind: "action",
    eventId: `press-${++n}`,
    actor: { platform: "console", userId: personId, displayName: personId },
    at: { platform: "console", channelId: `dm-${personId}` },
    message: { platform: "console", channelId: `dm-${personId}`, messageId: "1" },
    actionId,
  };
  return h.vigil.handle(event);
};
const shape = (reply: Reply) => ({ outcome: reply.outcome, code: reply.code, text: reply.message.text.replace(/\d+/g, "#") });
const snapshot = async () => JSON.stringify([await h.store.incidents.list({ limit: 50 }), await h.store.outbox.list(), await h.store.customers.findDraft(1)]);

describe("the same refusal for another customer's ids and for ids that do not exist", () => {
  beforeEach(async () => (h = await createHarness()));
  afterEach(async () => h.close());

  it("incident numbers, by command and by card button", async () => {
    await h.as("ana", "/incident open P3 Globex mail slow --org globex");
    const before = await snapshot();
    expect(shape(await h.as("carol", "/incident show INC-1"))).toEqual(shape(await h.as("carol", "/incident show INC-99")));
    expect(shape(await press("carol", "inc:ack:1"))).toEqual(shape(await press("carol", "inc:ack:99")));
    expect(await snapshot()).toBe(before);
  });

  it("report drafts: pressing another contact's impact button is 'not found', like a draft that never existed", async () => {
    const report = await h.as("carol", "/report Printer on fire");
    const button = report.message.actions!.find((a) => a.id.startsWith("r:"))!.id;
    const before = await snapshot();
    const other = await press("dave", button);
    const missing = await press("dave", "r:999:P2");
    expect(other).toMatchObject({ outcome: "refused", code: "REPORT.UNKNOWN" });
    expect(shape(other)).toEqual(shape(missing));
    expect(JSON.stringify(other)).not.toMatch(/someone else/);
    expect(await snapshot()).toBe(before);
  });

  it("confirmation questions and surveys", async () => {
    expect(shape(await press("dave", "c:1:y"))).toEqual(shape(await press("dave", "c:999:y")));
    const report = await h.as("carol", "/report VPN down");
    await press("carol", report.message.actions!.find((a) => a.id.startsWith("r:"))!.id);
    await h.as("ana", "/incident resolve 1 Replaced the router");
    expect(await h.store.followUps.findCheck(1)).toBeDefined();
    const before = await snapshot();
    expect(shape(await press("dave", "c:1:y"))).toEqual(shape(await press("dave", "c:999:y")));
    expect(shape(await press("dave", "s:1:5"))).toEqual(shape(await press("dave", "s:999:5")));
    expect(await snapshot()).toBe(before);
  });

  it("invitation codes: someone else's code is refused like an unknown one", async () => {
    const invite = await h.as("ana", "/contact invite acme Erin Wu");
    const code = /Code (\S+) works once/.exec(invite.message.text)?.[1];
    expect(await h.store.customers.findLinkCode(code!)).toMatchObject({ code });
    const other = await h.as("dave", `/start ${code}`);
    const missing = await h.as("dave", "/start ZZZZZZZZZZZZZZZZ");
    expect(other).toMatchObject({ outcome: "refused", code: "LINK.UNKNOWN_CODE" });
    expect(shape(other)).toEqual(shape(missing));
  });
});
