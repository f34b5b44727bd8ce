import type { Update } from "node-telegram-bot-api";
import { describe, expect, it } from "vitest";
import { commandFor, translateUpdate } from "../../../adapters/telegram/inbound.js";
import { renderMessage } from "../../../adapters/telegram/render.js";
import { ChatDeliveryError } from "../../../src/ports/chat.js";
import { buttonPress, textMessage, type FakeChat } from "../../fakes/fake-telegram-updates.js";

const BOT = { id: 900001, username: "VigilTestBot" };
const CAROL = { id: 7001, first_name: "Carol", last_name: "Chen" };
const GROUP: FakeChat = { id: -100200, type: "supergroup", title: "ACME ops" };
const update = (body: Record<string, unknown>, id = 11): Update => ({ update_id: id, ...body }) as unknown as Update;

describe("Telegram updates → neutral events", () => {
  it("a private command, keyed by bot and update_id", () => {
    const t = translateUpdate(update(textMessage(CAROL, "/report Disk full")), BOT)!;
    expect(t.event).toEqual({
      kind: "command",
      eventId: "telegram:900001:11",
      actor: { platform: "telegram", userId: "7001", displayName: "Carol Chen" },
      at: { platform: "telegram", channelId: "7001" },
      text: "/report Disk full",
    });
    expect(t.replyChatId).toBe(7001);
  });

  it("plain text in a private chat is a reply; in a group only when it answers the bot", () => {
    expect(translateUpdate(update(textMessage(CAROL, "still broken")), BOT)?.event?.kind).toBe("reply");
    expect(translateUpdate(update(textMessage(CAROL, "lunch?", GROUP)), BOT)).toBeUndefined();
    const answer = textMessage(CAROL, "still broken", GROUP, 5, { message_id: 4, from: { id: BOT.id, first_name: "Vigil", is_bot: true } as never });
    expect(translateUpdate(update(answer), BOT)?.event).toMatchObject({ kind: "reply", at: { channelId: "-100200" } });
  });

  it("commands for another bot are ignored; ours lose the @mention", () => {
    expect(commandFor("/ack@VigilTestBot 42", "VigilTestBot")).toBe("/ack 42");
    expect(commandFor("/ack@vigiltestbot 42", "VigilTestBot")).toBe("/ack 42");
    expect(commandFor("/ack@OtherBot 42", "VigilTestBot")).toBeUndefined();
    expect(translateUpdate(update(textMessage(CAROL, "/mytickets@OtherBot", GROUP)), BOT)).toBeUndefined();
  });

  it("a button press is an action on its message; the reply goes to the presser's private chat", () => {
    const t = translateUpdate(update(buttonPress(CAROL, -100200, 77, "s:4:5", "q9")), BOT)!;
    expect(t.event).toMatchObject({ kind: "action", actionId: "s:4:5", message: { platform: "telegram", channelId: "-100200", messageId: "77" } });
    expect(t.callbackQueryId).toBe("q9");
    expect(t.replyChatId).toBe(7001);
  });

  it("messages from bots and updates without text are ignored", () => {
    expect(translateUpdate(update(textMessage({ ...CAROL, is_bot: true }, "/ack 1")), BOT)).toBeUndefined();
    expect(translateUpdate(update({ edited_message: {} }), BOT)).toBeUndefined();
  });
});

describe("neutral messages → Telegram", () => {
  it("title in bold, fields, escaped HTML; a card shows title and fields only", () => {
    const card = renderMessage({ title: "INC-1 · P2 · <script>", text: "INC-1 [Open] <script>", fields: [{ label: "Status", value: "Open & new" }] });
    expect(card.text).toBe("<b>INC-1 · P2 · &lt;script&gt;</b>\nStatus: Open &amp; new");
    expect(card.parse_mode).toBe("HTML");
    expect(renderMessage({ text: "a < b" }).text).toBe("a &lt; b");
  });

  it("short labels share a row, long ones get a row each; no buttons is an explicit empty keyboard", () => {
    const scores = renderMessage({ text: "rate", actions: [1, 2, 3, 4, 5].map((n) => ({ id: `s:1:${n}`, label: String(n) })) });
    expect(scores.reply_markup.inline_keyboard).toHaveLength(1);
    const impacts = renderMessage({ text: "impact", actions: ["P1 · Down", "P2 · Badly impaired", "P3 · Degraded"].map((label, i) => ({ id: `r:1:P${i + 1}`, label })) });
    expect(impacts.reply_markup.inline_keyboard).toHaveLength(3);
    expect(renderMessage({ text: "done" }).reply_markup).toEqual({ inline_keyboard: [] });
  });

  it("refuses callback data over 64 bytes as a permanent error", () => {
    const tooLong = () => renderMessage({ text: "x", actions: [{ id: "x".repeat(65), label: "X" }] });
    expect(tooLong).toThrow(ChatDeliveryError);
    try {
      tooLong();
    } catch (error) {
      expect((error as ChatDeliveryError).permanent).toBe(true);
    }
  });

  it("cuts text to Telegram's 4096 characters (counted after entity parsing) without breaking an entity", () => {
    // Telegram counts the limit on the parsed text, so 3000 "&" fit although their HTML is 15 000 long.
    expect(renderMessage({ text: "&".repeat(3000) }).text).toBe("&amp;".repeat(3000));
    const text = renderMessage({ text: "&".repeat(5000) }).text;
    expect(text.replace(/&amp;/g, "&").length).toBeLessThanOrEqual(4096);
    expect(text.endsWith("&amp;…")).toBe(true);
  });
});
