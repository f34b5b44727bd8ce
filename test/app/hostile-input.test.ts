import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";

describe("hostile input at the inbound boundary (real SQLite)", () => {
  let h: Harness;
  beforeEach(async () => (h = await createHarness()));
  afterEach(async () => h.close());

  it("a title carrying terminal escape sequences is stored without them", async () => {
    const reply = await h.as("ana", "/incident open P2 A\x1b]0;PWNED\x07\x1b[2J --org acme");
    expect(reply.outcome).toBe("ok");
    const incident = await h.store.incidents.findByNumber(1);
    expect(incident?.title).toBe("A]0;PWNED[2J");
    await h.deliver();
    expect(JSON.stringify(h.chat.inChannel("acme-incidents"))).not.toMatch(/[\u001b\u0007]/);
  });

  it("half a surrogate pair is a replacement character, not 'something went wrong'", async () => {
    for (const [person, text] of [["carol", "/report x \ud83d"], ["ana", "/incident open P3 broken \udc00 thing --org acme"]] as const) {
      const reply = await h.as(person, text);
      expect(reply.outcome, text).not.toBe("error");
    }
    const incident = await h.store.incidents.findByNumber(1);
    expect(incident?.title).toContain("\ufffd");
  });

  it("bidirectional overrides are removed from titles", async () => {
    await h.as("ana", "/incident open P2 invoice\u202Efdp.exe --org acme");
    expect((await h.store.incidents.findByNumber(1))?.title).toBe("invoicefdp.exe");
  });
});
