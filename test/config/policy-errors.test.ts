import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/config/load-policy.js";

const errorsOf = (text: string, file?: string): string[] => {
  const result = parsePolicy(text, file);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors;
};

const VALID = `people:
  - { id: ana, name: Ana, role: lead }
organisations:
  - { id: acme, name: ACME }
`;

describe("policy errors point at the line: file:line:col path: message", () => {
  it("a YAML syntax error has its real line (not line 0), and one typo gives one line", () => {
    const unclosed = errorsOf("people:\n  - id: ana\n   name: [unclosed\n", "ops/vigil.yaml");
    expect(unclosed[0]).toBe("ops/vigil.yaml:3:1 Sequence item without - indicator");
    expect(unclosed.length).toBeLessThanOrEqual(2);
    expect(errorsOf("people:\n  - id: ana\n    name: Ana\n  - id: ben\n   role: x\n")).toHaveLength(1);
  });

  it("a duplicate key is named", () => {
    expect(errorsOf(`timezone: UTC\n${VALID}timezone: Asia/Shanghai\n`)).toEqual(["vigil.yaml:6:1 duplicate key “timezone” (a key may appear once per mapping)"]);
  });

  it("a type error does not hide the cross-references: three problems, three lines", () => {
    const errors = errorsOf(`people:
  - { id: ana, name: Ana, role: boss }
organisations:
  - { id: acme, name: ACME, policy: gold, calendar: moon }
oncall: [zed]
`);
    expect(errors).toEqual([
      "vigil.yaml:2:33 people[0].role: expected one of engineer|lead|admin|contact",
      "vigil.yaml:4:53 organisations[0].calendar: unknown calendar “moon”",
      "vigil.yaml:4:37 organisations[0].policy: unknown policy “gold”",
      "vigil.yaml:5:10 oncall[0]: unknown person “zed”",
    ]);
  });

  it("an unquoted Discord id gets a hint to quote it", () => {
    const [error] = errorsOf(`people:
  - { id: ana, name: Ana, role: lead, identities: { discord: 100000000000000001 } }
organisations:
  - { id: acme, name: ACME }
`);
    expect(error).toMatch(/^vigil\.yaml:2:62 people\[0\]\.identities\.discord: .*; write large ids in quotes, e\.g\. "100000000000000001"$/);
  });
});
