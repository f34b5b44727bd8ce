import { expect } from "vitest";
import { createSlackAdapter, SLACK_EVENTS_PATH } from "../../../adapters/slack/index.js";
import type { Policy } from "../../../src/core/policy.js";
import { orgForPlace } from "../../../src/core/incident/organisation-for-place.js";
import { VigilHttpServer } from "../../../src/infra/http/http-server.js";
import type { Incident, TimelineEntry } from "../../../src/core/incident/types.js";
import { FakeSlack, type SlackCall } from "../../fakes/fake-slack.js";
import {
  sendInteraction,
  sendSlashCommand,
  slackFixture,
  type SignedRequestOptions,
  type SlackHttpResult,
} from "../../fakes/fake-slack-requests.js";
import { createHarness, examplePolicy, MemoryLogger, type Harness, type HarnessOptions } from "../../support/harness.js";
import { BOT_TOKEN, SIGNING_SECRET } from "./slack-rig.js";

/** Slack member ids of vigil.example.yaml (plus a contact and a stranger the tests add or use). */
export const SLACK_USERS = { ana: "U0ANA", ben: "U0BEN", root: "U0ROOT", carol: "U0CAROL", stranger: "U0STRANGER" } as const;
export type SlackUserName = keyof typeof SLACK_USERS;

export const ACME = "C0ACMEINC";
export const DUTY = "C0DUTY";

/** What a signed request got: the HTTP answer and, unless refused at the door, the private reply. */
export interface SlackExchange {
  http: SlackHttpResult;
  /** The reply's fallback text as Slack shows it (response_url `text`, or chat.postEphemeral `text`; entities decoded). */
  reply: string;
  /** The recorded call that carried the reply. */
  call: SlackCall;
}

/**
 * The real Slack adapter (real Bolt, HTTPReceiver) mounted on a real VigilHttpServer on
 * port 0, Vigil's real core through createHarness on a temporary SQLite file, and the fake
 * Slack Web API on 127.0.0.1. Requests are signed as Slack signs them.
 */
export interface SlackApp {
  h: Harness;
  fake: FakeSlack;
  /** Full URL of /slack/events. */
  url: string;
  /** Where the adapter and Bolt log. */
  adapterLog: MemoryLogger;
  /** Slash-command form fields as Slack would post them, with a fresh trigger_id and response_url. */
  commandFields(user: SlackUserName, text: string, command?: string): Record<string, string>;
  /** Sends `/incident <text>` as `user` and waits for the private reply. */
  command(user: SlackUserName, text: string): Promise<SlackExchange>;
  /** Sends prepared fields (e.g. twice, for a retry) and waits for the reply at their response_url. */
  sendCommand(fields: Record<string, string>, options?: SignedRequestOptions): Promise<SlackExchange>;
  /** A block_actions payload: `user` clicks `actionId` on the card currently at `cardTs` in `channel`. */
  clickPayload(user: SlackUserName, actionId: string, cardTs: string, channel?: string): Record<string, any>;
  /** Sends a block_actions payload and waits for the reply at its response_url. */
  sendClick(payload: Record<string, any>, options?: SignedRequestOptions): Promise<SlackExchange>;
  /** Waits until the response_url `/response/<id>` was posted to. */
  replyAt(responseUrl: string): Promise<SlackCall>;
  close(): Promise<void>;
}

let sequence = 0;

/** Starts fake Slack, the HTTP server, the adapter and Vigil (no background delivery: see deliverAll). */
export async function startSlackApp(options: { policy?: Policy; harness?: Pick<HarnessOptions, "identity" | "sharedStore"> } = {}): Promise<SlackApp> {
  const policy = options.policy ?? examplePolicy();
  const fake = await new FakeSlack({ token: BOT_TOKEN }).start();
  const http = new VigilHttpServer(async () => ({ ok: true }));
  const adapterLog = new MemoryLogger();
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    router: http,
    organisations: policy.organisations.map((o) => ({ id: o.id, name: o.name })),
    organisationFor: (channelId) => orgForPlace(policy, { platform: "slack", channelId }),
    logger: adapterLog,
    requestTimeoutMs: 2000,
  });
  const port = await http.listen(0, "127.0.0.1");
  let h: Harness;
  try {
    h = await createHarness({ adapters: [adapter], store: "sqlite", policy, ...options.harness });
  } catch (error) {
    await http.close();
    await fake.close();
    throw error;
  }
  const url = `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`;

  const replyAt = async (responseUrl: string): Promise<SlackCall> => {
    const path = new URL(responseUrl).pathname;
    const calls = await fake.waitFor((c) => c.some((x) => x.method === "response_url" && x.path === path), 5000);
    return calls.filter((x) => x.method === "response_url" && x.path === path).at(-1)!;
  };

  const app: SlackApp = {
    h,
    fake,
    url,
    adapterLog,
    commandFields(user, text, command = "/incident") {
      const n = ++sequence;
      return {
        ...slackFixture<Record<string, string>>("slash-command"),
        user_id: SLACK_USERS[user],
        user_name: user,
        channel_id: ACME,
        command,
        text,
        trigger_id: `13345224609.738474920.trig${n}`,
        response_url: fake.responseUrl(`T0001/${n}/cmd`),
      };
    },
    async sendCommand(fields, requestOptions) {
      const res = await sendSlashCommand(url, SIGNING_SECRET, fields, requestOptions);
      expect(res.status, `HTTP answer to "${fields.text}"`).toBe(200);
      const call = await replyAt(fields.response_url);
      return { http: res, reply: shownText(call.params.text), call };
    },
    command(user, text) {
      return app.sendCommand(app.commandFields(user, text));
    },
    clickPayload(user, actionId, cardTs, channel = ACME) {
      const n = ++sequence;
      const payload = slackFixture("block-actions");
      const card = fake.messages.get(`${channel}/${cardTs}`);
      payload.user = { id: SLACK_USERS[user], username: user, name: user, team_id: "T0001" };
      payload.channel = { id: channel, name: "incidents" };
      payload.container = { type: "message", message_ts: cardTs, channel_id: channel, is_ephemeral: false };
      payload.message = { ...payload.message, ts: cardTs, text: card?.text ?? "", blocks: card?.blocks ?? [] };
      payload.trigger_id = `13345224609.738474920.click${n}`;
      payload.response_url = fake.responseUrl(`T0001/${n}/act`);
      payload.actions = [{ ...payload.actions[0], action_id: actionId, value: actionId, action_ts: `1700000999.${String(n).padStart(6, "0")}` }];
      return payload;
    },
    async sendClick(payload, requestOptions) {
      const res = await sendInteraction(url, SIGNING_SECRET, payload, requestOptions);
      expect(res.status, `HTTP answer to a click on ${payload.actions[0].action_id}`).toBe(200);
      const call = await replyAt(payload.response_url);
      return { http: res, reply: shownText(call.params.text), call };
    },
    replyAt,
    async close() {
      await h.close();
      await http.close();
      await fake.close();
    },
  };
  return app;
}


/** Every incident and timeline entry, for "the database did not change" checks. */
export async function snapshot(h: Harness): Promise<{ incidents: Incident[]; timeline: TimelineEntry[] }> {
  const incidents = await h.store.incidents.list({ limit: 10_000 });
  const timeline = (await Promise.all(incidents.map((i) => h.store.timeline.list(i.id)))).flat();
  return { incidents, timeline };
}

/** Timeline kinds of an incident in order, without delivery receipts. */
export async function actionKinds(h: Harness, number: number): Promise<string[]> {
  const incident = await h.store.incidents.findByNumber(number);
  if (!incident) throw new Error(`INC-${number} not in the database`);
  return (await h.store.timeline.list(incident.id)).map((e) => e.kind).filter((k) => k !== "message_sent");
}

/** chat.postMessage calls that posted a top-level message (no thread_ts) in `channel`. */
export function topLevelPosts(fake: FakeSlack, channel: string, since = 0): SlackCall[] {
  return fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && c.params.channel === channel && !c.params.thread_ts);
}

/** chat.postMessage calls that replied in the thread of `threadTs`. */
export function threadPosts(fake: FakeSlack, threadTs: string, since = 0): SlackCall[] {
  return fake.calls.slice(since).filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === threadTs);
}

/** Web API calls of one method after index `since`. */
export function callsSince(fake: FakeSlack, method: string, since: number): SlackCall[] {
  return fake.calls.slice(since).filter((c) => c.method === method);
}

/** The action_ids of the buttons a Slack message carries. */
export function buttonIds(blocks: any[] | undefined): string[] {
  return (blocks ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: any) => e.action_id));
}

/** The ts of INC-<number>'s card in `channel`: the answer to its one successful top-level post. */
export function cardTs(fake: FakeSlack, number: number, channel = ACME): string {
  const posts = topLevelPosts(fake, channel).filter((c) => c.response?.ok && String(c.params.text).startsWith(`INC-${number} ·`));
  expect(posts, `card of INC-${number} in ${channel}`).toHaveLength(1);
  return String(posts[0].response!.ts);
}


/** What Slack displays for an escaped `text`: `&lt;`, `&gt;` and `&amp;` as the characters. */
export function shownText(text: unknown): string {
  return String(text).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
