import { Bot } from "node-telegram-bot-api";
import { afterEach, describe, expect, it } from "vitest";
import { toDeliveryError } from "../../../adapters/telegram/errors.js";
import { FakeTelegram, type TelegramOutage } from "../../fakes/fake-telegram.js";

// The real node-telegram-bot-api against the fake Bot API's outage mode (the fault run's
// faults): what the outbox is told for each kind, and that the API is back once it ends.

const TOKEN = "123456:OUTAGE";
let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function sendDuring(outage: Omit<TelegramOutage, "untilMs">) {
  fake = await new FakeTelegram({}, TOKEN).start();
  fake.outage = { ...outage, untilMs: Date.now() + 60_000 };
  const bot = new Bot(TOKEN, { apiRoot: fake.apiUrl, maxRetries: 0, timeoutMs: 300 });
  const error = await bot.api.sendMessage({ chat_id: -1001, text: "during" }).then(() => undefined, (e: unknown) => e);
  fake.outage = undefined;
  const after = await bot.api.sendMessage({ chat_id: -1001, text: "after" });
  return { failure: toDeliveryError("sendMessage", error), after, call: fake.callsTo("sendMessage")[0] };
}

describe("fake Telegram outage mode, through the real library", () => {
  it("a flood wait is HTTP 429 with parameters.retry_after: the platform pauses that long, no attempt is spent", async () => {
    const { failure, after, call } = await sendDuring({ kind: "429", retryAfter: 5 });
    expect(call.status).toBe(429);
    expect(call.response).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 5 } });
    expect(failure).toMatchObject({ retryAfterMs: 5000, permanent: false });
    expect(after.text).toBe("after");
  });

  it.each([["500" as const], ["hang" as const], ["reset" as const]])("%s is a transient failure, retried later", async (kind) => {
    const { failure, after } = await sendDuring({ kind });
    expect(failure).toMatchObject({ permanent: false, retryAfterMs: undefined });
    expect(fake!.chat(-1001).map((m) => m.text)).toEqual(["after"]);
    expect(after.message_id).toBeGreaterThan(0);
  });
});
