import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../../src/config/env.js";
import { loadPolicyFile, parsePolicy } from "../../src/config/load-policy.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("policy file", () => {
  it("the shipped example is valid and has the demo team", () => {
    const result = loadPolicyFile(path.join(ROOT, "vigil.example.yaml"));
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const byId = Object.fromEntries(result.policy.people.map((p) => [p.id, p]));
    expect(byId.ana.role).toBe("lead");
    expect(byId.ben.role).toBe("engineer");
    expect(byId.root.role).toBe("admin");
    expect(byId.carol).toMatchObject({ role: "contact", organisationId: "acme" });
    expect(byId.dave).toMatchObject({ role: "contact", organisationId: "globex" });
    expect(byId.ana.identities).toContainEqual({ platform: "slack", externalId: "U0ANA" });
    expect(byId.ana.identities).toContainEqual({ platform: "telegram", externalId: "5001" });
    expect(result.policy.organisations.map((o) => o.id)).toEqual(["acme", "globex"]);
  });

  it("lists every error with its path", () => {
    const result = parsePolicy(`
timezone: Mars/Olympus
people:
  - { id: ana, name: Ana, role: lead }
  - { id: ben, name: Ben, role: engineer, identities: { slack: U1 } }
  - { id: eve, name: Eve, role: boss }
  - { id: ana, name: Ana again, role: engineer, identities: { slack: U1 } }
  - { id: zed, name: "", role: engineer, organisation: initech }
organisations:
  - id: acme
    name: ACME
    channels: { slak: C1 }
    contacts:
      - { id: carol, name: Carol, identities: { telegram: 7001 } }
      - { id: carl, name: Carl, identities: { telegram: 7001 } }
escalation: { tiers: [] }
colour: blue
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Every error in one run: the shape errors, and the cross-references a type error used to hide.
    expect(result.errors).toEqual([
      "vigil.yaml:2:11 timezone: expected an IANA time zone such as Asia/Shanghai or UTC",
      "vigil.yaml:6:33 people[2].role: expected one of engineer|lead|admin|contact",
      "vigil.yaml:8:22 people[4].name: expected a non-empty name",
      "vigil.yaml:12:17 organisations[0].channels: unknown key “slak”",
      "vigil.yaml:16:22 escalation.tiers: expected at least one tier",
      "vigil.yaml:17:1 (top level): unknown key “colour”",
      "vigil.yaml:7:11 people[3].id: duplicate person id “ana” (also people.0)",
      "vigil.yaml:7:70 people[3].identities.slack: identity slack:U1 already belongs to ben",
      "vigil.yaml:8:56 people[4].organisation: unknown organisation “initech”",
      "vigil.yaml:15:57 organisations[0].contacts[1].identities.telegram: identity telegram:7001 already belongs to carol",
    ]);
  });

  it("checks cross references once the shape is right", () => {
    const result = parsePolicy(`
people:
  - { id: ana, name: Ana, role: lead, identities: { slack: U1 } }
  - { id: ana, name: Ana again, role: engineer }
  - { id: zed, name: Zed, role: engineer, organisation: initech, identities: { slack: U1 } }
  - { id: cee, name: Cee, role: contact }
organisations:
  - id: acme
    name: ACME
    policy: gold
    contacts:
      - { id: carol, name: Carol, identities: { telegram: 7001 } }
      - { id: carl, name: Carl, identities: { telegram: 7001 } }
policies: { standard: {} }
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "vigil.yaml:4:11 people[1].id: duplicate person id “ana” (also people.0)",
      "vigil.yaml:5:87 people[2].identities.slack: identity slack:U1 already belongs to ana",
      "vigil.yaml:5:57 people[2].organisation: unknown organisation “initech”",
      "vigil.yaml:6:5 people[3].organisation: a contact needs an organisation",
      "vigil.yaml:10:13 organisations[0].policy: unknown policy “gold”",
      "vigil.yaml:13:57 organisations[0].contacts[1].identities.telegram: identity telegram:7001 already belongs to carol",
    ]);
  });

  it("reports broken YAML with its line, and an unreadable file", () => {
    const broken = parsePolicy("people:\n  - id: ana\n   name: [unclosed\n");
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]).toBe("vigil.yaml:3:1 Sequence item without - indicator");
    const missing = loadPolicyFile("/nonexistent/vigil.yaml");
    expect(missing).toEqual({ ok: false, errors: ["/nonexistent/vigil.yaml: cannot read the file (ENOENT)"] });
  });
});

describe("environment", () => {
  it("defaults the database to an SQLite file under data/ and validates the port", () => {
    expect(loadEnv({})).toMatchObject({ DATABASE_URL: "file:./data/vigil.db", PORT: 3000 });
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
  });
});

describe("starting with a bad policy file", () => {
  it("exits with code 2 and lists every error", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-config-"));
    try {
      const file = path.join(dir, "bad.yaml");
      writeFileSync(file, "people:\n  - { id: ana, name: Ana, role: boss }\norganisations: []\n");
      const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
        env: { ...process.env, VIGIL_CONFIG: file, DATABASE_URL: `file:${path.join(dir, "x.db")}` },
        encoding: "utf8",
        input: "",
        timeout: 60_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("has 2 problem(s)");
      expect(run.stderr).toContain("people[0].role: expected one of engineer|lead|admin|contact");
      expect(run.stderr).toContain("organisations: expected at least one organisation");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
