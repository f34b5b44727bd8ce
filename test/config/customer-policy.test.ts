import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/config/load-policy.js";
import { DEFAULT_CUSTOMER_CONFIG } from "../../src/core/survey/survey-machine.js";

const BASE = `
organisations:
  - id: acme
    name: ACME Corp
`;

describe("policy file: the customer loop's settings", () => {
  it("defaults to product.md's timing when absent", () => {
    const result = parsePolicy(BASE);
    expect(result.ok && result.policy.customer).toEqual(DEFAULT_CUSTOMER_CONFIG);
  });

  it("reads survey timing, the complaint threshold, the per-contact cap, invitation expiry and an organisation calendar", () => {
    const result = parsePolicy(`${BASE}    calendar: office
calendars:
  office: { hours: { mon-fri: ["09:00-17:00"] } }
surveys: { delay: 2h, expiry: 3d, reminder: 12h, complaintAtOrBelow: 3, perContactCap: 30d }
invites: { expiry: 1d }
`);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.policy.customer).toEqual({
      survey: { delayMs: 2 * 3_600_000, expiryMs: 3 * 86_400_000, reminderMs: 12 * 3_600_000, complaintAtOrBelow: 3, perContactCapMs: 30 * 86_400_000 },
      inviteTtlMs: 86_400_000,
    });
    expect(result.policy.organisations[0].calendar).toBe("office");
  });

  it("accepts `delay: now`", () => {
    const result = parsePolicy(`${BASE}surveys: { delay: now }\n`);
    expect(result.ok && result.policy.customer?.survey.delayMs).toBe(0);
  });

  it("lists every mistake with its path", () => {
    const result = parsePolicy(`${BASE}    calendar: nowhere
surveys: { expiry: 7 days, complaintAtOrBelow: 6, colour: blue }
`);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.map(withoutLocation);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^surveys\.expiry: invalid duration "7 days"/),
        "surveys.complaintAtOrBelow: expected a whole score from 1 to 5",
        "surveys: unknown key “colour”",
      ]),
    );
  });

  it("refuses an organisation calendar that does not exist", () => {
    const result = parsePolicy(`${BASE}    calendar: nowhere\n`);
    expect(result.ok ? [] : result.errors).toEqual(["vigil.yaml:5:15 organisations[0].calendar: unknown calendar “nowhere”"]);
  });
});

// The messages without their `vigil.yaml:line:col ` prefix (policy-errors.test.ts checks the locations).
function withoutLocation(error: string): string {
  return error.replace(/^vigil\.yaml:\d+:\d+ /, "");
}
