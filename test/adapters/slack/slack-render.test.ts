import { describe, expect, it } from "vitest";
import { fallbackText, renderMessage, renderOpenModal } from "../../../adapters/slack/render.js";
import { isBareOpen, normaliseCommandText, parseModalMetadata } from "../../../adapters/slack/inbound.js";

describe("renderMessage", () => {
  it("renders a text-only message as one section", () => {
    expect(renderMessage({ text: "Hello" })).toEqual({
      text: "Hello",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Hello" } }],
    });
  });

  it("escapes mrkdwn control characters so core text cannot ping or link", () => {
    const { blocks } = renderMessage({ text: "a < b & <!channel>", fields: [{ label: "x>y", value: "<@U1>" }] });
    expect((blocks[0] as any).text.text).toBe("a &lt; b &amp; &lt;!channel&gt;");
    expect((blocks[1] as any).fields[0].text).toBe("*x&gt;y*\n&lt;@U1&gt;");
  });

  it("splits more than 10 fields over several sections (Slack's limit)", () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `V${i}` }));
    const { blocks } = renderMessage({ text: "", fields });
    expect(blocks.map((b: any) => b.fields.length)).toEqual([10, 2]);
  });

  it("clips a header over 150 characters", () => {
    const { blocks } = renderMessage({ title: "x".repeat(200), text: "t" });
    expect((blocks[0] as any).text.text).toHaveLength(150);
  });

  it("builds the plain fallback from title, text and fields", () => {
    expect(fallbackText({ title: "T", text: "body", fields: [{ label: "A", value: "1" }] })).toBe("T\nbody\nA: 1");
  });
});

describe("renderOpenModal", () => {
  it("preselects the organisation when there is only one and drops the select when there is none", () => {
    const one = renderOpenModal([{ id: "acme", name: "ACME" }], { channelId: "C1", command: "/incident" });
    const org = one.blocks.find((b: any) => b.block_id === "org") as any;
    expect(org.element.initial_option.value).toBe("acme");
    const none = renderOpenModal([], { channelId: "C1", command: "/incident" });
    expect(none.blocks.map((b: any) => b.block_id)).toEqual(["title", "severity", "desc"]);
    expect(one.title.text.length).toBeLessThanOrEqual(24);
  });
});

describe("inbound helpers", () => {
  it("recognises only a bare /incident open", () => {
    expect(isBareOpen({ command: "/incident", text: "  OPEN " })).toBe(true);
    expect(isBareOpen({ command: "/incident", text: "open P2 x" })).toBe(false);
    expect(isBareOpen({ command: "/oncall", text: "open" })).toBe(false);
  });

  it("leaves plain text alone", () => {
    expect(normaliseCommandText("note INC-4 it's 5 > 3")).toBe("note INC-4 it's 5 > 3");
    expect(normaliseCommandText("assign 4 <@W012ABC>")).toBe("assign 4 @W012ABC");
  });

  it("survives foreign private_metadata", () => {
    expect(parseModalMetadata("not json")).toEqual({ channelId: "", command: "/incident" });
  });

  it("turns a nudge's mentions into Slack mentions that notify, and escapes the rest", () => {
    const rendered = renderMessage({ text: "⏰ INC-1 breached <@U0EVIL>", mentions: [{ name: "Ben Okafor", ids: { slack: "U0BEN", discord: "1" } }, { name: "Dave", ids: { telegram: "7002" } }] });
    const section = rendered.blocks.find((b) => b.type === "section") as { text: { text: string } };
    expect(section.text.text).toBe("<@U0BEN> ⏰ INC-1 breached &lt;@U0EVIL&gt;");
  });
});
