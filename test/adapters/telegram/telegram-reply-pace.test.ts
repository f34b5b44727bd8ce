import { afterEach, describe, expect, it } from "vitest";
import { createTelegramRig, type TelegramRig } from "./telegram-rig.js";

const ANA = { id: 5001, first_name: "Ana", last_name: "Lima" };

/**
 * Replies keep Telegram's pace of one message a second per chat (the fake answers 429 past it,
 * as Telegram does), also when another process has just answered in the same chat: a fleet's
 * new leader takes over polling within a second of the old leader's last reply.
 */
describe("Telegram replies keep the per-chat pace", () => {
  const rigs: TelegramRig[] = [];
  afterEach(async () => {
    for (const rig of rigs.reverse()) await rig.close();
    rigs.length = 0;
  });

  it("commands in quick succession are each answered, with no 429", async () => {
    const rig = await createTelegramRig({ limits: { perChatPerSecond: 1 } });
    rigs.push(rig);
    const updates = [1, 2, 3].map((n) => rig.fake.say(ANA, `/incident open P3 Printer jam ${n} --org acme`));
    for (const id of updates) await rig.handled(id);
    const answers = rig.fake.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === String(ANA.id) && c.status === 200);
    expect(answers).toHaveLength(3);
    expect(rig.fake.rateLimited).toBe(0);
  });

  it("a process that takes over polling right after another answered waits out that chat's second", async () => {
    const first = await createTelegramRig({ limits: { perChatPerSecond: 1 } });
    rigs.push(first);
    await first.handled(first.fake.say(ANA, "/incident open P3 Printer jam --org acme"));
    await first.adapter.stop();
    const next = await createTelegramRig({ fake: first.fake, harness: { sharedStore: first.h.store } });
    rigs.push(next);
    await next.handled(first.fake.say(ANA, "/incident open P3 Scanner jam --org acme"));
    const answers = first.fake.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === String(ANA.id) && c.status === 200);
    expect(answers).toHaveLength(2);
    expect(first.fake.rateLimited).toBe(0);
  });
});
