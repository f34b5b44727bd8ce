import { afterEach, describe, expect, it } from "vitest";
import { csatReport } from "../../src/app/reports/csat-report.js";
import type { Reply } from "../../src/ports/chat.js";
import { createHarness, examplePolicy, type Harness } from "../support/harness.js";

let pressed = 0;
/** A button press on the console, as `person`. */
function press(h: Harness, person: string, actionId: string): Promise<Reply> {
  const ref = { platform: "console" as const, channelId: person, messageId: "m" };
  return h.vigil.handle({ kind: "action", eventId: `press-${++pressed}`, actor: { platform: "console", userId: person, displayName: person }, at: ref, message: ref, actionId });
}

/** `contact` reports INC-n, `assignee` takes and resolves it, the contact confirms; returns the survey id. */
async function closedWithSurvey(h: Harness, contact: string, assignee: string, n: number): Promise<number> {
  const ask = await h.as(contact, `/report Problem ${n}`);
  await press(h, contact, ask.message.actions![2].id);
  await h.as(assignee, `/incident assign ${n} me`);
  await h.as(assignee, `/resolve ${n} Fixed ${n}`);
  const check = (await h.store.followUps.findPendingCheck((await h.store.incidents.findByNumber(n))!.id))!;
  expect((await press(h, contact, `c:${check.id}:y`)).outcome).toBe("ok");
  return (await h.store.followUps.findSurveyByIncident(check.incidentId))!.id;
}

describe("CSAT in the monthly report", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("average, distribution, response rate, complaints, per assignee; per organisation", async () => {
    h = await createHarness();
    const first = await closedWithSurvey(h, "carol", "ben", 1);
    const second = await closedWithSurvey(h, "carol", "ana", 2);
    await closedWithSurvey(h, "dave", "ben", 3);
    await press(h, "carol", `s:${first}:5`);
    await press(h, "carol", `s:${second}:1`);

    const all = await csatReport(h.store, examplePolicy(), "2026-11");
    expect(all.overall).toEqual({ sent: 3, answered: 2, responseRate: 2 / 3, average: 3, distribution: [1, 0, 0, 0, 1], complaints: 1, complaintsOpen: 1 });
    expect(all.lines).toEqual([
      "Customer satisfaction (CSAT)",
      "Average 3.00 from 2 answers; response rate 2/3 (67 %)",
      "Scores: 1★ 1 · 2★ 0 · 3★ 0 · 4★ 0 · 5★ 1",
      "Complaints: 1 (1 open)",
      "• Ana Lima: 1.00 (1/1 answered, 1 complaint)",
      "• Ben Okafor: 5.00 (1/2 answered, 0 complaints)",
    ]);
    const acme = await csatReport(h.store, examplePolicy(), "2026-11", "acme");
    expect(acme.overall).toMatchObject({ sent: 2, answered: 2 });
    expect((await csatReport(h.store, examplePolicy(), "2026-10")).lines).toEqual(["Customer satisfaction (CSAT)", "No surveys were sent in this period."]);
  });
});
