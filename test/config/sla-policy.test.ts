import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyFile, parsePolicy } from "../../src/config/load-policy.js";
import { addBusinessTime } from "../../src/core/sla/business-time.js";
import { DEFAULT_POLICY } from "../../src/core/sla/default-policy.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function ok(text: string) {
  const result = parsePolicy(text);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.policy;
}

// The messages without their `vigil.yaml:line:col ` prefix (policy-errors.test.ts checks the locations).
function errors(text: string): string[] {
  const result = parsePolicy(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors.map((e) => e.replace(/^vigil\.yaml:\d+:\d+ /, ""));
}

describe("SLA policy in the policy file", () => {
  it("with no SLA sections every organisation gets the built-in standard policy (the product.md table)", () => {
    const policy = ok("timezone: Asia/Shanghai\norganisations: [{ id: acme, name: ACME }]\n");
    const { sla } = policy;
    expect(sla.organisationPolicy).toEqual({ acme: "standard" });
    expect(sla.policies.standard).toEqual(DEFAULT_POLICY);
    expect(sla.policies.standard.P1).toEqual({
      response: { targetMs: 20 * MIN, calendar: "24x7" },
      update: { targetMs: 60 * MIN, calendar: "24x7" },
      restore: { targetMs: 3 * HOUR, calendar: "24x7" },
      resolve: { targetMs: 3 * DAY, calendar: "24x7" },
      report: { targetMs: 5 * DAY, calendar: "24x7" },
    });
    expect(sla.policies.standard.P3).toEqual({
      response: { targetMs: 20 * MIN, calendar: "24x7" },
      restore: { targetMs: 24 * HOUR, calendar: "24x7" },
      resolve: { targetMs: 7 * DAY, calendar: "24x7" },
    });
    expect(sla.policies.standard.P4).toEqual({ response: { targetMs: 30 * MIN, calendar: "business" }, resolve: { targetMs: 7 * DAY, calendar: "business" } });
    expect(sla).toMatchObject({ repeatEveryMs: 30 * MIN, maxRepeats: 5, reportAfterOutageMs: 60 * MIN, digestAtMinutes: 9 * 60 });
    expect(policy.oncall).toEqual([]);
    // The built-in business calendar: Mon–Fri 08:30–12:00, 13:30–18:00 in the file's zone.
    // Friday 2026-11-06 17:50 Shanghai + 30 min → Monday 08:50 (00:50 UTC).
    const friday = new Date("2026-11-06T09:50:00Z");
    expect(addBusinessTime(sla.calendars.business, friday, 30 * MIN).toISOString()).toBe("2026-11-09T00:50:00.000Z");
  });

  it("the shipped example shows calendars and policies and stays valid", () => {
    const result = loadPolicyFile(path.join(ROOT, "vigil.example.yaml"));
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const { sla, oncall } = result.policy;
    expect(sla.organisationPolicy).toEqual({ acme: "standard", globex: "premium" });
    expect(sla.policies.standard.P4.response).toEqual({ targetMs: 30 * MIN, calendar: "office" });
    // premium overrides a few targets; everything else comes from the built-in table.
    expect(sla.policies.premium.P1).toMatchObject({ response: { targetMs: 15 * MIN }, update: { targetMs: 30 * MIN }, restore: { targetMs: 2 * HOUR }, resolve: { targetMs: 3 * DAY } });
    expect(sla.policies.premium.P4).toEqual(DEFAULT_POLICY.P4);
    expect(sla.calendars.office).toMatchObject({ kind: "hours", zone: "Asia/Shanghai" });
    expect(oncall).toEqual(["ben"]);
  });

  it("accepts `off`, { target, calendar } forms, settings, a redefined business calendar", () => {
    const policy = ok(`
timezone: Europe/Berlin
people: [{ id: ana, name: Ana, role: lead }]
organisations: [{ id: acme, name: ACME, policy: lean }]
calendars:
  business: { hours: { mon-fri: ["09:00-17:00"] }, holidays: DE-BY }
policies:
  lean:
    P1: { update: off, report: off, restore: { target: 90s, calendar: business } }
sla: { repeatEvery: 15m, maxRepeats: 2, reportAfterOutage: 2h }
digest: { at: "07:30" }
oncall: [ana]
`);
    expect(policy.sla.policies.lean.P1).toEqual({
      response: { targetMs: 20 * MIN, calendar: "24x7" },
      restore: { targetMs: 90_000, calendar: "business" },
      resolve: { targetMs: 3 * DAY, calendar: "24x7" },
    });
    expect(policy.sla).toMatchObject({ repeatEveryMs: 15 * MIN, maxRepeats: 2, reportAfterOutageMs: 2 * HOUR, digestAtMinutes: 450 });
    expect(policy.sla.calendars.business).toMatchObject({ zone: "Europe/Berlin", holidays: { label: "DE-BY" } });
    expect(policy.oncall).toEqual(["ana"]);
  });

  it("lists every shape error with its path in the file", () => {
    expect(
      errors(`
organisations: [{ id: acme, name: ACME }]
calendars:
  office: { hours: { mon-fri: ["08:30-12:00", "25:00-26:00"] }, holidays: cn }
policies:
  gold:
    P1: { response: 20x, update: 5, restore: { target: 3h, calender: office } }
    P2: { respond: 20m }
    P3: { resolve: { calendar: office } }
    P5: {}
sla: { repeatEvery: 0m, maxRepeats: -1, often: true }
digest: { at: 9am }
`),
    ).toEqual([
      'calendars.office.hours.mon-fri[1]: "25:00-26:00" is not a time of day (00:00 to 23:59, or 24:00 as an end)',
      'policies.gold.P1.response: invalid duration "20x": expected a whole number and a unit (s, m, h, d), like 90s, 20m, 3h or 5d',
      'policies.gold.P1.update: expected a duration such as 20m, "off", or { target: 20m, calendar: office }, got 5',
      "policies.gold.P1.restore.calendar: expected a calendar name",
      "policies.gold.P1.restore: unknown key “calender”",
      "policies.gold.P2: unknown key “respond”",
      "policies.gold.P3.resolve.target: expected a duration such as 20m",
      "policies.gold: unknown key “P5”",
      'sla.repeatEvery: invalid duration "0m": must be greater than zero',
      "sla.maxRepeats: expected a whole number from 0 to 50",
      "sla: unknown key “often”",
      'digest.at: expected a local time HH:MM such as 09:00, got "9am"',
    ]);
  });

  it("checks names once the shape is right: calendars, policies, people on call", () => {
    expect(
      errors(`
people:
  - { id: ana, name: Ana, role: lead }
  - { id: cee, name: Cee, role: contact, organisation: acme }
organisations:
  - { id: acme, name: ACME, policy: gold }
  - { id: globex, name: Globex, policy: platinum }
calendars:
  24x7: 24x7
policies:
  gold:
    P4: { resolve: { target: 7d, calendar: offce } }
oncall: [ana, zed, cee]
`),
    ).toEqual([
      "organisations[1].policy: unknown policy “platinum”",
      "calendars.24x7: “24x7” is built in; give your calendar another name",
      "policies.gold.P4.resolve.calendar: unknown calendar “offce” (known: 24x7, business)",
      "oncall[1]: unknown person “zed”",
      "oncall[2]: “cee” is a contact; only staff can be on call",
    ]);
  });

  it("an organisation may name the built-in standard policy without defining it, but nothing else", () => {
    expect(ok("organisations: [{ id: acme, name: ACME, policy: standard }]\n").sla.organisationPolicy.acme).toBe("standard");
    expect(errors("organisations: [{ id: acme, name: ACME, policy: gold }]\n")).toEqual(["organisations[0].policy: unknown policy “gold”"]);
  });
});
