import { describe, expect, it } from "vitest";
import { renderMessage } from "../../../adapters/discord/render.js";
import type { OutboundMessage } from "../../../src/ports/chat.js";

const CARD: OutboundMessage = {
  title: "INC-4 · P2 · Database replica lag",
  text: "INC-4 [Open] Database replica lag",
  fields: [
    { label: "Status", value: "Open" },
    { label: "Assignee", value: "" },
  ],
  actions: [
    { id: "inc:ack:4", label: "Acknowledge", style: "primary" },
    { id: "inc:escalate:4", label: "Escalate", style: "danger" },
  ],
};

describe("rendering neutral messages for Discord", () => {
  it("a card: embed with title, inline fields, its one-line text as footer; buttons carry the action id", () => {
    expect(renderMessage(CARD)).toEqual({
      content: "",
      embeds: [
        {
          title: "INC-4 · P2 · Database replica lag",
          fields: [
            { name: "Status", value: "Open", inline: true },
            // Discord rejects an empty field value.
            { name: "Assignee", value: "—", inline: true },
          ],
          footer: { text: "INC-4 [Open] Database replica lag" },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, custom_id: "inc:ack:4", label: "Acknowledge", style: 1 },
            { type: 2, custom_id: "inc:escalate:4", label: "Escalate", style: 4 },
          ],
        },
      ],
      allowed_mentions: { parse: [], users: [] },
    });
  });

  it("multi-line text next to fields is the description, not a footer", () => {
    const [embed] = renderMessage({ ...CARD, text: "Replica 2 lags.\nLatest on the timeline:\n• …" }).embeds;
    expect(embed.description).toBe("Replica 2 lags.\nLatest on the timeline:\n• …");
    expect(embed.footer).toBeUndefined();
  });

  it("a text that only repeats the title is shown once", () => {
    const [embed] = renderMessage({ ...CARD, text: CARD.title! }).embeds;
    expect(embed).toMatchObject({ title: CARD.title });
    expect(embed.footer).toBeUndefined();
    expect(embed.description).toBeUndefined();
  });

  it("plain text is content; a titled message is an embed with a description; no buttons means an empty component list", () => {
    expect(renderMessage({ text: "📝 Ben Okafor: @everyone look" })).toEqual({ content: "📝 Ben Okafor: @everyone look", embeds: [], components: [], allowed_mentions: { parse: [], users: [] } });
    expect(renderMessage({ title: "INC-4", text: "🚨 New P1" }).embeds).toEqual([{ title: "INC-4", description: "🚨 New P1" }]);
  });

  it("respects Discord's limits: 2000-character content, 25 fields, 5 buttons per row, 80-character labels", () => {
    const long = "x".repeat(2500);
    const plain = renderMessage({ text: long });
    expect(plain.content).toBe("");
    expect(plain.embeds[0].description).toBe(long);
    const many = renderMessage({
      title: "t".repeat(300),
      text: "",
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}`, value: "v".repeat(1100) })),
      actions: Array.from({ length: 7 }, (_, i) => ({ id: `inc:ack:${i}`, label: "L".repeat(90) })),
    });
    expect(many.embeds[0].title).toHaveLength(256);
    expect(many.embeds[0].fields).toHaveLength(25);
    // 25 fields of 1024 would be 25 600 characters: Discord refuses an embed over 6000 in total.
    const embed = many.embeds[0];
    const total = embed.title!.length + embed.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.fields!.every((f) => f.value.length <= 1024 && f.value.endsWith("…"))).toBe(true);
    expect(renderMessage({ title: "t", text: "", fields: [{ label: "f", value: "v".repeat(1100) }] }).embeds[0].fields![0].value).toHaveLength(1024);
    expect(many.components.map((row) => row.components.length)).toEqual([5, 2]);
    expect(many.components[0].components[0]).toMatchObject({ style: 2, label: `${"L".repeat(79)}…` });
  });

  it("notifies only the people a nudge mentions, never anyone named in the text", () => {
    const body = renderMessage({ text: "⏰ INC-1 response breached. @everyone", mentions: [{ name: "Ben Okafor", ids: { discord: "100000000000000002", slack: "U0BEN" } }, { name: "Root", ids: { slack: "U0ROOT" } }] });
    expect(body.content).toBe("<@100000000000000002> ⏰ INC-1 response breached. @everyone");
    expect(body.allowed_mentions).toEqual({ parse: [], users: ["100000000000000002"] });
    const titled = renderMessage({ title: "INC-1", text: "breach", mentions: [{ name: "Ben Okafor", ids: { discord: "100000000000000002" } }] });
    expect(titled.content).toBe("<@100000000000000002>");
  });
});
