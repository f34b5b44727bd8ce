import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the console start listens for alerts (README: the curl line)", () => {
  it("a generic alert posted with the README's curl body shows up as a card on the console", { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vigil-console-alerts-"));
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "vigil.db")}`, VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml"), PORT: String(port) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await until(() => stderr.includes("listens for alerts"), 60_000, "the alert listener");
      expect(stderr).toContain(`Vigil listens for alerts on http://127.0.0.1:${port}/alerts/{alertmanager,grafana,generic}`);
      const res = await fetch(`http://127.0.0.1:${port}/alerts/generic`, {
        method: "POST",
        headers: { authorization: "Bearer change-me-generic-000000001", "content-type": "application/json" },
        body: '{"dedupKey":"test-1","status":"firing","severity":"warning","summary":"Test alert from curl","source":"curl"}',
      });
      expect(res.status).toBe(200);
      await until(() => stdout.includes("Alert: firing, fired ×1"), 20_000, "the card");
      expect(stdout).toContain("[#acme-incidents] INC-1 · P3 · Test alert from curl");
      child.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
