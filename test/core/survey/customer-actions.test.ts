import { describe, expect, it } from "vitest";
import { decodeCustomerAction, encodeCustomerAction, type CustomerAction } from "../../../src/core/survey/customer-actions.js";

describe("customer-loop action ids", () => {
  const actions: CustomerAction[] = [
    { kind: "severity", draftId: 7, severity: "P2" },
    { kind: "confirm", checkId: 12, fixed: true },
    { kind: "confirm", checkId: 12, fixed: false },
    { kind: "score", surveyId: 999_999_999, score: 5 },
    { kind: "skipComment", surveyId: 3 },
  ];

  it.each(actions)("round-trips %o within Telegram's 64 bytes", (action) => {
    const id = encodeCustomerAction(action);
    expect(new TextEncoder().encode(id).length).toBeLessThanOrEqual(64);
    expect(decodeCustomerAction(id)).toEqual(action);
  });

  it("is compact: a survey score is s:<id>:<n>", () => {
    expect(encodeCustomerAction({ kind: "score", surveyId: 42, score: 4 })).toBe("s:42:4");
  });

  it.each(["inc:ack:4", "s:1:6", "s:1:0", "c:1:x", "r:1:P5", "s:abc:1", "s:1234567890:1", "", "s:1:1:extra"])("ignores %j", (id) => {
    expect(decodeCustomerAction(id)).toBeUndefined();
  });
});
