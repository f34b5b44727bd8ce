import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokenize } from "../../../src/core/commands/tokenizer.js";
import { sendInteraction, sendSlashCommand, slackFixture } from "../../fakes/fake-slack-requests.js";
import { SIGNING_SECRET, startSlackRig, type SlackRig } from "./slack-rig.js";

let rig: SlackRig;
beforeEach(async () => {
  rig = await startSlackRig();
});
afterEach(async () => {
  await rig.close();
});

function command(text: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...slackFixture("slash-command"), text, response_url: rig.fake.responseUrl(), ...extra };
}

describe("slash commands", () => {
  it("turns /incident <text> into a command event and answers privately at response_url", async () => {
    const res = await sendSlashCommand(rig.url, SIGNING_SECRET, command("ack INC-42"));
    expect(res.status).toBe(200);
    const [response] = await rig.fake.waitFor((c) => c.some((x) => x.method === "response_url")).then(() => rig.fake.callsTo("response_url"));
    expect(rig.events).toEqual([
      {
        kind: "command",
        eventId: "slack:cmd:13345224609.738474920.8088930838d88f008e0",
        actor: { platform: "slack", userId: "U0ANA", displayName: "ana" },
        at: { platform: "slack", channelId: "C0ACMEINC" },
        text: "/incident ack INC-42",
      },
    ]);
    expect(response.params).toMatchObject({ response_type: "ephemeral", text: "INC-42 acknowledged." });
    expect(response.params.blocks[0].text.text).toBe("INC-42 acknowledged.");
    expect(rig.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("unescapes Slack's mention, channel and entity syntax", async () => {
    await sendSlashCommand(rig.url, SIGNING_SECRET, command("assign INC-42 <@U0BOB|bob> &lt;see <#C0DUTY|duty>&gt; &amp; <https://x.test/a|link>"));
    await rig.fake.waitFor((c) => c.some((x) => x.method === "response_url"));
    expect(rig.events[0].kind === "command" && rig.events[0].text).toBe(
      "/incident assign INC-42 @U0BOB <see #C0DUTY> & https://x.test/a",
    );
  });

  it("keeps refusals out of the channel: ephemeral reply only", async () => {
    rig.reply = () => ({ outcome: "refused", message: { text: "INC-42 is closed; reopen it first." } });
    await sendSlashCommand(rig.url, SIGNING_SECRET, command("ack INC-42"));
    await rig.fake.waitFor((c) => c.some((x) => x.method === "response_url"));
    await new Promise((r) => setTimeout(r, 100));
    const methods = rig.fake.calls.map((c) => c.method);
    expect(methods.filter((m) => m !== "auth.test")).toEqual(["response_url"]);
    expect(rig.fake.callsTo("response_url")[0].params).toMatchObject({ response_type: "ephemeral", text: "INC-42 is closed; reopen it first." });
  });

  it("acks within Slack's window even when the core takes 4 s", async () => {
    rig.reply = async () => {
      await new Promise((r) => setTimeout(r, 4000));
      return { outcome: "ok", message: { text: "done late" } };
    };
    const res = await sendSlashCommand(rig.url, SIGNING_SECRET, command("ack INC-42"));
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(3000);
    expect(rig.fake.callsTo("response_url")).toEqual([]);
    await rig.fake.waitFor((c) => c.some((x) => x.method === "response_url"), 6000);
    expect(rig.fake.callsTo("response_url")[0].params.text).toBe("done late");
  }, 10_000);

  it("gives a Slack retry of the same request the same eventId", async () => {
    const fields = command("ack INC-42");
    await sendSlashCommand(rig.url, SIGNING_SECRET, fields);
    await sendSlashCommand(rig.url, SIGNING_SECRET, fields, { retryNum: 1 });
    await rig.fake.waitFor((c) => c.filter((x) => x.method === "response_url").length === 2);
    expect(rig.events).toHaveLength(2);
    expect(rig.events[1].eventId).toBe(rig.events[0].eventId);
  });

  it("opens the modal for a bare /incident open instead of asking the core", async () => {
    await sendSlashCommand(rig.url, SIGNING_SECRET, command(" open "));
    const [call] = await rig.fake.waitFor((c) => c.some((x) => x.method === "views.open")).then(() => rig.fake.callsTo("views.open"));
    expect(rig.events).toEqual([]);
    expect(call.params.trigger_id).toBe("13345224609.738474920.8088930838d88f008e0");
    const view = call.params.view;
    expect(view).toMatchObject({ type: "modal", callback_id: "vigil_open_incident" });
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: "C0ACMEINC", command: "/incident" });
    const byId = Object.fromEntries(view.blocks.map((b: any) => [b.block_id, b]));
    expect(byId.severity.element.options.map((o: any) => o.value)).toEqual(["P1", "P2", "P3", "P4"]);
    expect(byId.org.element.options.map((o: any) => [o.value, o.text.text])).toEqual([["acme", "ACME Corp"], ["globex", "Globex"]]);
    expect(byId.desc.optional).toBe(true);
    expect(byId.title.element.type).toBe("plain_text_input");
  });
});

describe("interactivity", () => {
  it("turns a button click into an action event and answers privately", async () => {
    const payload = { ...slackFixture("block-actions"), response_url: rig.fake.responseUrl("T0001/2/btn") };
    const res = await sendInteraction(rig.url, SIGNING_SECRET, payload);
    expect(res.status).toBe(200);
    await rig.fake.waitFor((c) => c.some((x) => x.method === "response_url"));
    expect(rig.events).toEqual([
      {
        kind: "action",
        eventId: "slack:act:U0ANA:ack:42:1700000123.456789",
        actor: { platform: "slack", userId: "U0ANA", displayName: "ana" },
        at: { platform: "slack", channelId: "C0ACMEINC" },
        message: { platform: "slack", channelId: "C0ACMEINC", messageId: "1700000000.000100" },
        actionId: "ack:42",
      },
    ]);
    expect(rig.fake.callsTo("response_url")[0].params).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });

  it("reads the message ts from the container when the card was ephemeral", async () => {
    const payload = slackFixture("block-actions");
    delete payload.message;
    payload.container = { type: "message", message_ts: "1700000000.000900", channel_id: "C0ACMEINC", is_ephemeral: true };
    payload.response_url = rig.fake.responseUrl();
    await sendInteraction(rig.url, SIGNING_SECRET, payload);
    await rig.fake.waitFor((c) => c.some((x) => x.method === "response_url"));
    expect(rig.events[0]).toMatchObject({ kind: "action", message: { messageId: "1700000000.000900" } });
  });

  it("gives a retried click the same eventId", async () => {
    const payload = { ...slackFixture("block-actions"), response_url: rig.fake.responseUrl() };
    await sendInteraction(rig.url, SIGNING_SECRET, payload);
    await sendInteraction(rig.url, SIGNING_SECRET, payload, { retryNum: 1 });
    await rig.fake.waitFor((c) => c.filter((x) => x.method === "response_url").length === 2);
    expect(rig.events.map((e) => e.eventId)).toEqual([rig.events[0].eventId, rig.events[0].eventId]);
  });

  it("turns a modal submission into an /incident open command that tokenizes back", async () => {
    rig.reply = () => ({ outcome: "ok", message: { text: "INC-43 opened." } });
    const res = await sendInteraction(rig.url, SIGNING_SECRET, slackFixture("view-submission"));
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    const [ephemeral] = await rig.fake.waitFor((c) => c.some((x) => x.method === "chat.postEphemeral")).then(() => rig.fake.callsTo("chat.postEphemeral"));
    const event = rig.events[0];
    expect(event).toMatchObject({ kind: "command", eventId: "slack:view:V0OPEN000001", at: { channelId: "C0ACMEINC" }, actor: { userId: "U0ANA" } });
    const text = event.kind === "command" ? event.text : "";
    expect(tokenize(text)).toMatchObject({
      tokens: ["/incident", "open", "P2", 'Database "replica" lag', "--org", "acme", "--desc", "Lag over 5 min on replica-2;\nit's still growing \\ fast"],
    });
    expect(ephemeral.params).toMatchObject({ channel: "C0ACMEINC", user: "U0ANA", text: "INC-43 opened." });
    expect(rig.fake.callsTo("chat.postMessage")).toEqual([]);
  });
});

describe("request safety", () => {
  const cases: [string, Parameters<typeof sendSlashCommand>[3]][] = [
    ["a forged signature", { signWith: "not-the-secret" }],
    ["a timestamp 6 minutes old", { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ["no signature header", { omit: ["x-slack-signature"] }],
    ["no timestamp header", { omit: ["x-slack-request-timestamp"] }],
  ];
  it.each(cases)("answers 401 to %s and does nothing", async (_name, options) => {
    const res = await sendSlashCommand(rig.url, SIGNING_SECRET, command("ack INC-42"), options);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(rig.events).toEqual([]);
    expect(rig.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(rig.logs.some((l) => l.level === "warn" && l.message.includes("verify"))).toBe(true);
  });

  it("answers 503 once stopped, and 404 for other paths", async () => {
    const other = await fetch(rig.url, { method: "GET" });
    expect(other.status).toBe(404);
    await rig.adapter.stop();
    const res = await sendSlashCommand(rig.url, SIGNING_SECRET, command("ack INC-42"));
    expect(res.status).toBe(503);
    expect(rig.events).toEqual([]);
  });
});
