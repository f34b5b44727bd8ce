import { describe, expect, it } from "vitest";
import { lowestRoleWith, may, type Right } from "../../../src/core/incident/permissions.js";
import type { Role } from "../../../src/core/incident/types.js";

const ALL: Right[] = [
  "open", "ack", "note", "assign", "mitigate", "resolve", "escalate", "close", "reopen", "severity", "show", "list", "help",
  "wait", "postmortem", "oncall", "report", "set-oncall",
];
const EXPECTED: Record<Role, Right[]> = {
  engineer: ["open", "ack", "note", "assign", "mitigate", "resolve", "escalate", "show", "list", "help", "wait", "postmortem", "oncall"],
  lead: ALL,
  admin: ALL,
  contact: ["open", "show", "list", "help"],
};

describe("role rights", () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    for (const right of ALL) {
      const allowed = EXPECTED[role].includes(right);
      it(`${role} ${allowed ? "may" : "may not"} ${right}`, () => expect(may(role, right)).toBe(allowed));
    }
  }

  it("names the least role that could do it", () => {
    expect(lowestRoleWith("close")).toBe("lead");
    expect(lowestRoleWith("ack")).toBe("engineer");
    expect(lowestRoleWith("show")).toBe("contact");
    expect(lowestRoleWith("wait")).toBe("engineer");
    expect(lowestRoleWith("report")).toBe("lead");
    expect(lowestRoleWith("set-oncall")).toBe("lead");
  });
});
