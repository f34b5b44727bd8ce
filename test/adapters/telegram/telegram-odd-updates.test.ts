import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../adapters/telegram/index.js";
import { textMessage } from "../../fakes/fake-telegram-updates.js";
import { CAROL, createTelegramRig, DUTY_GROUP, type TelegramRig } from "./telegram-rig.js";

const ANA = { id: 5001, first_name: "Ana", last_name: "Lima" };
const FORUM = { id: -1009100, type: "supergroup" as const, title: "Ops", is_forum: true };
const SUPERGROUP = "-1009000777";

describe("Telegram: odd but real updates (real node-telegram-bot-api, strict fake Bot API)", () => {
  let rig: TelegramRig;
  afterEach(async () => rig.close());

  it("a photo whose caption is a command is read like text", async () => {
    rig = await createTelegramRig();
    const photo = textMessage(CAROL, "/mytickets", undefined, 41) as { message: Record<string, unknown> };
    const { text, entities, ...rest } = photo.message;
    const id = rig.fake.push({ message: { ...rest, caption: text, caption_entities: entities, photo: [{ file_id: "p1", file_unique_id: "u1", width: 1, height: 1 }] } });
    await rig.handled(id);
    expect(rig.fake.chat(CAROL.id).at(-1)?.text).toMatch(/open incidents|no open/i);
  });

  it("a reply in a forum topic stays in that topic (message_thread_id kept)", async () => {
    rig = await createTelegramRig();
    const update = textMessage(ANA, "/incident help", FORUM, 42) as { message: Record<string, unknown> };
    const id = rig.fake.push({ message: { ...update.message, is_topic_message: true, message_thread_id: 77 } });
    await rig.handled(id);
    const reply = rig.fake.callsTo("sendMessage").find((c) => String(c.params.chat_id) === String(FORUM.id));
    expect(Number(reply?.params.message_thread_id)).toBe(77);
    expect(reply?.status).toBe(200);
  });

  it("edited messages and other update kinds are ignored: nothing runs twice", async () => {
    rig = await createTelegramRig();
    const first = rig.fake.say(ANA, "/incident open P3 Printer jam --org acme");
    await rig.handled(first);
    const edit = textMessage(ANA, "/incident open P3 Printer jam again --org acme", undefined, 43) as { message: unknown };
    rig.fake.push({ edited_message: edit.message });
    rig.fake.push({ message_reaction: { chat: { id: ANA.id, type: "private" }, message_id: 43, date: 0, new_reaction: [], old_reaction: [] } });
    await rig.fake.drained();
    const after = rig.fake.say(ANA, "/incident list");
    await rig.handled(after);
    expect(await rig.h.store.incidents.list({ limit: 10 })).toHaveLength(1);
  });

  it("a group upgraded to a supergroup: the message goes to migrate_to_chat_id, is logged, and later ones go straight there", async () => {
    rig = await createTelegramRig();
    const migrated = { errorCode: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: Number(SUPERGROUP) }, chatId: DUTY_GROUP, times: 100 };
    rig.fake.failNext("sendMessage", migrated);
    rig.fake.failNext("editMessageText", migrated);
    await rig.h.as("ana", "/incident open P1 Checkout down --org acme");
    await rig.settle();
    expect(rig.fake.chat(SUPERGROUP).map((m) => m.text).join("\n")).toContain("Checkout down");
    expect(rig.h.logger.lines.some((l) => l.level === "warn" && l.fields.to === SUPERGROUP)).toBe(true);
    expect(await rig.h.store.chatMemory.movedTo("telegram", DUTY_GROUP)).toBe(SUPERGROUP);
    const refusedBefore = rig.fake.calls.filter((c) => String(c.params.chat_id) === DUTY_GROUP).length;
    await rig.h.as("ana", "/incident open P1 Search down --org acme");
    await rig.settle();
    expect(rig.fake.chat(SUPERGROUP).map((m) => m.text).join("\n")).toContain("Search down");
    expect(rig.fake.calls.filter((c) => String(c.params.chat_id) === DUTY_GROUP)).toHaveLength(refusedBefore);
    expect((await rig.h.store.outbox.list()).filter((r) => r.status === "failed")).toEqual([]);
  });

  it("an update redelivered after a restart is not answered twice: the ledger is in the database, and pruned", async () => {
    rig = await createTelegramRig();
    const body = textMessage(CAROL, "/mytickets", undefined, 44);
    const id = rig.fake.push(body);
    await rig.handled(id);
    const answered = rig.fake.chat(CAROL.id).length;
    // Restart before Telegram saw the offset confirmed: a new adapter on the same database gets update `id` again.
    await rig.adapter.stop();
    const restarted = createTelegramAdapter({ token: "123456:TEST", apiUrl: rig.fake.apiUrl, pollTimeoutSec: 1, memory: rig.h.store.chatMemory });
    await restarted.start((event) => rig.h.vigil.handle(event));
    rig.fake.push(body, id);
    const marker = rig.fake.say(CAROL, "/mytickets");
    await rig.handled(marker);
    await restarted.repliesSent();
    await restarted.stop();
    expect(rig.fake.chat(CAROL.id)).toHaveLength(answered + 1);
    // Two days later the ids are forgotten (Telegram keeps an update 24 hours at most).
    expect(await rig.h.store.chatMemory.forgetSeenBefore(new Date(Date.now() + 49 * 3600_000))).toBeGreaterThanOrEqual(2);
  });

  it("an update a killed process noted but never applied is applied when Telegram delivers it again", async () => {
    rig = await createTelegramRig();
    const warm = rig.fake.say(ANA, "/incident help");
    await rig.handled(warm);
    const answered = rig.fake.chat(ANA.id).length;
    // A fleet's leader took the next update in (its ledger row is in the database) and was
    // killed with kill -9 before its transaction committed; Telegram never saw the offset
    // confirmed, so it delivers the update again to the next poller.
    expect(await rig.h.store.chatMemory.firstSeen(`telegram:${rig.fake.bot.id}:${warm + 1}`, new Date())).toBe(true);
    const id = rig.fake.push(textMessage(ANA, "/incident open P3 Noted then killed --org acme", undefined, 45));
    expect(id).toBe(warm + 1);
    await rig.handled(id);
    expect((await rig.h.store.incidents.findByNumber(1))?.title).toBe("Noted then killed");
    await rig.settle();
    expect(rig.team.inChannel("acme-incidents").map((c) => c.message.text).some((t) => t.includes("Noted then killed"))).toBe(true);
    // No private answer: the adapter cannot tell this from a redelivery of an update answered
    // just before a crash, and answering that one twice is what the ledger is for.
    expect(rig.fake.chat(ANA.id)).toHaveLength(answered);
  });
});
