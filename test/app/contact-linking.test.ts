import { afterEach, describe, expect, it } from "vitest";
import { syncDirectory } from "../../src/app/sync-directory.js";
import type { InboundEvent, Reply } from "../../src/ports/chat.js";
import { createHarness, examplePolicy, type Harness } from "../support/harness.js";

let n = 0;
/** A Telegram user writing to the bot (the core needs no adapter to be told who wrote what). */
function fromTelegram(h: Harness, userId: string, text: string, kind: "command" | "reply" = "command"): Promise<Reply> {
  const event = { kind, eventId: `tg-${++n}`, actor: { platform: "telegram", userId, displayName: userId }, at: { platform: "telegram", channelId: userId }, text } as InboundEvent;
  return h.vigil.handle(event);
}

async function invite(h: Harness, who = "Erin Wu"): Promise<string> {
  const reply = await h.as("ana", `/contact invite acme ${who}`);
  return /Code (\S+) works once/.exec(reply.message.text)![1];
}

describe("linking a Telegram account to a contact", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("a code links once; a second account with the same code is refused", async () => {
    h = await createHarness();
    const code = await invite(h);
    expect((await fromTelegram(h, "8001", `/start ${code}`)).message.text).toContain("Welcome, Erin Wu!");
    const again = await fromTelegram(h, "8002", `/start ${code}`);
    expect(again).toMatchObject({ outcome: "refused", code: "LINK.USED" });
    expect(await h.store.directory.findByIdentity("telegram", "8002")).toBeUndefined();
    expect((await h.store.customers.findLinkCode(code))?.usedBy).toBe("telegram:8001");
  });

  it("codes expire; unknown codes and strangers without a code are refused and change nothing", async () => {
    h = await createHarness();
    const code = await invite(h);
    h.clock.advance(3 * 86_400_000);
    expect(await fromTelegram(h, "8001", `/start ${code}`)).toMatchObject({ outcome: "refused", code: "LINK.EXPIRED" });
    expect(await fromTelegram(h, "8001", "/start nosuchcode")).toMatchObject({ outcome: "refused", code: "LINK.UNKNOWN_CODE" });
    expect(await fromTelegram(h, "8001", "/report hello")).toMatchObject({ code: "AUTH.UNKNOWN_IDENTITY" });
    expect(await h.store.directory.findByIdentity("telegram", "8001")).toBeUndefined();
  });

  it("an existing contact of the policy file is linked by name; the link survives the file being synced again (a restart)", async () => {
    h = await createHarness();
    const code = await invite(h, "carol chen");
    await fromTelegram(h, "8003", `/start ${code}`);
    await syncDirectory(h.store, examplePolicy());
    const carol = await h.store.directory.findByIdentity("telegram", "8003");
    expect(carol?.id).toBe("carol");
    expect(carol?.identities).toEqual(expect.arrayContaining([{ platform: "telegram", externalId: "7001" }, { platform: "telegram", externalId: "8003" }]));
  });

  it("only leads and admins invite; staff are pointed to their own commands", async () => {
    h = await createHarness();
    expect(await h.as("ben", "/contact invite acme Erin")).toMatchObject({ outcome: "refused", code: "AUTH.FORBIDDEN" });
    expect(await h.as("ana", "/contact invite nowhere Erin")).toMatchObject({ outcome: "refused", code: "INVITE.UNKNOWN_ORG" });
    expect(await h.as("ana", "/contact add acme Erin")).toMatchObject({ outcome: "refused", code: "COMMAND.INVALID" });
    expect(await h.as("ben", "/report The VPN is down")).toMatchObject({ outcome: "refused", code: "REPORT.STAFF" });
    expect(await h.as("ben", "/mytickets")).toMatchObject({ outcome: "refused", code: "TICKETS.STAFF" });
  });

  it("a contact's /report keeps quotes and apostrophes as written; free text nobody asked for gets a pointer", async () => {
    h = await createHarness();
    const ask = await h.as("carol", `/report The "Save" button doesn't work`);
    expect(ask.message.text).toContain(`You reported: The "Save" button doesn't work`);
    expect(await h.as("carol", "/report")).toMatchObject({ outcome: "refused", code: "COMMAND.INVALID" });
    expect(await fromTelegram(h, "7001", "hello?", "reply")).toMatchObject({ outcome: "refused", code: "REPLY.UNEXPECTED" });
  });
});
