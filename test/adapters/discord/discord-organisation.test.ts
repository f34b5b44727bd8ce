import { afterEach, describe, expect, it } from "vitest";
import { orgForPlace } from "../../../src/core/incident/organisation-for-place.js";
import { autocompleteInteraction, DISCORD_IDS, slashInteraction, type TypedOption } from "../../fakes/fake-discord-interactions.js";
import { examplePolicy } from "../../support/harness.js";
import { buttonIds, replyText, startDiscordApp, type DiscordApp } from "./discord-rig.js";

// Real discord.js + real core on SQLite + fake Discord: the organisation follows the channel.
const policy = examplePolicy();
const overrides = {
  organisations: policy.organisations.map((o) => ({ id: o.id, name: o.name })),
  organisationFor: (channelId: string) => orgForPlace(policy, { platform: "discord", channelId }),
};
const str = (name: string, value: string): TypedOption => ({ name, value });
const THREAD = "300000000000000077";

let app: DiscordApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function send(a: DiscordApp, raw: any): Promise<{ body: any; text: string }> {
  a.fake.pushInteraction(raw);
  await a.fake.waitFor((f) => (f.interactions.get(raw.id)?.original?.edits ?? 0) > 0, 10_000);
  const edit = a.fake.calls.filter((c) => c.route === "PATCH /webhooks/:application/:token/messages/:message" && c.params.token === raw.token).at(-1)!;
  return { body: edit.body, text: replyText(edit.body) };
}

const orgOf = async (a: DiscordApp, n: number) => (await a.h.store.incidents.findByNumber(n))?.organisationId;

describe("Discord: the organisation follows the channel", () => {
  it("in an organisation's channel, in its card thread, and --org (the org option) overriding both", async () => {
    const a = (app = await startDiscordApp({ policy, overrides }));
    const inGlobex = await a.driver.command("ben", "open", [str("severity", "P3"), str("title", "Slow exports")], DISCORD_IDS.globex);
    expect(inGlobex.text).toBe("Opened INC-1 (P3) for Globex: Slow exports");

    const raw = slashInteraction("ben", "open", [str("severity", "P3"), str("title", "Replica lag")], THREAD);
    raw.channel = { id: THREAD, type: 11, guild_id: DISCORD_IDS.guild, parent_id: DISCORD_IDS.acme, name: "INC-9 · P3 · Old", thread_metadata: { archived: false, auto_archive_duration: 10080, locked: false } };
    expect((await send(a, raw)).text).toBe("Opened INC-2 (P3) for ACME Corp: Replica lag");

    await a.driver.command("ben", "open", [str("severity", "P4"), str("title", "Typo"), str("org", "globex")], DISCORD_IDS.acme);
    expect([await orgOf(a, 1), await orgOf(a, 2), await orgOf(a, 3)]).toEqual(["globex", "acme", "globex"]);
  });

  it("where nothing says which (the duty-lead channel), asks with a button per organisation; a click opens it", async () => {
    const a = (app = await startDiscordApp({ policy, overrides }));
    const asked = await a.driver.command("ana", "open", [str("severity", "P2"), str("title", "Checkout errors")], DISCORD_IDS.duty);
    expect(asked.text).toContain("Which customer is “Checkout errors” (P2) for?");
    const labels = asked.body.components.flatMap((row: any) => row.components.map((b: any) => b.label));
    expect(labels).toEqual(["ACME Corp", "Globex"]);
    expect(await orgOf(a, 1)).toBeUndefined();

    const globex = buttonIds(asked.body)[1];
    const opened = await a.driver.click("ana", globex, "700000000000000001", DISCORD_IDS.duty);
    expect(opened.text).toBe("Opened INC-1 (P2) for Globex: Checkout errors");
    expect(opened.ephemeral).toBe(true);
    expect(await orgOf(a, 1)).toBe("globex");
  });

  it("the org option's autocomplete starts on the channel's organisation and filters by what is typed", async () => {
    const a = (app = await startDiscordApp({ policy, overrides }));
    const suggest = async (value: string, channel: string) => {
      const raw = autocompleteInteraction("ben", "open", "org", value);
      raw.channel_id = channel;
      raw.channel = { ...raw.channel, id: channel };
      a.fake.pushInteraction(raw);
      await a.fake.waitFor((f) => f.interactions.get(raw.id)?.callback !== undefined);
      return a.fake.interactions.get(raw.id)!.callback!.body.data.choices;
    };
    expect(await suggest("", DISCORD_IDS.globex)).toEqual([{ name: "Globex (globex)", value: "globex" }, { name: "ACME Corp (acme)", value: "acme" }]);
    expect(await suggest("", DISCORD_IDS.acme)).toEqual([{ name: "ACME Corp (acme)", value: "acme" }, { name: "Globex (globex)", value: "globex" }]);
    expect(await suggest("acm", DISCORD_IDS.globex)).toEqual([{ name: "ACME Corp (acme)", value: "acme" }]);
  });
});
