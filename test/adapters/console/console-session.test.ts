import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function npmStart(input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("npm start with piped input (console adapter, SQLite file)", () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "vigil-console-"));
    db = path.join(dir, "nested", "vigil.db");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs a whole lifecycle, prints replies and channel messages, exits 0, and the file holds it all", async () => {
    const script = [
      "/as ana",
      "/incident open P2 Disk full on db-1 --org acme",
      "/as ben",
      "/incident ack INC-1",
      "/incident note 1 Cleaning old logs",
      "/incident mitigate 1 rotated logs",
      "/incident resolve 1 Added a disk",
      "/as ana",
      "/incident close 1",
      "/incident close 1",
      "",
    ].join("\n");
    const run = await npmStart(script, { DATABASE_URL: `file:${db}`, VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml") });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain("You are now Ana Lima (lead).");
    expect(out).toContain("✔ Opened INC-1 (P2) for ACME Corp: Disk full on db-1");
    expect(out).toContain("[#acme-incidents] INC-1 · P2 · Disk full on db-1");
    expect(out).toContain("[#duty-lead] INC-1\n  🚨 New P2 INC-1 for ACME Corp: Disk full on db-1 (opened by Ana Lima)");
    expect(out).toContain("[#acme-incidents › INC-1] Ben Okafor acknowledged INC-1.");
    expect(out).toContain("[#acme-incidents ✎ updated] INC-1 · P2 · Disk full on db-1\n  Status: Closed");
    expect(out).toMatch(/✖ INC-1 was closed by Ana Lima \d+ s ago\./);
    expect(out).not.toMatch(/at .*\.ts:\d+/);
    // Each line's messages are printed before the next command is read.
    expect(out.indexOf("Ben Okafor acknowledged INC-1.")).toBeLessThan(out.indexOf("ben> /incident note 1 Cleaning old logs"));

    const sqlite = new Database(db, { readonly: true });
    const incident = sqlite.prepare("SELECT * FROM Incident WHERE number = 1").get() as Record<string, unknown>;
    expect(incident).toMatchObject({ status: "closed", title: "Disk full on db-1", reporterId: "ana", acknowledgedById: "ben", resolution: "Added a disk" });
    const kinds = (sqlite.prepare("SELECT kind FROM TimelineEntry WHERE incidentId = ? AND kind != 'message_sent' ORDER BY id").all(incident.id) as { kind: string }[]).map((r) => r.kind);
    expect(kinds).toEqual(["opened", "acknowledged", "note", "mitigated", "resolved", "closed"]);
    const pending = sqlite.prepare("SELECT COUNT(*) AS n FROM OutboxMessage WHERE status != 'sent' AND status != 'superseded'").get() as { n: number };
    expect(pending.n).toBe(0);
    sqlite.close();
  }, 60_000);

  it("a second run on the same file continues numbering and knows the earlier incident", async () => {
    const run = await npmStart("/as ben\n/incident open P3 Second problem --org globex\n/incident show 1\n", { DATABASE_URL: `file:${db}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("✔ Opened INC-2 (P3) for Globex: Second problem");
    expect(run.stdout).toContain("✔ INC-1 · P2 · Disk full on db-1");
  }, 60_000);

  it("buttons are pressed with /press and plain text answers Vigil's question (the customer loop in the console)", async () => {
    const script = [
      "/as carol",
      "/incident open P3 VPN flapping",
      "/as ben",
      "/press INC-3 ack",
      "/incident resolve 3 replaced router",
      "/as carol",
      "/press yes",
      "/press 2",
      "slow answers",
      "/press nothing-like-this",
      "",
    ].join("\n");
    const run = await npmStart(script, { DATABASE_URL: `file:${db}`, LOG_LEVEL: "error" });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain("ben> /press INC-3 ack\n✔ INC-3 acknowledged.");
    expect(out).toContain("[#carol] INC-3 was resolved: replaced router. Is it fixed?\n  [Yes, close it] [No, still broken]");
    expect(out).toContain("carol> /press yes\n✔ Thank you. INC-3 is closed.");
    expect(out).toContain("😟 Complaint on INC-3 (ACME Corp): Carol Chen rated 2/5.");
    expect(out).toContain("💬 Carol Chen commented on the INC-3 complaint: slow answers");
    expect(out).toContain("No button “nothing-like-this” is shown");
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare("SELECT status FROM Incident WHERE number = 3").get()).toEqual({ status: "closed" });
    sqlite.close();
  }, 60_000);

  it("commands before /as and unknown people get clear guidance", async () => {
    const run = await npmStart("/incident list\n/as mallory\n", { DATABASE_URL: `file:${db}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Choose who you are first: /as <person>.");
    expect(run.stdout).toContain("No person “mallory” in the policy file (known: ana, ben, root, carol, dave).");
  }, 60_000);
});
