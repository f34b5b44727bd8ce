import { createSlackAdapter, SLACK_EVENTS_PATH } from "../../../adapters/slack/index.js";
import { encodeActionId, type ButtonCommand } from "../../../src/core/commands/action-id.js";
import { VigilHttpServer } from "../../../src/infra/http/http-server.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../../adapters/slack/slack-rig.js";
import { FakeSlack, type SlackCall } from "../../fakes/fake-slack.js";
import { sendInteraction, sendSlashCommand, slackFixture } from "../../fakes/fake-slack-requests.js";
import { MemoryLogger } from "../../support/harness.js";
import { argumentLine, type NeutralCard, type ScenarioStep } from "../shared-scenario.js";
import type { PlatformSide } from "./platform-side.js";

const ACME = "C0ACMEINC";
const USERS = { ana: "U0ANA", ben: "U0BEN" } as const;
let sequence = 0;

/** Slack: the real Bolt adapter on a real VigilHttpServer, signed requests in, the fake Web API out. */
export async function slackSide(): Promise<PlatformSide> {
  const fake = await new FakeSlack({ token: BOT_TOKEN }).start();
  const http = new VigilHttpServer(async () => ({ ok: true }));
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    router: http,
    organisations: [{ id: "acme", name: "ACME Corp" }],
    logger: new MemoryLogger(),
    requestTimeoutMs: 2000,
  });
  const url = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}${SLACK_EVENTS_PATH}`;
  return { ...sideOn(fake, url), adapter, close: async () => (await http.close(), await fake.close()) };
}

function sideOn(fake: FakeSlack, url: string): Omit<PlatformSide, "adapter" | "close"> {
  const cardPosts = (number: number): SlackCall[] =>
    fake.callsTo("chat.postMessage").filter((c) => c.params.channel === ACME && !c.params.thread_ts && c.response?.ok && String(c.params.text).startsWith(`INC-${number} ·`));
  const cardTs = (number: number): string => {
    const [post] = cardPosts(number);
    if (!post) throw new Error(`no card of INC-${number} in Slack`);
    return String(post.response!.ts);
  };
  // The reply's headline: Slack's fallback text puts the message's text on its first line.
  const replyAt = async (responseUrl: string): Promise<string> => {
    const path = new URL(responseUrl).pathname;
    const answered = () => fake.calls.filter((c) => c.method === "response_url" && c.path === path);
    await fake.waitFor(() => answered().length > 0, 10_000);
    return String(answered().at(-1)!.params.text).split("\n")[0];
  };
  return {
    platform: "slack",
    async perform(step: ScenarioStep) {
      const n = ++sequence;
      const responseUrl = fake.responseUrl(`T0001/${n}/scenario`);
      if (step.button) await click(url, USERS[step.person], encodeActionId(step.command as ButtonCommand, 1), cardTs(1), responseUrl, n);
      else await command(url, USERS[step.person], argumentLine(step), responseUrl, n);
      return replyAt(responseUrl);
    },
    card(number) {
      const message = fake.messages.get(`${ACME}/${cardTs(number)}`)!;
      return neutral(message.blocks ?? []);
    },
    cardPosts: (number) => cardPosts(number).length,
  };
}

async function command(url: string, userId: string, text: string, responseUrl: string, n: number): Promise<void> {
  const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: userId, user_name: userId, channel_id: ACME, command: "/incident", text, trigger_id: `1.2.scenario${n}`, response_url: responseUrl };
  const res = await sendSlashCommand(url, SIGNING_SECRET, fields);
  if (res.status !== 200) throw new Error(`Slack answered ${res.status} to /incident ${text}`);
}

async function click(url: string, userId: string, actionId: string, ts: string, responseUrl: string, n: number): Promise<void> {
  const payload = slackFixture("block-actions");
  payload.user = { id: userId, username: userId, name: userId, team_id: "T0001" };
  payload.channel = { id: ACME, name: "acme-incidents" };
  payload.container = { type: "message", message_ts: ts, channel_id: ACME, is_ephemeral: false };
  payload.message = { ...payload.message, ts };
  payload.trigger_id = `1.2.click${n}`;
  payload.response_url = responseUrl;
  payload.actions = [{ ...payload.actions[0], action_id: actionId, value: actionId, action_ts: `1700000999.${String(n).padStart(6, "0")}` }];
  const res = await sendInteraction(url, SIGNING_SECRET, payload);
  if (res.status !== 200) throw new Error(`Slack answered ${res.status} to a click on ${actionId}`);
}

/** Block Kit back to neutral: header → title, `*label*\nvalue` section fields, action_ids. */
function neutral(blocks: any[]): NeutralCard {
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const fields = blocks.filter((b) => b.type === "section" && b.fields).flatMap((b) => b.fields);
  return {
    title: blocks.find((b) => b.type === "header")?.text.text ?? "",
    fields: fields.map((f: any) => {
      const [, label, value] = /^\*(.*?)\*\n([\s\S]*)$/.exec(f.text) ?? [];
      return [unescape(label ?? ""), unescape(value ?? "")] as [string, string];
    }),
    buttons: blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: any) => e.action_id)),
  };
}
