import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, run, tempCheckout } from "./support/temp-checkout.js";

const SCRIPT = "/as ana\n/incident open P2 Disk full on db-1 --org acme\n";
const isJsonLine = (line: string) => line.trimStart().startsWith("{");

describe("a new user's first run: cp .env.example .env && npm start", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempCheckout("vigil-first-run-");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts the console on the example policy, creates data/vigil.db, and shows no JSON", async () => {
    copyFileSync(path.join(dir, ".env.example"), path.join(dir, ".env"));
    const result = await run("npm", ["start", "--silent"], dir, SCRIPT, cleanEnv());
    expect(result.stderr).not.toContain("cannot start");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Vigil console.");
    expect(result.stdout).toContain("✔ Opened INC-1 (P2) for ACME Corp: Disk full on db-1");
    expect(result.stdout).toContain("[#acme-incidents] INC-1 · P2 · Disk full on db-1");
    expect(existsSync(path.join(dir, "data/vigil.db"))).toBe(true);
    const screen = `${result.stdout}\n${result.stderr}`.split("\n");
    expect(screen.filter(isJsonLine)).toEqual([]);
  }, 180_000);

  it("says at start, in one readable line, that a calendar's holidays run out; LOG_FORMAT=json keeps JSON", async () => {
    const stale = readFileSync(path.join(dir, "vigil.example.yaml"), "utf8").replace("holidays: cn", 'holidays: ["2020-01-01"]');
    writeFileSync(path.join(dir, "stale.yaml"), stale);
    const env = cleanEnv({ VIGIL_CONFIG: "stale.yaml", DATABASE_URL: "memory:" });
    const readable = await run("npm", ["start", "--silent"], dir, SCRIPT, env);
    expect(readable.code).toBe(0);
    const warning = readable.stderr.split("\n").find((l) => l.includes("holiday"));
    expect(warning).toMatch(/^warning: calendar has no holiday data for these years; holidays would count as working days \(calendar: office; holidays: list; years: \d{4}, \d{4}\)$/);
    expect(readable.stderr.split("\n").filter(isJsonLine)).toEqual([]);

    const json = await run("npm", ["start", "--silent"], dir, SCRIPT, { ...env, LOG_FORMAT: "json" });
    expect(json.code).toBe(0);
    const line = json.stderr.split("\n").find((l) => l.includes("holiday"))!;
    expect(JSON.parse(line)).toMatchObject({ level: 40, calendar: "office", holidays: "list" });
  }, 180_000);
});
