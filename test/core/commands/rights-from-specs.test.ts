import { describe, expect, it } from "vitest";
import { COMMAND_SPECS, rightOf } from "../../../src/core/commands/command-specs.js";
import { may, RIGHTS, type Right } from "../../../src/core/incident/permissions.js";
import { ROLES, type Role } from "../../../src/core/incident/types.js";

/** Who may run what, derived from the one declaration of every command (its spec's right and sub-action rights). */
function derivedTable(): Record<Role, string[]> {
  const mayRun = (role: Role) =>
    COMMAND_SPECS.flatMap((s) => [
      ...(may(role, s.right) && !(s.contactsOnly && role !== "contact") ? [s.name] : []),
      ...Object.entries(s.actionRights ?? {}).filter(([, right]) => may(role, right)).map(([action]) => `${s.name} ${action}`),
    ]);
  return Object.fromEntries(ROLES.map((role) => [role, mayRun(role)])) as Record<Role, string[]>;
}

const STAFF = ["open", "ack", "note", "assign", "mitigate", "resolve"];
const LEADS = [...STAFF, "close", "reopen", "escalate", "severity", "show", "list", "wait", "resume", "postmortem", "silence", "report", "oncall", "oncall set", "contact", "complaint", "start", "help"];

describe("the rights table, derived from the command declarations (product.md, “People and rights”)", () => {
  it("each role may run exactly these commands", () => {
    expect(derivedTable()).toEqual({
      engineer: [...STAFF, "escalate", "show", "list", "wait", "resume", "postmortem", "silence", "oncall", "start", "help"],
      lead: LEADS,
      admin: LEADS,
      contact: ["open", "show", "list", "raise", "mytickets", "start", "help"],
    });
  });

  it("every right a role holds is declared by some command (no right the boundary never checks)", () => {
    const declared = new Set<Right>(COMMAND_SPECS.flatMap((s) => [s.right, ...Object.values(s.actionRights ?? {})]));
    for (const role of ROLES) for (const right of RIGHTS[role]) expect(declared.has(right), `${role}: ${right}`).toBe(true);
  });

  it("/oncall shows with the oncall right; /oncall set needs set-oncall (the spec says so, not the handler)", () => {
    const oncall = COMMAND_SPECS.find((s) => s.name === "oncall")!;
    expect(rightOf(oncall, { name: "oncall", people: [] })).toBe("oncall");
    expect(rightOf(oncall, { name: "oncall", action: "set", people: ["ben"] })).toBe("set-oncall");
  });
});
