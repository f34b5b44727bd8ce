import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema, loadEnv } from "../../src/config/env.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const example = readFileSync(path.join(ROOT, ".env.example"), "utf8");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

function exampleNames(): string[] {
  return [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}

/** Names in the first column of the README's "Environment" table. */
function readmeNames(): string[] {
  const section = readme.split(/^### Environment/m)[1].split(/^#{2,3} /m)[0];
  const rows = section.split("\n").filter((l) => l.startsWith("| `"));
  return rows.flatMap((row) => [...row.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
}

describe(".env.example, the README and the code agree", () => {
  const code = Object.keys(envSchema.shape).sort();

  it("lists exactly the variables the code reads, each once", () => {
    const names = exampleNames();
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(code);
  });

  it("documents every one of them in the README's Environment table", () => {
    expect([...new Set(readmeNames())].sort()).toEqual(code);
  });

  it("is valid as it stands: empty values mean the defaults", () => {
    const values = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    const env = loadEnv(values);
    expect(env).toMatchObject({ DATABASE_URL: "file:./data/vigil.db", PORT: 3000, VIGIL_CONFIG: undefined, LOG_LEVEL: undefined, SLACK_BOT_TOKEN: undefined });
    expect(["vigil.yaml", "vigil.example.yaml"]).toContain(env.policyPath);
  });

  it("refuses a bad value with the variable's name", () => {
    expect(() => loadEnv({ LOG_FORMAT: "yaml" })).toThrow(/LOG_FORMAT/);
    expect(() => loadEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
