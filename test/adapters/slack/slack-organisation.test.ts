import { afterEach, describe, expect, it } from "vitest";
import { sendSlashCommand } from "../../fakes/fake-slack-requests.js";
import { SIGNING_SECRET } from "./slack-rig.js";
import { ACME, buttonIds, DUTY, startSlackApp, type SlackApp } from "./slack-app-rig.js";

// Real Bolt + real core on SQLite + fake Slack Web API: the organisation follows the channel.
let app: SlackApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const GLOBEX = "C0GLOBEXINC";
const orgOf = async (a: SlackApp, n: number) => (await a.h.store.incidents.findByNumber(n))?.organisationId;

async function commandIn(a: SlackApp, channel: string, text: string) {
  return a.sendCommand({ ...a.commandFields("ben", text), channel_id: channel });
}

describe("Slack: the organisation follows the channel", () => {
  it("a command typed in an organisation's channel is that organisation's; --org overrides it", async () => {
    const a = (app = await startSlackApp());
    expect((await commandIn(a, GLOBEX, "open P3 Slow exports")).reply.split("\n")[0]).toBe("Opened INC-1 (P3) for Globex: Slow exports");
    expect((await commandIn(a, ACME, "open P3 Replica lag")).reply.split("\n")[0]).toBe("Opened INC-2 (P3) for ACME Corp: Replica lag");
    await commandIn(a, ACME, "open P4 Typo --org globex");
    expect([await orgOf(a, 1), await orgOf(a, 2), await orgOf(a, 3)]).toEqual(["globex", "acme", "globex"]);
  });

  it("where nothing says which, asks privately with a button per organisation; a click opens it", async () => {
    const a = (app = await startSlackApp());
    const asked = await commandIn(a, DUTY, "open P2 Checkout errors");
    expect(asked.reply).toContain("Which customer is “Checkout errors” (P2) for?");
    expect(asked.call.params.response_type).toBe("ephemeral");
    const ids = buttonIds(asked.call.params.blocks);
    const labels = asked.call.params.blocks.flatMap((b: any) => (b.type === "actions" ? b.elements.map((e: any) => e.text.text) : []));
    expect(labels).toEqual(["ACME Corp", "Globex"]);
    expect(await orgOf(a, 1)).toBeUndefined();

    const payload = a.clickPayload("ben", ids[0], "1700000100.000100", DUTY);
    payload.container = { ...payload.container, is_ephemeral: true };
    const opened = await a.sendClick(payload);
    expect(opened.reply.split("\n")[0]).toBe("Opened INC-1 (P2) for ACME Corp: Checkout errors");
    expect(await orgOf(a, 1)).toBe("acme");
  });

  it("the bare /incident open form starts on the channel's organisation (none preselected elsewhere)", async () => {
    const a = (app = await startSlackApp());
    const orgSelect = async (channel: string) => {
      const before = a.fake.callsTo("views.open").length;
      const res = await sendSlashCommand(a.url, SIGNING_SECRET, { ...a.commandFields("ben", "open"), channel_id: channel });
      expect(res.status).toBe(200);
      await a.fake.waitFor((c) => c.filter((x) => x.method === "views.open").length > before);
      const view = a.fake.callsTo("views.open").at(-1)!.params.view;
      return view.blocks.find((b: any) => b.block_id === "org").element;
    };
    expect((await orgSelect(GLOBEX)).initial_option).toEqual({ text: { type: "plain_text", text: "Globex" }, value: "globex" });
    expect((await orgSelect(ACME)).initial_option.value).toBe("acme");
    expect((await orgSelect(DUTY)).initial_option).toBeUndefined();
  });
});
