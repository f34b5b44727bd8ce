import { afterEach, describe, expect, it } from "vitest";
import { DUTY_GROUP, ERIN, createTelegramRig, type TelegramRig } from "./telegram-rig.js";

const ERIN_CHAT = String(ERIN.id);

describe("the customer loop in Telegram, end to end", () => {
  let rig: TelegramRig;
  afterEach(async () => rig.close());

  it("links with a code, reports, hears ack/mitigate/resolve, confirms, rates 2 and comments; the duty lead gets the complaint", async () => {
    rig = await createTelegramRig();
    await linkWithInvitation(rig);
    await reportWithImpact(rig);
    await teamWorksOnIt(rig);
    await confirmAndRateTwo(rig);
    await reviewTheComplaint(rig);
  });

  it("/mytickets lists the organisation's open incidents and their status, never another organisation's", async () => {
    rig = await createTelegramRig();
    await rig.h.as("ana", "/incident open P3 Slow reports --org acme");
    await rig.h.as("ana", "/incident open P2 Globex VPN down --org globex");
    await rig.h.as("ben", "/ack 1");
    await rig.handled(rig.fake.say({ id: 7001, first_name: "Carol" }, "/mytickets"));
    const list = rig.fake.find("7001", "ACME Corp: 1 open incident")!;
    expect(list.text).toContain("INC-1 · P3 · Being worked on — Slow reports");
    expect(list.text).not.toContain("Globex");
  });
});

// A lead invites a new ACME contact from the console; she opens the t.me link (Telegram sends
// "/start <code>") and her account is linked.
async function linkWithInvitation({ fake, h, handled }: TelegramRig): Promise<void> {
  const invite = await h.as("ana", "/contact invite acme Erin Wu");
  expect(invite.outcome).toBe("ok");
  const code = /Code (\S+) works once/.exec(invite.message.text)![1];
  expect(invite.message.text).toContain(`https://t.me/VigilTestBot?start=${code}`);
  await handled(fake.say(ERIN, `/start ${code}`));
  expect(fake.find(ERIN_CHAT, "Welcome, Erin Wu!")?.text).toContain("linked to ACME Corp");
  expect((await h.store.directory.findByIdentity("telegram", ERIN_CHAT))?.organisationId).toBe("acme");
  await handled(fake.say(ERIN, `/start ${code}`));
  expect(fake.find(ERIN_CHAT, "already linked to you")).toBeDefined();
}

// She reports a problem and chooses the impact with a button; the press is answered at once.
async function reportWithImpact(rig: TelegramRig): Promise<void> {
  const { fake, h } = rig;
  await rig.handled(fake.say(ERIN, "/report Checkout returns HTTP 500 since 09:00"));
  const ask = fake.find(ERIN_CHAT, "How much does it affect you?")!;
  expect(rig.buttons(ask).map(([label]) => label)).toEqual(["P1 · Down", "P2 · Badly impaired", "P3 · Degraded", "P4 · Minor"]);
  await rig.handled(fake.press(ERIN, ask, rig.buttons(ask)[1][1]));
  expect(fake.callsTo("answerCallbackQuery")).toHaveLength(1);
  expect(fake.find(ERIN_CHAT, "Your report is INC-1 (P2)")).toBeDefined();
  const incident = (await h.store.incidents.findByNumber(1))!;
  expect(incident).toMatchObject({ severity: "P2", organisationId: "acme", title: "Checkout returns HTTP 500 since 09:00" });
  expect((await h.store.directory.findPerson(incident.reporterId))?.name).toBe("Erin Wu");
  await rig.handled(fake.press(ERIN, ask, rig.buttons(ask)[0][1]));
  expect(fake.find(ERIN_CHAT, "This report is already INC-1.")).toBeDefined();
  expect(await h.store.incidents.findByNumber(2)).toBeUndefined();
}

// The team works on it from the console; Erin hears about each step.
async function teamWorksOnIt(rig: TelegramRig): Promise<void> {
  const { fake, h } = rig;
  await h.as("ben", "/incident assign 1 me");
  await h.as("ben", "/ack 1");
  await h.as("ben", "/incident mitigate 1 Traffic moved to the standby cluster");
  await h.as("ben", "/resolve 1 Rolled back the faulty deploy");
  await rig.settle();
  expect(fake.find(ERIN_CHAT, "INC-1 (Checkout returns HTTP 500 since 09:00) was acknowledged")).toBeDefined();
  expect(fake.find(ERIN_CHAT, "service is restored")?.text).toContain("Traffic moved to the standby cluster");
  const question = fake.find(ERIN_CHAT, "Is it fixed?")!;
  expect(question.text).toBe("INC-1 was resolved: Rolled back the faulty deploy. Is it fixed?");
  expect(rig.buttons(question).map(([label]) => label)).toEqual(["Yes, close it", "No, still broken"]);
}

// Yes closes (the question loses its buttons), the survey follows at once, she rates 2 and
// comments; the duty lead's group gets the complaint with the score and the comment.
async function confirmAndRateTwo(rig: TelegramRig): Promise<void> {
  const { fake, h } = rig;
  const question = fake.find(ERIN_CHAT, "Is it fixed?")!;
  await rig.handled(fake.press(ERIN, question, rig.buttons(question)[0][1]));
  expect(fake.find(ERIN_CHAT, "Thank you. INC-1 is closed.")).toBeDefined();
  expect((await h.store.incidents.findByNumber(1))?.status).toBe("closed");
  await rig.settle();
  expect(question.text).toContain("✔ You confirmed it is fixed.");
  expect(rig.buttons(question)).toEqual([]);
  const survey = fake.find(ERIN_CHAT, "How satisfied are you with how INC-1 was handled?")!;
  expect(rig.buttons(survey).map(([label]) => label)).toEqual(["1", "2", "3", "4", "5"]);
  await rig.handled(fake.press(ERIN, survey, rig.buttons(survey)[1][1]));
  expect(fake.find(ERIN_CHAT, "Thank you for the 2/5")).toBeDefined();
  await rig.settle();
  expect(survey.text).toContain("Your answer: 2/5");
  expect(rig.buttons(survey).map(([label]) => label)).toEqual(["1", "2 ✓", "3", "4", "5"]);
  await rig.handled(fake.say(ERIN, "Two hours before anyone answered."));
  expect(fake.find(ERIN_CHAT, "Thank you for your comment.")).toBeDefined();
  await rig.settle();
  const duty = fake.chat(DUTY_GROUP).map((m) => m.text);
  expect(duty).toContainEqual(expect.stringContaining("😟 Complaint on INC-1 (ACME Corp): Erin Wu rated 2/5. Assignee: Ben Okafor."));
  expect(duty).toContainEqual(expect.stringContaining("Erin Wu commented on the INC-1 complaint: Two hours before anyone answered."));
}

// The database holds the survey (with the assignee at close) and the complaint; a lead reviews it.
async function reviewTheComplaint({ h }: TelegramRig): Promise<void> {
  const incident = (await h.store.incidents.findByNumber(1))!;
  const stored = (await h.store.followUps.findSurveyByIncident(incident.id))!;
  expect(stored).toMatchObject({ score: 2, comment: "Two hours before anyone answered.", assigneeId: "ben", status: "sent", contactId: incident.reporterId });
  const [complaint] = await h.store.followUps.listComplaintsForIncident(incident.id);
  expect(complaint).toMatchObject({ score: 2, comment: "Two hours before anyone answered.", status: "open", surveyId: stored.id });
  const reviewed = await h.as("ana", "/incident complaint INC-1 reviewed Called Erin, agreed on a faster first response");
  expect(reviewed.message.text).toBe("The complaint on INC-1 is marked reviewed.");
  expect((await h.store.followUps.listComplaintsForIncident(incident.id))[0]).toMatchObject({ status: "reviewed", reviewedById: "ana" });
  const kinds = (await h.store.timeline.list(incident.id)).map((e) => e.kind);
  const expected = ["confirmation_asked", "customer_confirmed", "closed", "survey_sent", "survey_answered", "survey_comment", "complaint_opened", "complaint_reviewed"];
  expect(kinds).toEqual(expect.arrayContaining(expected));
}
