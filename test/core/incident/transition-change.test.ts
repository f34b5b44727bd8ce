import { describe, expect, it } from "vitest";
import { allowed, transition, type IncidentChange } from "../../../src/core/incident/transitions.js";
import { STATUSES, type Incident, type Status } from "../../../src/core/incident/types.js";

const AT = new Date("2026-11-02T10:00:00Z");
const OPENED = new Date("2026-11-02T09:00:00Z");

function incident(status: Status): Incident {
  const base: Incident = {
    id: 1, number: 1, title: "Disk full", description: "", severity: "P2", status, organisationId: "acme",
    reporterId: "carol", tier: 0, version: 3, openedAt: OPENED, updatedAt: OPENED,
  };
  if (status === "open") return base;
  return { ...base, acknowledgedAt: OPENED, acknowledgedById: "ben", ...(status === "resolved" || status === "closed" ? { resolvedAt: OPENED, resolution: "Fixed" } : {}), ...(status === "closed" ? { closedAt: OPENED } : {}) };
}

const CHANGES: IncidentChange[] = [
  { action: "ack", by: "ben" },
  { action: "mitigate", by: "ben", note: "Workaround" },
  { action: "resolve", by: "ben", note: "Fixed" },
  { action: "close" },
  { action: "reopen", reason: "Still broken" },
  { action: "assign", assigneeId: "ben" },
  { action: "escalate", tier: 1, severity: "P1" },
  { action: "severity", severity: "P1" },
  { action: "note", text: "Looking" },
];

describe("transition(incident, change, at): the one place a change is applied", () => {
  for (const change of CHANGES) {
    for (const status of STATUSES) {
      const expectedOk = allowed(change.action, status);
      it(`${change.action} from ${status} → ${expectedOk ? "applied" : "refused"}`, () => {
        const before = incident(status);
        const copy = structuredClone(before);
        const result = transition(before, change, AT);
        expect(result.ok).toBe(expectedOk);
        // A refusal names what was refused and from where; nothing of the incident changes either way.
        if (!result.ok) expect(result).toEqual({ ok: false, action: change.action, status });
        expect(before).toEqual(copy);
      });
    }
  }

  it("escalation (a person's or the SLA engine's) is refused once the incident is resolved or closed", () => {
    for (const status of ["resolved", "closed"] as const) expect(transition(incident(status), { action: "escalate", tier: 1, severity: "P1" }, AT).ok).toBe(false);
  });

  it("resolving an open incident acknowledges it too, by the resolver, at that instant", () => {
    const result = transition(incident("open"), { action: "resolve", by: "ana", note: "Rebooted" }, AT);
    expect(result).toMatchObject({ ok: true, incident: { status: "resolved", acknowledgedAt: AT, acknowledgedById: "ana", mitigatedAt: AT, resolvedAt: AT, resolution: "Rebooted" } });
  });

  it("reopening clears the resolution and the close; closing by silence keeps who acknowledged", () => {
    const reopened = transition(incident("closed"), { action: "reopen", reason: "No" }, AT);
    expect(reopened).toMatchObject({ ok: true, incident: { status: "acknowledged", reopenedAt: AT, acknowledgedById: "ben" } });
    if (reopened.ok) expect([reopened.incident.resolvedAt, reopened.incident.closedAt, reopened.incident.resolution]).toEqual([undefined, undefined, undefined]);
    expect(transition(incident("resolved"), { action: "close" }, AT)).toMatchObject({ ok: true, incident: { status: "closed", closedAt: AT, acknowledgedById: "ben" } });
  });
});
