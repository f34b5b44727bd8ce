import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "./fakes/fake-discord.js";
import { DISCORD_IDS, newFakeDiscord, slashInteraction } from "./fakes/fake-discord-interactions.js";
import { FakeSlack } from "./fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "./fakes/fake-slack-requests.js";
import { FakeTelegram } from "./fakes/fake-telegram.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SECRET = "main-test-signing-secret";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm start with Slack, Discord and Telegram credentials (fake platforms)", () => {
  let dir: string;
  let child: ChildProcess;
  let stderr = "";
  let port: number;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "vigil-main-"));
    [slack, discord, telegram] = await Promise.all([new FakeSlack({ token: "xoxb-test" }).start(), newFakeDiscord().start(), new FakeTelegram({}, "123456:TEST").start()]);
    port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(dir, "vigil.db")}`,
        VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml"),
        PORT: String(port),
        LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: "NTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.vigil-test-token-not-real",
        DISCORD_APPLICATION_ID: DISCORD_IDS.app,
        DISCORD_API_URL: discord.apiUrl,
        TELEGRAM_BOT_TOKEN: "123456:TEST",
        TELEGRAM_API_URL: telegram.apiUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr!.on("data", (d) => (stderr += d));
    await until(async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined), 30_000);
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await Promise.all([slack.close(), discord.close(), telegram.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves /healthz, registers Discord commands and long-polls Telegram", async () => {
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toEqual({ ok: true, details: { database: "ok", pendingMessages: 0 } });
    await discord.waitFor((f) => f.calls.some((c) => c.route.startsWith("PUT /applications")), 10_000);
    await telegram.waitFor(() => telegram.calls.some((c) => c.method === "getUpdates"), 10_000);
  });

  it("an incident opened in Slack gets its card on Slack and Discord; acknowledged from Discord, both cards update", async () => {
    const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0ANA", text: "open P2 Disk full --org acme", response_url: slack.responseUrl("T0001/main/1") };
    expect((await sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, fields)).status).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.params.channel === "C0ACMEINC"), 15_000);
    await discord.waitFor((f) => [...f.messages.values()].some((m) => m.channelId === DISCORD_IDS.acme), 15_000);

    discord.pushInteraction(slashInteraction("ben", "ack", [{ name: "incident", value: "INC-1" }]));
    await slack.waitFor((calls) => calls.some((c) => c.method === "chat.update" && JSON.stringify(c.params).includes("Ben Okafor")), 15_000);
    await discord.waitFor((f) => f.calls.some((c) => c.route.startsWith("PATCH /channels") && JSON.stringify(c.body).includes("Ben Okafor")), 15_000);
  }, 40_000);

  it("serves Prometheus metrics counting what happened", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('vigil_inbound_events_total{platform="slack",outcome="ok"} 1');
    expect(text).toContain('vigil_inbound_events_total{platform="discord",outcome="ok"} 1');
    expect(text).toMatch(/vigil_outbox_messages_total\{platform="discord",result="sent"\} \d+/);
    expect(text).toMatch(/vigil_outbox_pending_messages \d+/);
    for (const platform of ["slack", "discord", "telegram"]) expect(text).toContain(`vigil_adapter_connected{platform="${platform}"} 1`);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect((await fetch(`http://127.0.0.1:${port}/metricsfoo`)).status).toBe(404);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/"level":(50|60)/);
  }, 20_000);
});
