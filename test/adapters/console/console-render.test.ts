import { describe, expect, it } from "vitest";
import { renderMessage, renderReply } from "../../../adapters/console/render.js";

describe("console rendering", () => {
  it("a card shows its title, fields on one line and buttons; its fallback text is not repeated", () => {
    const lines = renderMessage({ title: "INC-1 · P2 · Disk", text: "INC-1 [Open] Disk", fields: [{ label: "Status", value: "Open" }, { label: "Severity", value: "P2" }], actions: [{ id: "inc:ack:1", label: "Acknowledge" }] });
    expect(lines).toEqual(["INC-1 · P2 · Disk", "  Status: Open | Severity: P2", "  [Acknowledge]"]);
  });

  it("a nudge names the people it notifies by their console id", () => {
    expect(renderMessage({ text: "🔥 INC-1: response target 20m breached.", mentions: [{ name: "Ben Okafor", ids: { console: "ben", slack: "U0BEN" } }] })).toEqual(["@ben 🔥 INC-1: response target 20m breached."]);
  });

  it("replies are marked by outcome", () => {
    expect(renderReply({ outcome: "refused", message: { text: "INC-9 was not found." } })).toBe("✖ INC-9 was not found.");
    expect(renderReply({ outcome: "ok", message: { text: "INC-1 acknowledged." } })).toBe("✔ INC-1 acknowledged.");
    expect(renderReply({ outcome: "error", message: { text: "Sorry. Reference: AB12." } })).toBe("⚠ Sorry. Reference: AB12.");
  });
});
