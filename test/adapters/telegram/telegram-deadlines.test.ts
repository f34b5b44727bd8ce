import { afterEach, describe, expect, it } from "vitest";
import { CAROL, createTelegramRig, telegramPolicy, type TelegramRig } from "./telegram-rig.js";

const CAROL_CHAT = String(CAROL.id);

/** Carol reports INC-<n> (P3); Ben resolves it at the rig's current time. */
async function resolve(rig: TelegramRig, n = 1): Promise<void> {
  await rig.handled(rig.fake.say(CAROL, `/report Exports fail (${n})`));
  const ask = rig.fake.find(CAROL_CHAT, `Exports fail (${n})`)!;
  await rig.handled(rig.fake.press(CAROL, ask, rig.buttons(ask)[2][1]));
  await rig.h.as("ben", `/resolve ${n} Cleared the export queue`);
  await rig.settle();
}

async function status(rig: TelegramRig, n = 1): Promise<string | undefined> {
  return (await rig.h.store.incidents.findByNumber(n))?.status;
}

async function tickAt(rig: TelegramRig, iso: string): Promise<void> {
  rig.h.clock.set(iso);
  await rig.tick();
}

describe("silence until the end of the next working day closes the incident (ACME: Shanghai office hours, cn holidays)", () => {
  let rig: TelegramRig;
  afterEach(async () => rig.close());

  it("over a weekend: resolved Friday 16:00 → closed Monday 18:00 as deemed confirmed", async () => {
    rig = await createTelegramRig({ start: "2026-11-06T08:00:00Z" });
    await resolve(rig);
    const question = rig.fake.find(CAROL_CHAT, "Is it fixed?")!;
    await tickAt(rig, "2026-11-07T04:00:00Z"); // Saturday noon
    await tickAt(rig, "2026-11-09T09:59:59Z"); // Monday 17:59:59
    expect(await status(rig)).toBe("resolved");
    await tickAt(rig, "2026-11-09T10:00:00Z"); // Monday 18:00
    expect(await status(rig)).toBe("closed");
    const entries = await rig.h.store.timeline.list((await rig.h.store.incidents.findByNumber(1))!.id);
    expect(entries.find((e) => e.kind === "closed")).toMatchObject({ platform: "system", details: { deemedConfirmed: true } });
    expect(entries.some((e) => e.kind === "deemed_confirmed")).toBe(true);
    expect(rig.fake.find(CAROL_CHAT, "We did not hear back, so INC-1 is now closed.")).toBeDefined();
    expect(rig.buttons(question)).toEqual([]);
    expect(rig.fake.find(CAROL_CHAT, "How satisfied are you with how INC-1 was handled?")).toBeDefined();
    expect(rig.team.inChannel("acme-incidents").map((c) => c.message.text)).toContain(
      "INC-1 closed: the customer did not answer by the end of the next working day (deemed confirmed).",
    );
    await tickAt(rig, "2026-11-10T10:00:00Z");
    expect(entries.filter((e) => e.kind === "closed")).toHaveLength(1);
  });

  it("over a public holiday: resolved 30 September → closed 8 October 18:00 (National Day skipped)", async () => {
    rig = await createTelegramRig({ start: "2026-09-30T02:00:00Z" });
    await resolve(rig);
    await tickAt(rig, "2026-10-01T10:00:00Z"); // 1 October 18:00, a holiday
    await tickAt(rig, "2026-10-07T15:00:00Z"); // 7 October 23:00, still the holiday
    await tickAt(rig, "2026-10-08T09:59:00Z"); // 8 October 17:59, the first working day
    expect(await status(rig)).toBe("resolved");
    await tickAt(rig, "2026-10-08T10:00:00Z");
    expect(await status(rig)).toBe("closed");
  });

  it("an answer or a lead's close before the deadline leaves nothing for it to do", async () => {
    rig = await createTelegramRig({ start: "2026-11-02T02:00:00Z" });
    await resolve(rig);
    const question = rig.fake.find(CAROL_CHAT, "Is it fixed?")!;
    await rig.h.as("ana", "/incident close 1");
    await rig.settle();
    expect(question.text).toBe("INC-1 is no longer waiting for your confirmation.");
    expect(rig.buttons(question)).toEqual([]);
    expect(rig.fake.find(CAROL_CHAT, "How satisfied")).toBeDefined();
    await tickAt(rig, "2026-11-04T10:00:00Z");
    const closes = (await rig.h.store.timeline.list(1)).filter((e) => e.kind === "closed");
    expect(closes).toHaveLength(1);
    expect(await rig.h.store.deadlines.find("confirm:1")).toMatchObject({ status: "done" });
  });
});

describe("the survey's life: reminder, changed answer, expiry", () => {
  let rig: TelegramRig;
  afterEach(async () => rig.close());

  it("one reminder after 24 h, the answer can change until 7 days, then the buttons are removed", async () => {
    rig = await createTelegramRig({ start: "2026-11-02T02:00:00Z" });
    await resolve(rig);
    const question = rig.fake.find(CAROL_CHAT, "Is it fixed?")!;
    await rig.handled(rig.fake.press(CAROL, question, rig.buttons(question)[0][1]));
    await rig.settle();
    const survey = (await rig.h.store.followUps.findSurveyByIncident(1))!;
    const sentAt = survey.sentAt!.getTime();
    const prompt = rig.fake.find(CAROL_CHAT, "How satisfied")!;

    await tickAt(rig, new Date(sentAt + 24 * 3_600_000 - 1000).toISOString());
    expect(rig.fake.find(CAROL_CHAT, "A reminder")).toBeUndefined();
    await tickAt(rig, new Date(sentAt + 24 * 3_600_000).toISOString());
    const reminder = rig.fake.find(CAROL_CHAT, "A reminder: how satisfied are you with how INC-1 was handled?")!;
    expect(rig.buttons(reminder).map(([label]) => label)).toEqual(["1", "2", "3", "4", "5"]);
    await tickAt(rig, new Date(sentAt + 48 * 3_600_000).toISOString());
    expect(rig.fake.chat(CAROL_CHAT).filter((m) => m.text.startsWith("A reminder"))).toHaveLength(1);

    await rig.handled(rig.fake.press(CAROL, reminder, rig.buttons(reminder)[3][1]));
    await rig.handled(rig.fake.press(CAROL, prompt, rig.buttons(prompt)[4][1]));
    await rig.settle();
    expect((await rig.h.store.followUps.findSurvey(survey.id))?.score).toBe(5);
    expect(prompt.text).toContain("Your answer: 5/5");

    await tickAt(rig, new Date(sentAt + 7 * 86_400_000 - 1000).toISOString());
    expect(rig.buttons(prompt)).toHaveLength(5);
    await tickAt(rig, new Date(sentAt + 7 * 86_400_000).toISOString());
    expect(prompt.text).toBe("The survey for INC-1 has closed. Your answer: 5/5. Thank you!");
    expect(rig.buttons(prompt)).toEqual([]);
    expect(rig.buttons(reminder)).toEqual([]);
    expect((await rig.h.store.followUps.findSurvey(survey.id))?.status).toBe("expired");

    // A press on a message that still showed buttons (an old client) changes nothing now.
    await rig.handled(rig.fake.press(CAROL, prompt, "s:" + survey.id + ":1"));
    expect(rig.fake.find(CAROL_CHAT, "The survey for INC-1 has closed; thank you anyway.")).toBeDefined();
    expect((await rig.h.store.followUps.findSurvey(survey.id))?.score).toBe(5);
  });

  it("a configured delay holds the survey back; the per-contact cap skips a second one", async () => {
    const policy = telegramPolicy((file) => (file.surveys = { delay: "2h", perContactCap: "30d" }));
    rig = await createTelegramRig({ start: "2026-11-02T02:00:00Z", policy });
    await resolve(rig, 1);
    await rig.h.as("ana", "/incident close 1");
    await rig.settle();
    expect(rig.fake.find(CAROL_CHAT, "How satisfied")).toBeUndefined();
    await tickAt(rig, "2026-11-02T04:00:00Z");
    expect(rig.fake.find(CAROL_CHAT, "How satisfied are you with how INC-1")).toBeDefined();
    await resolve(rig, 2);
    await rig.h.as("ana", "/incident close 2");
    await tickAt(rig, "2026-11-03T04:00:00Z");
    expect(rig.fake.find(CAROL_CHAT, "How satisfied are you with how INC-2")).toBeUndefined();
    const incident = (await rig.h.store.incidents.findByNumber(2))!;
    expect((await rig.h.store.timeline.list(incident.id)).find((e) => e.kind === "survey_skipped")?.details).toMatchObject({ reason: "per-contact cap" });
  });
});
