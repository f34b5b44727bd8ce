// date-holidays is loaded only when a calendar names a country set: a fresh process loads the
// example policy (holidays: cn) without it, and one naming DE-BY loads it through the config
// layer alone (no test setup installs anything in those processes).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Runs in a fresh node: parses the policy text given, answers with what a calendar says and
// whether date-holidays was loaded, either way: an ES import (seen by a load hook registered
// before anything else) or a require (in the CommonJS module cache).
const SCRIPT = `
import { createRequire, register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const imported = [];
const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => imported.push(url));
port1.unref();
const hooks = "let port; export function initialize(data) { port = data.port; }" +
  "export async function load(url, context, next) { if (url.includes('/node_modules/date-holidays')) port.postMessage(url); return next(url, context); }";
register("data:text/javascript," + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
const { parsePolicy } = await import("./src/config/load-policy.ts");
const result = parsePolicy(process.env.POLICY);
await new Promise((r) => setTimeout(r, 200));
if (!result.ok) { console.log(JSON.stringify({ errors: result.errors })); process.exit(0); }
const required = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes("/node_modules/date-holidays/"));
const office = result.policy.sla.calendars.office;
console.log(JSON.stringify({ loaded: required || imported.length > 0, label: office.holidays.label, christmas: office.holidays.isHoliday("2026-12-25"), epiphany: office.holidays.isHoliday("2026-01-06") }));
`;

function load(holidays: string): Record<string, unknown> {
  const policy = `
timezone: Europe/Berlin
people: [{ id: ana, name: Ana, role: lead }]
organisations: [{ id: acme, name: ACME }]
calendars:
  office: { hours: { mon-fri: ["09:00-17:00"] }, holidays: ${holidays} }
`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], { cwd: ROOT, env: { ...process.env, POLICY: policy }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

describe("date-holidays on demand", () => {
  it("a policy whose calendars name no country set never loads date-holidays", () => {
    expect(load("cn")).toEqual({ loaded: false, label: "cn", christmas: false, epiphany: false });
  }, 60_000);

  it("a calendar naming DE-BY loads it through the config layer and gets Bavaria's holidays", () => {
    expect(load("DE-BY")).toEqual({ loaded: true, label: "DE-BY", christmas: true, epiphany: true });
  }, 60_000);

  it("an unknown country set is still refused with the config error", () => {
    const result = load("US-ZZ") as { errors: string[] };
    expect(result.errors.join("\n")).toContain('unknown holiday set "US-ZZ"');
  }, 60_000);
});
