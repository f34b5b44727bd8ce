import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../adapters/telegram/index.js";
import { CAROL, DAVE, STRANGER, createTelegramRig, type TelegramRig } from "./telegram-rig.js";

const CAROL_CHAT = String(CAROL.id);

/** Carol (ACME's contact, Telegram 7001) reports INC-1; Ben takes it and resolves it. */
async function resolvedByBen(rig: TelegramRig): Promise<void> {
  await rig.handled(rig.fake.say(CAROL, "/report Invoices are not generated"));
  const ask = rig.fake.find(CAROL_CHAT, "How much does it affect you?")!;
  await rig.handled(rig.fake.press(CAROL, ask, rig.buttons(ask)[2][1]));
  await rig.h.as("ben", "/incident assign 1 me");
  await rig.h.as("ben", "/resolve 1 Restarted the billing worker");
  await rig.settle();
}

describe("answers in Telegram", () => {
  let rig: TelegramRig;
  afterEach(async () => rig?.close());

  it('"No, still broken" reopens, asks why, and alerts the assignee with the reason', async () => {
    rig = await createTelegramRig();
    await resolvedByBen(rig);
    const question = rig.fake.find(CAROL_CHAT, "Is it fixed?")!;
    await rig.handled(rig.fake.press(CAROL, question, rig.buttons(question)[1][1]));
    expect(rig.fake.find(CAROL_CHAT, "INC-1 is reopened and the engineer has been alerted. What is still wrong?")).toBeDefined();
    const incident = (await rig.h.store.incidents.findByNumber(1))!;
    expect(incident).toMatchObject({ status: "acknowledged", resolution: undefined });
    await rig.settle();
    expect(question.text).toContain("✖ You told us it is still broken.");
    expect(rig.buttons(question)).toEqual([]);
    // Ben's console DM (his identity on a running platform) and the incident thread.
    expect(rig.team.inChannel("ben").map((c) => c.message.text)).toContain("⚠️ Carol Chen says INC-1 (Invoices are not generated) is still broken; it was reopened.");
    expect(rig.team.inChannel("acme-incidents").map((c) => c.message.text)).toContain("✖ Carol Chen says INC-1 is still broken; reopened.");

    await rig.handled(rig.fake.say(CAROL, "Still no invoice for order 1182"));
    expect(rig.fake.find(CAROL_CHAT, "Thank you, we passed that on to the team working on INC-1.")).toBeDefined();
    await rig.settle();
    expect(rig.team.inChannel("ben").map((c) => c.message.text)).toContain("💬 Carol Chen on INC-1: Still no invoice for order 1182");
    expect(rig.team.inChannel("acme-incidents").map((c) => c.message.text)).toContain("💬 Carol Chen: Still no invoice for order 1182");
    const kinds = (await rig.h.store.timeline.list(incident.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["reopened", "customer_rejected", "customer_reason"]));
    expect(await rig.h.store.followUps.findSurveyByIncident(incident.id)).toBeUndefined();
  });

  it("someone else's button press changes nothing and they are told it is not theirs; a replayed update_id changes nothing", async () => {
    rig = await createTelegramRig();
    await resolvedByBen(rig);
    const question = rig.fake.find(CAROL_CHAT, "Is it fixed?")!;
    // Dave (Globex's contact) and an unregistered Telegram user press Carol's buttons.
    await rig.handled(rig.fake.press(DAVE, question, rig.buttons(question)[1][1]));
    expect(rig.fake.find(String(DAVE.id), "This question was asked of someone else.")).toBeDefined();
    await rig.handled(rig.fake.press(STRANGER, question, rig.buttons(question)[1][1]));
    expect(rig.fake.find(String(STRANGER.id), "You are not registered with Vigil")).toBeDefined();
    expect((await rig.h.store.incidents.findByNumber(1))?.status).toBe("resolved");

    await rig.handled(rig.fake.press(CAROL, question, rig.buttons(question)[0][1]));
    await rig.settle();
    const survey = rig.fake.find(CAROL_CHAT, "How satisfied")!;
    const four = rig.fake.press(CAROL, survey, rig.buttons(survey)[3][1]);
    await rig.handled(four);
    await rig.handled(rig.fake.press(DAVE, survey, rig.buttons(survey)[0][1]));
    expect(rig.fake.find(String(DAVE.id), "This survey is not yours")).toBeDefined();
    await rig.handled(rig.fake.press(CAROL, survey, rig.buttons(survey)[4][1]));
    const stored = async () => (await rig.h.store.followUps.findSurveyByIncident((await rig.h.store.incidents.findByNumber(1))!.id))!;
    expect((await stored()).score).toBe(5);

    // Telegram redelivers the "4" press (same update_id): the adapter drops it…
    const repliesBefore = rig.fake.callsTo("sendMessage").length;
    const pressFour = { callback_query: { id: "q-again", from: { ...CAROL, is_bot: false }, chat_instance: "ci", data: rig.buttons(survey)[3][1], message: { message_id: survey.messageId, chat: { id: CAROL.id, type: "private" }, date: 0 } } };
    rig.fake.push(pressFour, four);
    await rig.handled(rig.fake.say(CAROL, "/mytickets"));
    expect((await stored()).score).toBe(5);
    // …and after a restart (a fresh adapter with no memory), the core's event ledger does.
    await rig.adapter.stop();
    const restarted = createTelegramAdapter({ token: "123456:TEST", apiUrl: rig.fake.apiUrl, pollTimeoutSec: 1 });
    await restarted.start((event) => rig.h.vigil.handle(event));
    rig.fake.push(pressFour, four);
    await rig.handled(rig.fake.say(CAROL, "/mytickets"));
    await restarted.stop();
    expect((await stored()).score).toBe(5);
    const answers = (await rig.h.store.timeline.list((await stored()).incidentId)).filter((e) => e.kind === "survey_answered");
    expect(answers.map((e) => e.details.score)).toEqual([4, 5]);
    expect(rig.fake.callsTo("sendMessage").length).toBeGreaterThan(repliesBefore);
  });

  it("/incident wait asks the contact; their reply is recorded and the paused clocks run again", async () => {
    rig = await createTelegramRig();
    await rig.handled(rig.fake.say(CAROL, "/report Reports show yesterday's data"));
    const ask = rig.fake.find(CAROL_CHAT, "How much")!;
    await rig.handled(rig.fake.press(CAROL, ask, rig.buttons(ask)[2][1]));
    await rig.h.as("ben", "/ack 1");
    await rig.h.as("ben", "/incident wait 1 the name of the report and the time you ran it");
    await rig.settle();
    expect(rig.fake.find(CAROL_CHAT, "needs something from you: the name of the report and the time you ran it")).toBeDefined();
    rig.h.clock.advance(30 * 60_000);
    await rig.handled(rig.fake.say(CAROL, "Daily sales, at 08:15"));
    expect(rig.fake.find(CAROL_CHAT, "Thank you, we passed your answer on to the team working on INC-1.")).toBeDefined();
    await rig.settle();
    const thread = rig.team.inChannel("acme-incidents").map((c) => c.message.text);
    expect(thread).toContain("💬 Carol Chen: Daily sales, at 08:15");
    expect(thread).toContainEqual(expect.stringMatching(/^▶️ Carol Chen answered; INC-1's restore and resolve clocks run again after 30m/));
    const [facts] = await rig.h.store.sla.findFacts([(await rig.h.store.incidents.findByNumber(1))!.id]);
    expect(facts.pauses.at(-1)?.to).toBeDefined();
  });

  it("the comment is optional: Skip ends the survey's questions; a later message is not taken as a comment", async () => {
    rig = await createTelegramRig();
    await resolvedByBen(rig);
    const question = rig.fake.find(CAROL_CHAT, "Is it fixed?")!;
    await rig.handled(rig.fake.press(CAROL, question, rig.buttons(question)[0][1]));
    await rig.settle();
    const survey = rig.fake.find(CAROL_CHAT, "How satisfied")!;
    await rig.handled(rig.fake.press(CAROL, survey, rig.buttons(survey)[0][1]));
    const ask = rig.fake.find(CAROL_CHAT, "Thank you for the 1/5")!;
    expect(rig.buttons(ask)).toEqual([["Skip", expect.stringMatching(/^s:\d+:x$/)]]);
    await rig.handled(rig.fake.press(CAROL, ask, rig.buttons(ask)[0][1]));
    expect(rig.fake.find(CAROL_CHAT, "Thank you, noted.")).toBeDefined();
    await rig.handled(rig.fake.say(CAROL, "by the way, thanks"));
    expect(rig.fake.find(CAROL_CHAT, "I was not expecting a message.")).toBeDefined();
    const stored = (await rig.h.store.followUps.findSurveyByIncident((await rig.h.store.incidents.findByNumber(1))!.id))!;
    expect(stored).toMatchObject({ score: 1, comment: undefined, awaitingComment: false });
    await rig.settle();
    expect(rig.team.inChannel("duty-lead").map((c) => c.message.text)).toEqual([expect.stringContaining("Carol Chen rated 1/5")]);
  });

  it("a 429 with retry_after delays that message and then delivers it; nothing is lost", async () => {
    rig = await createTelegramRig();
    await rig.handled(rig.fake.say(CAROL, "/report Login page is slow"));
    const ask = rig.fake.find(CAROL_CHAT, "How much")!;
    await rig.handled(rig.fake.press(CAROL, ask, rig.buttons(ask)[3][1]));
    rig.fake.failNext("sendMessage", { chatId: CAROL_CHAT, retryAfter: 7 });
    await rig.h.as("ben", "/ack 1");
    await rig.h.deliver();
    const row = (await rig.h.store.outbox.list()).find((r) => r.platform === "telegram" && r.channelId === CAROL_CHAT)!;
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.nextAttemptAt.getTime() - rig.h.clock.now().getTime()).toBe(7000);
    rig.h.clock.advance(6999);
    await rig.h.deliver();
    expect(rig.fake.find(CAROL_CHAT, "was acknowledged")).toBeUndefined();
    rig.h.clock.advance(1);
    await rig.h.deliver();
    expect(rig.fake.find(CAROL_CHAT, "was acknowledged")).toBeDefined();
    const sends = rig.fake.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === CAROL_CHAT && String(c.params.text).includes("was acknowledged"));
    expect(sends.map((c) => c.status)).toEqual([429, 200]);
    expect((await rig.h.store.outbox.list()).every((r) => r.status === "sent")).toBe(true);
  });
});
