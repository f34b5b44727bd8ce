import { describe, expect, it } from "vitest";
import { renderMessage as renderDiscord } from "../../adapters/discord/render.js";
import { fallbackText, renderMessage as renderSlack } from "../../adapters/slack/render.js";
import { renderMessage as renderTelegram } from "../../adapters/telegram/render.js";
import type { OutboundMessage } from "../../src/ports/chat.js";
import { messageProblems } from "../fakes/discord-limits.js";
import { messageRejection } from "../fakes/slack-limits.js";
import { parseHtml, textRejection } from "../fakes/telegram-strict.js";

// What a customer can type (a Telegram /report, a note) and every renderer must defuse.
const HOSTILE = "<!channel> <!here> <!subteam^S0OPS> <@U0CEO> @everyone <@&1234> [click](http://evil.example) a & b <b>x</b>";
const ben = { name: "Ben", ids: { slack: "U0BEN", discord: "100000000000000002" } };
const FAMILY = "👨‍👩‍👧‍👦"; // one grapheme, seven code points, eleven UTF-16 units

const shapes = (text: string): OutboundMessage[] => [
  { text },
  { title: text, text },
  { title: text, text: "card", fields: [{ label: "Title", value: text }, { label: text, value: "x" }] },
  { title: "INC-1", text, fields: Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: text })) },
];

describe("one outbound sanitiser per platform", () => {
  it("Slack: no raw mention, broadcast or user group anywhere, `text` included; only Vigil's own mention is real", () => {
    const message = { title: HOSTILE, text: HOSTILE, mentions: [ben], fields: [{ label: "Customer", value: HOSTILE }] };
    const rendered = renderSlack(message);
    // mrkdwn blocks and `text` read <…> as mentions; plain_text (the header) never does.
    const mrkdwn = JSON.stringify(rendered.blocks.filter((b) => b.type !== "header"));
    expect(rendered.text.startsWith("<@U0BEN> ")).toBe(true);
    expect(rendered.text.match(/<[!@#][^>]*>/g)).toEqual(["<@U0BEN>"]);
    expect(mrkdwn.match(/<[!@#][^>]*>/g)).toEqual(["<@U0BEN>"]);
    expect(fallbackText({ text: HOSTILE })).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;!subteam^S0OPS&gt;");
  });

  it("Discord: masked links from text show as typed; allowed_mentions names only Vigil's mention", () => {
    for (const message of shapes(HOSTILE)) {
      const body = renderDiscord({ ...message, mentions: [ben] });
      expect(body.allowed_mentions).toEqual({ parse: [], users: ["100000000000000002"] });
      expect(JSON.stringify(body)).not.toMatch(/[^\\]\[click\]\(/);
      expect(JSON.stringify(body)).toContain("\\\\[click\\\\](http://evil.example)");
    }
  });

  it("Telegram: the HTML parses, and shows exactly what was typed", () => {
    const html = renderTelegram({ title: "INC-1 <b>", text: HOSTILE }).text;
    expect(parseHtml(html)).toBe(`INC-1 <b>\n${HOSTILE}`);
  });
});

describe("one grapheme-aware cut for every limit", () => {
  const long = FAMILY.repeat(2000);
  it.each(shapes(long).map((m, i) => [i, m] as const))("shape %i: no renderer splits an emoji, and every platform accepts it", (_, message) => {
    const slack = renderSlack(message);
    const discord = renderDiscord(message);
    const telegram = renderTelegram(message);
    expect(messageRejection(slack)).toBeUndefined();
    expect(messageProblems(discord, [])).toEqual([]);
    expect(textRejection(telegram)).toBeUndefined();
    // Every cut text is whole families followed by at most one ellipsis.
    const texts = [slack.text, JSON.stringify(slack.blocks), JSON.stringify(discord), telegram.text];
    for (const text of texts) expect(text.replace(new RegExp(FAMILY, "gu"), "").replace(/[^\u200d\ud800-\udfff]/g, "")).toBe("");
  });

  it("a single surrogate pair at the limit is kept whole or dropped whole", () => {
    const title = `${"x".repeat(149)}😀`; // 151 UTF-16 units, Slack's header takes 150
    const header = renderSlack({ title, text: "t" }).blocks[0] as { text: { text: string } };
    expect(header.text.text).toBe(`${"x".repeat(149)}…`);
    const telegram = renderTelegram({ text: `${"y".repeat(4095)}😀` }).text;
    expect(telegram).toBe(`${"y".repeat(4095)}…`);
  });
});
