import { describe, expect, it } from "vitest";
import { decodeButton, encodeButton, type ButtonAction } from "../../../src/core/commands/action-id.js";

describe("one codec for every button (card and customer loop)", () => {
  const actions: ButtonAction[] = [
    { kind: "incident", command: "ack", number: 1 },
    { kind: "incident", command: "escalate", number: 999_999_999 },
    { kind: "incident", command: "resolve", number: 42 },
    { kind: "severity", draftId: 999_999_999, severity: "P1" },
    { kind: "confirm", checkId: 12, fixed: false },
    { kind: "score", surveyId: 7, score: 3 },
    { kind: "skipComment", surveyId: 7 },
  ];

  it.each(actions)("round-trips %o within Telegram's 64 bytes of callback data", (action) => {
    const id = encodeButton(action);
    expect(new TextEncoder().encode(id).length).toBeLessThanOrEqual(64);
    expect(decodeButton(id)).toEqual(action);
  });

  it.each(["inc:close:1", "inc:ack:0x1", "inc:ack:1234567890", "inc:note:3", "x:1:1", "", "/incident ack 1"])("refuses %j (not a button Vigil issues)", (id) => {
    expect(decodeButton(id)).toBeUndefined();
  });
});
