import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMonthlyReport } from "../../src/app/reports/monthly-report.js";
import { createHarness, examplePolicy, type Harness } from "../support/harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = "2026-12-05T00:00:00Z";

// A constructed November 2026 (Asia/Shanghai). [instant, person, command]; "tick" runs the sweeper.
const SCHEDULE: [string, string, string][] = [
  ["2026-10-30T00:00:00Z", "ana", "/incident open P3 October leftover --org acme"], // INC-1: another month
  ["2026-11-02T09:00:00Z", "ana", "/incident open P1 A checkout down --org acme"], // INC-2
  ["2026-11-02T09:10:00Z", "ben", "/incident ack 2"],
  ["2026-11-02T11:00:00Z", "ben", "/incident mitigate 2"],
  ["2026-11-03T09:00:00Z", "ben", "/incident resolve 2 Fixed"],
  ["2026-11-05T00:00:00Z", "ana", "/incident open P1 B payments down --org acme"], // INC-3
  ["2026-11-05T00:20:00Z", "", "tick"],
  ["2026-11-05T00:30:00Z", "ben", "/incident ack 3"],
  ["2026-11-05T04:00:00Z", "ben", "/incident mitigate 3"],
  ["2026-11-05T09:00:00Z", "ben", "/incident postmortem 2 https://wiki.example/pm/2"],
  ["2026-11-09T00:00:00Z", "ben", "/incident resolve 3 Fixed"],
  ["2026-11-10T00:00:00Z", "ana", "/incident open P2 C replica lag --org acme"], // INC-4
  ["2026-11-10T00:05:00Z", "ben", "/incident ack 4"],
  ["2026-11-10T00:06:00Z", "ben", "/incident escalate 4 Need a DBA"],
  ["2026-11-10T10:00:00Z", "ben", "/incident resolve 4 Rebuilt the replica"],
  ["2026-11-11T10:00:00Z", "ben", "/incident postmortem 4 https://wiki.example/pm/4"],
  ["2026-11-12T00:00:00Z", "ana", "/incident open P3 D slow search --org acme"], // INC-5
  ["2026-11-12T00:15:00Z", "ben", "/incident ack 5"],
  ["2026-11-12T00:30:00Z", "ben", "/incident mitigate 5"],
  ["2026-11-14T00:00:00Z", "ben", "/incident resolve 5 Reindexed"],
  ["2026-11-15T00:00:00Z", "ana", "/incident open P2 Globex login errors --org globex"], // INC-6
  ["2026-11-15T00:02:00Z", "ben", "/incident ack 6"],
  ["2026-11-15T01:00:00Z", "ben", "/incident resolve 6 Rolled back"],
  ["2026-11-20T00:00:00Z", "ana", "/incident open P3 E flaky exports --org acme"], // INC-7
  ["2026-11-20T00:20:00Z", "ben", "/incident ack 7"],
  ["2026-11-27T01:00:00Z", "ana", "/incident open P4 F question about backups --org acme"], // INC-8, Friday 09:00 in Shanghai
  ["2026-11-27T01:45:00Z", "ben", "/incident ack 8"],
  ["2026-11-27T02:00:00Z", "ben", "/incident resolve 8 Answered"],
  ["2026-11-30T10:00:00Z", "ana", "/incident open P3 G disk warnings --org acme"], // INC-9, 18:00 on 30 Nov in Shanghai
  ["2026-11-30T10:05:00Z", "ben", "/incident ack 9"],
];

describe("the monthly SLA report, checked against hand-computed figures", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    for (const [at, who, line] of SCHEDULE) {
      h.clock.set(at);
      if (line === "tick") await h.tick();
      else expect((await h.as(who, line)).outcome, line).toBe("ok");
    }
    h.clock.set(NOW);
  });
  afterAll(async () => h.close());

  it("computes shares per severity and clock, MTTA/MTTR median and p90, breaches, escalations and the portfolio goal", async () => {
    const { figures } = await buildMonthlyReport(examplePolicy(), h.store, { month: "2026-11", organisationId: "acme" }, new Date(NOW));
    expect(figures.bySeverity).toEqual({ P1: 2, P2: 1, P3: 3, P4: 1 });
    expect(figures.clocks.P1).toEqual({
      response: { met: 1, missed: 1, pending: 0 }, // A acked in 10m; B in 30m
      update: { met: 0, missed: 2, pending: 0 }, // A 1h50m and B 3h30m without an update before mitigation
      restore: { met: 1, missed: 1, pending: 0 }, // A 2h; B 4h against 3h
      resolve: { met: 1, missed: 1, pending: 0 }, // A 1d; B 4d against 3d
      report: { met: 1, missed: 1, pending: 0 }, // A after 2d; B none after 26d against 5d
    });
    expect(figures.clocks.P2).toEqual({
      response: { met: 1, missed: 0, pending: 0 },
      restore: { met: 0, missed: 1, pending: 0 }, // 10h against 8h
      resolve: { met: 1, missed: 0, pending: 0 },
      report: { met: 1, missed: 0, pending: 0 },
    });
    expect(figures.clocks.P3).toEqual({
      response: { met: 3, missed: 0, pending: 0 }, // 15m, exactly 20m, 5m
      restore: { met: 1, missed: 2, pending: 0 }, // D 30m; E and G never restored
      resolve: { met: 1, missed: 1, pending: 1 }, // D 2d; E 15d; G 4d14h and running
    });
    expect(figures.clocks.P4).toEqual({
      response: { met: 0, missed: 1, pending: 0 }, // 45 business minutes against 30m
      resolve: { met: 1, missed: 0, pending: 0 },
    });
    // MTTA of 5, 5, 10, 15, 20, 30, 45 min; MTTR (restore) of 30m, 1h, 2h, 4h, 10h.
    expect(figures.mtta).toEqual({ count: 7, medianMs: 15 * MIN, p90Ms: 45 * MIN });
    expect(figures.mttr).toEqual({ count: 5, medianMs: 2 * HOUR, p90Ms: 10 * HOUR });
    // Breaches sent: B's response by the one tick (5 Nov 00:20); the rest, which passed while no
    // tick ran, when the next command moved the clock on: A's and B's update clocks and B's
    // restore at mitigation, B's resolve and C's restore at resolution, F's response at its ack.
    expect(figures.breaches).toEqual({ total: 7, byClock: { response: 2, update: 2, restore: 2, resolve: 1 } });
    expect(figures.escalations).toBe(2); // B automatically, C by hand
    // P1–P3 solutions: A 1d, C 10h, D 2d within 3 days; B 4d; E unsolved at 15d; G unsolved at 4d14h.
    expect(figures.portfolio).toEqual({ within3: 3, beyond3: 3, within7: 4, beyond7: 1, pending: 1, met: false });
  });

  it("shows the report in chat to leads, per organisation or for all; refuses engineers and contacts", async () => {
    const reply = await h.as("ana", "/incident report 2026-11 --org acme");
    expect(reply.message.title).toBe("SLA report · 2026-11 · ACME Corp");
    expect(reply.message.text.split("\n")).toEqual([
      "Incidents opened: 7 (P1 2 · P2 1 · P3 3 · P4 1)",
      "Within target (met of decided):",
      "P1: response 1/2 (50 %) · status update 0/2 (0 %) · restore 1/2 (50 %) · resolve 1/2 (50 %) · post-incident report 1/2 (50 %)",
      "P2: response 1/1 (100 %) · restore 0/1 (0 %) · resolve 1/1 (100 %) · post-incident report 1/1 (100 %)",
      "P3: response 3/3 (100 %) · restore 1/3 (33 %) · resolve 1/2 (50 %), 1 running",
      "P4: response 0/1 (0 %) · resolve 1/1 (100 %)",
      "MTTA: median 15m, p90 45m (7 incidents)",
      "MTTR (to restore): median 2h, p90 10h (5 incidents)",
      "Breaches: 7 (response 2 · status update 2 · restore 2 · resolve 1)",
      "Escalations: 2",
      "Portfolio goal (P1–P3 solved: 80 % within 3 days, 100 % within 7 days): not met. 50 % within 3 days, 80 % within 7 days; 1 still open.",
      "",
      "Customer satisfaction (CSAT)",
      "No surveys were sent in this period.",
      "",
      "Alerts: 0 received · 0 incident(s) from alerts · – handled within 30m (0 of 0) · 0 silence(s)",
      "Graded failures: fired again unacknowledged 0 · unhandled after 8h 0 · unhandled after 12h 0",
    ]);
    const globex = await h.as("root", "/incident report 2026-11 --org globex");
    expect(globex.message.text).toContain("P2: response 1/1 (100 %) · restore 1/1 (100 %) · resolve 1/1 (100 %) · post-incident report 0/1 (0 %)");
    expect(globex.message.text).toContain("Portfolio goal (P1–P3 solved: 80 % within 3 days, 100 % within 7 days): met. 100 % within 3 days, 100 % within 7 days.");
    const all = await h.as("ana", "/incident report 2026-11");
    expect(all.message.title).toBe("SLA report · 2026-11 · all organisations");
    expect(all.message.text).toContain("Incidents opened: 8 (P1 2 · P2 2 · P3 3 · P4 1)");
    expect(await h.as("ana", "/incident report 2026-13")).toMatchObject({ code: "COMMAND.INVALID", message: { text: "“2026-13” is not a month (use YYYY-MM, e.g. 2026-11).\nUsage: /incident report [YYYY-MM] [--org <org>]" } });
    expect((await h.as("ben", "/incident report")).code).toBe("AUTH.FORBIDDEN");
    expect((await h.as("carol", "/incident report")).code).toBe("AUTH.FORBIDDEN");
  });

  it("npm run report prints the same report and writes CSV", () => {
    const csv = path.join(path.dirname(h.dbFile!), "report.csv");
    const run = spawnSync("npm", ["run", "--silent", "report", "--", "--month", "2026-11", "--org", "acme", "--csv", csv, "--at", NOW], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${h.dbFile}`, VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("SLA report · 2026-11 · ACME Corp");
    expect(run.stdout).toContain("MTTA: median 15m, p90 45m (7 incidents)");
    const rows = readFileSync(csv, "utf8").trim().split("\n");
    expect(rows[0]).toBe("month,organisation,section,severity,clock,met,missed,running,value");
    expect(rows).toContain("2026-11,ACME Corp,within target,P3,resolve,1,1,1,0.5000");
    expect(rows).toContain("2026-11,ACME Corp,mtta median ms,,,,,,900000");
    expect(rows).toContain("2026-11,ACME Corp,portfolio goal met,,,,,,false");
  });
});
