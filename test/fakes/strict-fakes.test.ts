import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_TOKEN, newFakeDiscord, DISCORD_IDS } from "./fake-discord-interactions.js";
import type { FakeDiscord } from "./fake-discord.js";
import { FakeSlack } from "./fake-slack.js";
import { FakeTelegram } from "./fake-telegram.js";

// The fakes refuse what the real platforms refuse, with the real answers, so a renderer or
// adapter test that passes proves the platform would have accepted the message.

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("strict fake Slack", () => {
  let slack: FakeSlack;
  const bearer = { authorization: "Bearer xoxb-right" };
  beforeAll(async () => (slack = await new FakeSlack({ token: "xoxb-right" }).start()));
  afterAll(() => slack.close());
  const call = async (body: unknown, headers: Record<string, string> = bearer) => (await post(`${slack.apiUrl}chat.postMessage`, body, headers)).json();

  it("answers not_authed / invalid_auth for a missing or wrong token", async () => {
    expect(await call({ channel: "C1", text: "hi" }, {})).toEqual({ ok: false, error: "not_authed" });
    expect(await call({ channel: "C1", text: "hi" }, { authorization: "Bearer xoxb-wrong" })).toEqual({ ok: false, error: "invalid_auth" });
    expect(await call({ channel: "C1", text: "hi" })).toMatchObject({ ok: true });
  });

  it("answers msg_too_long over 40 000 characters and invalid_blocks for each Block Kit limit", async () => {
    expect(await call({ channel: "C1", text: "x".repeat(40_001) })).toEqual({ ok: false, error: "msg_too_long" });
    const section = { type: "section", text: { type: "mrkdwn", text: "s".repeat(3001) } };
    const header = { type: "header", text: { type: "plain_text", text: "h".repeat(151) } };
    const fields = { type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f".repeat(2001) })) };
    const answer = await call({ channel: "C1", text: "t", blocks: [section, header, fields, ...Array.from({ length: 48 }, () => ({ type: "divider" }))] });
    expect(answer.error).toBe("invalid_blocks");
    expect(answer.errors).toEqual([
      "no more than 50 items allowed [json-pointer:/blocks]",
      "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
      "must be less than 151 characters [json-pointer:/blocks/1/text/text]",
      "must be less than 11 items [json-pointer:/blocks/2/fields]",
      ...Array.from({ length: 11 }, (_, i) => `must be less than 2001 characters [json-pointer:/blocks/2/fields/${i}/text]`),
    ]);
    expect(slack.rejected).toHaveLength(4);
  });
});

describe("strict fake Discord", () => {
  let discord: FakeDiscord;
  beforeAll(async () => (discord = await newFakeDiscord().start()));
  afterAll(() => discord.close());
  const url = () => `${discord.apiUrl}/v10/channels/${DISCORD_IDS.acme}/messages`;
  const send = async (body: unknown, token = DISCORD_TOKEN) => {
    const res = await post(url(), body, { authorization: `Bot ${token}` });
    return { status: res.status, body: await res.json() };
  };

  it("answers 401 for a wrong bot token", async () => {
    expect(await send({ content: "hi" }, "wrong")).toEqual({ status: 401, body: { message: "401: Unauthorized", code: 0 } });
  });

  it("answers 50035 with Discord's errors object for content, embed and total limits", async () => {
    const answer = await send({
      content: "c".repeat(2001),
      embeds: [{ title: "t".repeat(257), description: "d".repeat(4097), fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 50035,
      message: "Invalid Form Body",
      errors: {
        content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] },
        embeds: {
          "0": {
            title: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 256 or fewer in length." }] },
            description: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 4096 or fewer in length." }] },
            fields: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] },
          },
        },
      },
    });
    const big = await send({ embeds: [{ description: "d".repeat(4000), fields: [{ name: "n", value: "v".repeat(1024) }, { name: "n", value: "v".repeat(1024) }] }] });
    expect(big.body.errors.embeds._errors[0].code).toBe("MAX_EMBED_SIZE_EXCEEDED");
    expect((await send({ content: "" })).body).toEqual({ code: 50006, message: "Cannot send an empty message" });
  });

  it("enforce_nonce hands back the message created with that nonce in the last few minutes, and only then", async () => {
    const first = await send({ content: "once", nonce: "vigil-1", enforce_nonce: true });
    expect(first.body).toMatchObject({ content: "once", nonce: "vigil-1" });
    expect((await send({ content: "once", nonce: "vigil-1", enforce_nonce: true })).body.id).toBe(first.body.id);
    // Without enforce_nonce the nonce is only echoed; past the window Discord has forgotten it.
    expect((await send({ content: "once", nonce: "vigil-1" })).body.id).not.toBe(first.body.id);
    discord.nonceWindowMs = 0;
    expect((await send({ content: "once", nonce: "vigil-1", enforce_nonce: true })).body.id).not.toBe(first.body.id);
    discord.nonceWindowMs = 3 * 60_000;
    expect((await send({ content: "x", nonce: "n".repeat(26), enforce_nonce: true })).body).toMatchObject({ code: 50035 });
    expect((await send({ content: "x", nonce: 1.5, enforce_nonce: true })).body).toMatchObject({ code: 50035 });
  });
});

describe("strict fake Telegram", () => {
  let telegram: FakeTelegram;
  beforeAll(async () => (telegram = await new FakeTelegram({}, "123:RIGHT").start()));
  afterAll(() => telegram.close());
  const send = async (params: Record<string, unknown>, token = "123:RIGHT") => (await post(`${telegram.apiUrl}/bot${token}/sendMessage`, { chat_id: 1, ...params })).json();

  it("answers 401 Unauthorized for a wrong token", async () => {
    expect(await send({ text: "hi" }, "123:WRONG")).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("answers can't parse entities, message is too long, and refuses 65-byte callback data", async () => {
    expect(await send({ text: "a <b> c", parse_mode: "HTML" })).toEqual({ ok: false, error_code: 400, description: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"` });
    expect((await send({ text: "x <!channel>", parse_mode: "HTML" })).description).toBe(`Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`);
    expect(await send({ text: "x".repeat(4097) })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message is too long" });
    expect((await send({ text: "&amp;".repeat(4096), parse_mode: "HTML" })).ok).toBe(true);
    const keyboard = { inline_keyboard: [[{ text: "Go", callback_data: "d".repeat(65) }]] };
    expect((await send({ text: "hi", reply_markup: keyboard })).description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });
});
