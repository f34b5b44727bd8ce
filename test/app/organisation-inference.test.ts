import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Address, InboundEvent, Reply } from "../../src/ports/chat.js";
import { createHarness, examplePolicy, type Harness } from "../support/harness.js";

let seq = 0;

describe("the organisation follows the channel (console, real SQLite)", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => h.close());

  const typeIn = (personId: string, at: Omit<Address, "platform">, text: string): Promise<Reply> =>
    h.vigil.handle({ kind: "command", eventId: `org-${++seq}`, actor: { platform: "console", userId: personId, displayName: personId }, at: { platform: "console", ...at }, text });
  const press = (personId: string, actionId: string): Promise<Reply> =>
    h.vigil.handle({
      kind: "action",
      eventId: `org-${++seq}`,
      actor: { platform: "console", userId: personId, displayName: personId },
      at: { platform: "console", channelId: `dm-${personId}` },
      message: { platform: "console", channelId: `dm-${personId}`, messageId: "reply-1" },
      actionId,
    } satisfies InboundEvent);
  const orgOf = async (n: number) => (await h.store.incidents.findByNumber(n))?.organisationId;

  it("a command typed in an organisation's incident channel is that organisation's", async () => {
    const reply = await typeIn("ben", { channelId: "acme-incidents" }, "/incident open P2 Disk full");
    expect(reply).toMatchObject({ outcome: "ok", message: { text: "Opened INC-1 (P2) for ACME Corp: Disk full" } });
    expect(await orgOf(1)).toBe("acme");
  });

  it("so is one typed in a card's thread", async () => {
    await typeIn("ben", { channelId: "globex-incidents", threadId: "17" }, "/incident open P3 Slow exports");
    expect(await orgOf(1)).toBe("globex");
  });

  it("--org overrides the channel", async () => {
    await typeIn("ben", { channelId: "acme-incidents" }, "/incident open P3 Globex portal --org globex");
    expect(await orgOf(1)).toBe("globex");
  });

  it("where nothing says which, Vigil asks with a button per organisation; the press opens it, once, for the presser only", async () => {
    const asked = await typeIn("ben", { channelId: "dm-ben" }, '/incident open P2 "Disk full" --desc "db-1 at 99 %"');
    expect(asked.outcome).toBe("ok");
    expect(asked.message.text).toBe("Which customer is “Disk full” (P2) for? Press one (or type the command again with --org).");
    expect(asked.message.actions?.map((a) => a.label)).toEqual(["ACME Corp", "Globex"]);
    expect(await orgOf(1)).toBeUndefined();

    const globex = asked.message.actions![1].id;
    expect(Buffer.byteLength(globex)).toBeLessThanOrEqual(64);
    expect(await press("ana", globex)).toMatchObject({ outcome: "refused", code: "OPEN.UNKNOWN_CHOICE" });
    const opened = await press("ben", globex);
    expect(opened.message.text).toBe("Opened INC-1 (P2) for Globex: Disk full");
    const incident = await h.store.incidents.findByNumber(1);
    expect(incident).toMatchObject({ organisationId: "globex", severity: "P2", title: "Disk full", description: "db-1 at 99 %", reporterId: "ben" });
    expect(await press("ben", asked.message.actions![0].id)).toMatchObject({ outcome: "ok", message: { text: "Already opened as INC-1." } });
    expect(await h.store.incidents.findByNumber(2)).toBeUndefined();
    await h.deliver();
    expect(h.chat.inChannel("globex-incidents").length).toBeGreaterThan(0);
    expect(h.chat.inChannel("acme-incidents")).toEqual([]);
  });

  it("a forged choice is refused and opens nothing", async () => {
    expect(await press("ben", "o:999:0")).toMatchObject({ outcome: "refused", code: "OPEN.UNKNOWN_CHOICE" });
    const asked = await typeIn("ben", { channelId: "dm-ben" }, "/incident open P4 Typo");
    const draftId = /^o:(\d+):/.exec(asked.message.actions![0].id)![1];
    expect(await press("ben", `o:${draftId}:7`)).toMatchObject({ outcome: "refused", code: "OPEN.UNKNOWN_CHOICE" });
    expect(await press("ben", `r:${draftId}:P1`)).toMatchObject({ outcome: "refused", code: "REPORT.UNKNOWN" });
    expect(await h.store.incidents.findByNumber(1)).toBeUndefined();
  });

  it("the duty-lead channel names no organisation: Vigil asks there too", async () => {
    const asked = await typeIn("ana", { channelId: "duty-lead" }, "/incident open P1 Everything down");
    expect(asked.message.actions?.map((a) => a.label)).toEqual(["ACME Corp", "Globex"]);
  });
});

describe("with more organisations than buttons fit", () => {
  it("refuses with the --org hint instead of asking", async () => {
    const policy = examplePolicy();
    const many = Array.from({ length: 26 }, (_, i) => ({ id: `org${i}`, name: `Org ${i}`, channels: { console: `org${i}-incidents` } }));
    const h = await createHarness({ store: "memory", policy: { ...policy, organisations: many } });
    try {
      const reply = await h.as("ben", "/incident open P2 Thing");
      expect(reply).toMatchObject({ outcome: "refused", code: "INCIDENT.ORG_REQUIRED" });
      expect(reply.message.text).toMatch(/^Say which customer this is for with --org \(one of: org0, org1, /);
    } finally {
      await h.close();
    }
  });
});
