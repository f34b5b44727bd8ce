import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatDeliveryError, type OutboundMessage } from "../../../src/ports/chat.js";
import { BOT_TOKEN, startSlackRig, type SlackRig } from "./slack-rig.js";

let rig: SlackRig;
beforeEach(async () => {
  rig = await startSlackRig();
});
afterEach(async () => {
  await rig.close();
});

const card: OutboundMessage = {
  title: "INC-42 · P2 · Database replica lag",
  text: "Status: open",
  fields: [
    { label: "Organisation", value: "ACME Corp" },
    { label: "Assignee", value: "—" },
  ],
  actions: [
    { id: "ack:42", label: "Acknowledge", style: "primary" },
    { id: "esc:42", label: "Escalate", style: "danger" },
  ],
};

async function deliveryError(promise: Promise<unknown>): Promise<ChatDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatDeliveryError);
  return error as ChatDeliveryError;
}

describe("post and update", () => {
  it("posts a Block Kit card and edits it in place with the same ts", async () => {
    const ref = await rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC" }, card);
    expect(ref).toEqual({ platform: "slack", channelId: "C0ACMEINC", messageId: "1700000000.000100" });
    await rig.adapter.update(ref, { ...card, text: "Status: acknowledged", actions: [{ id: "res:42", label: "Resolve" }] });

    const [post] = rig.fake.callsTo("chat.postMessage");
    expect(post.auth).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.params.channel).toBe("C0ACMEINC");
    expect(post.params.thread_ts).toBeUndefined();
    expect(post.params.text).toContain("INC-42 · P2 · Database replica lag");
    const [header, section, fields, actions] = post.params.blocks;
    expect(header).toMatchObject({ type: "header", text: { text: "INC-42 · P2 · Database replica lag" } });
    expect(section.text.text).toBe("Status: open");
    expect(fields.fields.map((f: any) => f.text)).toEqual(["*Organisation*\nACME Corp", "*Assignee*\n—"]);
    expect(actions.elements.map((b: any) => [b.action_id, b.text.text, b.style])).toEqual([
      ["ack:42", "Acknowledge", "primary"],
      ["esc:42", "Escalate", "danger"],
    ]);

    const [update] = rig.fake.callsTo("chat.update");
    expect(update.params).toMatchObject({ channel: "C0ACMEINC", ts: "1700000000.000100" });
    expect(update.params.blocks.at(-1).elements.map((b: any) => b.action_id)).toEqual(["res:42"]);
    expect(rig.fake.messages.get("C0ACMEINC/1700000000.000100")).toMatchObject({ text: expect.stringContaining("acknowledged"), updates: 1 });
  });

  it("replies in a thread with thread_ts", async () => {
    const parent = await rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC" }, card);
    const ref = await rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC", threadId: parent.messageId }, { text: "Breach warning" });
    expect(rig.fake.callsTo("chat.postMessage")[1].params).toMatchObject({ thread_ts: parent.messageId, text: "Breach warning" });
    expect(ref.messageId).not.toBe(parent.messageId);
  });

  it("asks the outbox for 1 message/s per channel with a burst of 3", () => {
    expect(rig.adapter.rateLimit).toEqual({ perChannelPerSecond: 1, burst: 3 });
  });
});

describe("delivery failures", () => {
  it("turns a 429 into retryAfterMs from Retry-After, without retrying itself", async () => {
    rig.fake.failNext("chat.postMessage", { status: 429, retryAfter: 2 });
    const started = Date.now();
    const error = await deliveryError(rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC" }, card));
    expect(error.retryAfterMs).toBe(2000);
    expect(error.permanent).toBe(false);
    expect(Date.now() - started).toBeLessThan(1900);
    expect(rig.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("does not hold other channels back after one channel's 429", async () => {
    rig.fake.failNext("chat.postMessage", { status: 429, retryAfter: 30, channel: "C0ACMEINC" });
    await deliveryError(rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC" }, card));
    const started = Date.now();
    await rig.adapter.post({ platform: "slack", channelId: "C0GLOBEX" }, card);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each(["channel_not_found", "not_in_channel", "invalid_auth", "is_archived"])("marks %s permanent", async (slackError) => {
    rig.fake.failNext("chat.postMessage", { error: slackError });
    const error = await deliveryError(rig.adapter.post({ platform: "slack", channelId: "C0NOPE" }, card));
    expect(error).toMatchObject({ permanent: true, retryAfterMs: undefined });
    expect(error.message).toContain(slackError);
  });

  it("keeps Slack's transient platform errors retryable", async () => {
    rig.fake.failNext("chat.update", { error: "service_unavailable" });
    const error = await deliveryError(rig.adapter.update({ platform: "slack", channelId: "C0ACMEINC", messageId: "1.2" }, card));
    expect(error.permanent).toBe(false);
  });

  it("keeps HTTP 5xx retryable", async () => {
    rig.fake.failNext("chat.postMessage", { status: 503 });
    const error = await deliveryError(rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC" }, card));
    expect(error).toMatchObject({ permanent: false, retryAfterMs: undefined });
    expect(rig.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("maps an update of a vanished message to a permanent error that says the message is gone", async () => {
    const error = await deliveryError(rig.adapter.update({ platform: "slack", channelId: "C0ACMEINC", messageId: "9.9" }, card));
    expect(error).toMatchObject({ permanent: true, messageGone: true });
    expect(error.message).toContain("message_not_found");
  });

  it("keeps network failures retryable", async () => {
    await rig.fake.close();
    const error = await deliveryError(rig.adapter.post({ platform: "slack", channelId: "C0ACMEINC" }, card));
    expect(error).toMatchObject({ permanent: false, retryAfterMs: undefined });
  });
});
