import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter, TELEGRAM_WEBHOOK_PATH } from "../../../adapters/telegram/index.js";
import { VigilHttpServer } from "../../../src/infra/http/http-server.js";
import { FakeTelegram } from "../../fakes/fake-telegram.js";
import { textMessage } from "../../fakes/fake-telegram-updates.js";
import { createHarness, type Harness } from "../../support/harness.js";
import { telegramPolicy } from "./telegram-rig.js";

const CAROL = { id: 7001, first_name: "Carol" };
const SECRET = "s3cret-token_1";

describe("Telegram webhook mode on Vigil's HTTP port", () => {
  let fake: FakeTelegram;
  let http: VigilHttpServer;
  let h: Harness;
  afterEach(async () => {
    await h.close();
    await http.close();
    await fake.close();
  });

  it("checks the secret header, handles each update_id once, and never polls", async () => {
    fake = await new FakeTelegram({}, "123456:TEST").start();
    http = new VigilHttpServer(async () => ({ ok: true }));
    const adapter = createTelegramAdapter({ token: "123456:TEST", apiUrl: fake.apiUrl, webhookSecret: SECRET, router: http });
    h = await createHarness({ adapters: [adapter], policy: telegramPolicy() });
    const port = await http.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}${TELEGRAM_WEBHOOK_PATH}`;

    expect(await fake.deliverWebhook(url, textMessage(CAROL, "/mytickets"), "wrong", 1)).toBe(401);
    expect(await fake.deliverWebhook(url, textMessage(CAROL, "/mytickets"), undefined, 2)).toBe(401);
    expect(await fake.deliverWebhook(url, textMessage(CAROL, "/report Printer on fire"), SECRET, 3)).toBe(200);
    expect(await fake.deliverWebhook(url, textMessage(CAROL, "/report Printer on fire"), SECRET, 3)).toBe(200);
    await adapter.repliesSent();
    expect(fake.chat("7001").filter((m) => m.text.includes("You reported: Printer on fire"))).toHaveLength(1);
    expect(await h.store.customers.findDraft(2)).toBeUndefined();
    expect(fake.callsTo("getUpdates")).toHaveLength(0);
    expect(fake.callsTo("deleteWebhook")).toHaveLength(0);
  });

  it("answers GET and PUT with 405 (only Telegram's POSTs are updates)", async () => {
    fake = await new FakeTelegram({}, "123456:TEST").start();
    http = new VigilHttpServer(async () => ({ ok: true }));
    const adapter = createTelegramAdapter({ token: "123456:TEST", apiUrl: fake.apiUrl, webhookSecret: SECRET, router: http });
    h = await createHarness({ adapters: [adapter], policy: telegramPolicy() });
    const port = await http.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}${TELEGRAM_WEBHOOK_PATH}`;
    for (const method of ["GET", "PUT"]) {
      const res = await fetch(url, { method, headers: { "x-telegram-bot-api-secret-token": SECRET } });
      expect([method, res.status, res.headers.get("allow")]).toEqual([method, 405, "POST"]);
    }
    expect(await fake.deliverWebhook(url, textMessage(CAROL, "/mytickets"), SECRET, 10)).toBe(200);
  });
});
