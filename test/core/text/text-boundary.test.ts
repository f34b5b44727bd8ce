import { describe, expect, it } from "vitest";
import { cutText } from "../../../src/core/text/cut-text.js";
import { normaliseEvent } from "../../../src/core/text/normalise-event.js";
import { normaliseInput } from "../../../src/core/text/normalise-input.js";

describe("cutText: one grapheme-aware cut", () => {
  it("leaves text that fits alone and ends a cut text with …", () => {
    expect(cutText("short", 10)).toBe("short");
    expect(cutText("abcdefghijk", 5)).toBe("abcd…");
  });

  it("never splits a surrogate pair, a ZWJ family, a flag or a combining mark", () => {
    expect(cutText("ab😀cd", 4)).toBe("ab…");
    expect(cutText("a👨‍👩‍👧‍👦b", 11)).toBe("a…");
    expect(cutText("a👨‍👩‍👧‍👦bc", 13)).toBe("a👨‍👩‍👧‍👦…");
    expect(cutText("🇫🇷🇩🇪🇯🇵", 6)).toBe("🇫🇷…");
    expect(cutText("e\u0301e\u0301e\u0301", 4)).toBe("e\u0301…");
  });

  it("counts bytes when asked (Telegram's 64-byte callback data)", () => {
    expect(cutText("ääää", 5, "bytes")).toBe("ä…");
  });
});

describe("normaliseInput: text as it enters", () => {
  it("makes a lone surrogate U+FFFD (it broke the store's JSON)", () => {
    expect(normaliseInput("x \ud83d")).toBe("x \ufffd");
    expect(normaliseInput("😀")).toBe("😀");
  });

  it("removes C0/C1 controls and ESC sequences' introducers but keeps newline and tab", () => {
    expect(normaliseInput("A\x1b]0;PWNED\x07\x1b[2J")).toBe("A]0;PWNED[2J");
    expect(normaliseInput("a\tb\r\nc\rd\u0085e\u009b")).toBe("a\tb\nc\nde");
  });

  it("neutralises bidirectional overrides and isolates, keeps RTL text itself", () => {
    expect(normaliseInput("invoice\u202Egpj.exe")).toBe("invoicegpj.exe");
    expect(normaliseInput("\u2067שלום\u2069 مرحبا")).toBe("שלום مرحبا");
  });

  it("normalises every string of an event: text, display name, button data", () => {
    const actor = { platform: "telegram" as const, userId: "1", displayName: "Eve\u202E\x1b[31m" };
    const at = { platform: "telegram" as const, channelId: "1" };
    expect(normaliseEvent({ kind: "command", eventId: "e", actor, at, text: "/report x \ud83d" })).toMatchObject({ text: "/report x \ufffd", actor: { displayName: "Eve[31m" } });
    const action = normaliseEvent({ kind: "action", eventId: "e", actor, at, message: { platform: "telegram", channelId: "1", messageId: "2" }, actionId: "inc:ack:1\x00" });
    expect(action).toMatchObject({ actionId: "inc:ack:1" });
  });
});
