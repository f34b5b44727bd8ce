import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../adapters/slack/index.js";
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { VigilHttpServer } from "../src/infra/http/http-server.js";
import { readyzListener } from "../src/infra/http/readyz.js";
import { BOT_TOKEN, SIGNING_SECRET } from "./adapters/slack/slack-rig.js";
import { FakeSlack } from "./fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "./fakes/fake-slack-requests.js";
import { FakeTelegram } from "./fakes/fake-telegram.js";
import { createHarness, deliverAll, examplePolicy, type Harness } from "./support/harness.js";

// The real Slack (Bolt) and Telegram adapters, Vigil's real core on SQLite, /readyz on the real
// HTTP server. The Telegram Bot API is unreachable (nothing listens on its port) when Vigil starts.

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function readyz(base: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await res.json() };
}

describe("degraded, not dead", () => {
  let h: Harness | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await h?.close();
    for (const close of closers.splice(0).reverse()) await close();
  });

  it("starts and serves Slack while Telegram is down; /readyz says Telegram is the part that is down, then recovers", async () => {
    const slack = await new FakeSlack().start();
    closers.push(() => slack.close());
    const telegramPort = await freePort();
    const http = new VigilHttpServer(async () => ({ ok: true }));
    const policy = examplePolicy();
    const adapters = [
      createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, router: http, organisations: policy.organisations.map((o) => ({ id: o.id, name: o.name })) }),
      createTelegramAdapter({ token: "123456:TEST", apiUrl: `http://127.0.0.1:${telegramPort}`, pollTimeoutSec: 1, requestTimeoutMs: 1000 }),
    ];
    h = await createHarness({ adapters, policy, supervisor: { baseDelayMs: 100, maxDelayMs: 200 } });
    http.mount("/readyz", readyzListener({ store: h.store, adapters: () => h!.vigil.adapters.statuses(), scheduler: () => undefined, now: () => new Date() }));
    const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    closers.push(() => http.close());

    const down = await readyz(base);
    expect(down.status).toBe(503);
    expect(down.body.components["adapter:slack"].ok).toBe(true);
    expect(down.body.components["adapter:telegram"]).toMatchObject({ ok: false, error: expect.stringMatching(/getMe/) });
    expect(down.body.components.database.ok).toBe(true);

    const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: "U0BEN", text: "open P3 Telegram is down --org acme", response_url: slack.responseUrl("T0001/1/cmd") };
    expect((await sendSlashCommand(`${base}/slack/events`, SIGNING_SECRET, fields)).status).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => c.method === "response_url"), 10_000);
    await deliverAll(h);
    expect(slack.callsTo("chat.postMessage").some((c) => String(c.params.text).startsWith("INC-1 ·"))).toBe(true);

    const telegram = await new FakeTelegram().start(telegramPort);
    closers.push(() => telegram.close());
    for (let i = 0; i < 100 && !h.vigil.adapters.isUp("telegram"); i++) await new Promise((r) => setTimeout(r, 100));
    const up = await readyz(base);
    expect(up.status).toBe(200);
    expect(up.body.components["adapter:telegram"].ok).toBe(true);
    expect(h.logger.lines.some((l) => l.message === "chat adapter could not start; the others run, retrying" && l.fields.platform === "telegram")).toBe(true);
  });
});
