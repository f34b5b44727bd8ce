import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Survey } from "../../src/core/survey/types.js";
import type { Store } from "../../src/ports/store.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

/** The customer loop's repositories and outbox additions; run against memory and Prisma+SQLite. */
export function customerStoreContract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>) {
  describe(`Customer store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ store, cleanup } = await open()));
    afterEach(async () => cleanup());
    linkingCases(() => store);
    surveyCases(() => store);
    outboxCases(() => store);
  });
}

// Invitations, linked identities, report drafts.
function linkingCases(get: () => Store): void {
  it("an invitation code works once, even when two people race for it", async () => {
    await get().customers.createLinkCode({ code: "abc", personId: "carol", organisationId: "acme", createdById: "ana", createdAt: T0, expiresAt: at(72) });
    const results = await Promise.all([
      get().transaction((tx) => tx.customers.useLinkCode("abc", at(1), "telegram:1")),
      get().transaction((tx) => tx.customers.useLinkCode("abc", at(1), "telegram:2")),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(await get().customers.findLinkCode("abc")).toMatchObject({ usedAt: at(1), personId: "carol" });
    expect(await get().customers.findLinkCode("nope")).toBeUndefined();
  });

  it("keeps one link per identity (the newest) and lists them", async () => {
    await get().customers.saveIdentityLink({ personId: "carol", platform: "telegram", externalId: "9", linkedAt: T0 });
    await get().customers.saveIdentityLink({ personId: "erin", platform: "telegram", externalId: "9", linkedAt: at(1) });
    expect(await get().customers.listIdentityLinks()).toEqual([{ personId: "erin", platform: "telegram", externalId: "9", linkedAt: at(1) }]);
  });

  it("a report draft becomes one incident only", async () => {
    const draft = await get().customers.createDraft({ personId: "carol", organisationId: "acme", text: "down", createdAt: T0 });
    expect(await get().customers.markDraftReported(draft.id, 7, "P2")).toBe(true);
    expect(await get().customers.markDraftReported(draft.id, 8, "P1")).toBe(false);
    expect(await get().customers.findDraft(draft.id)).toMatchObject({ incidentId: 7, severity: "P2" });
  });
}

// Confirmations, surveys, complaints.
function surveyCases(get: () => Store): void {
  it("confirmations: the pending one, the one awaiting a reason, updates", async () => {
    const check = await get().followUps.createCheck({ incidentId: 1, contactId: "carol", askedAt: T0, deadline: at(30), status: "pending", awaitingReason: false });
    expect(await get().followUps.findPendingCheck(1)).toEqual(check);
    expect(await get().followUps.listPendingChecks()).toEqual([check]);
    await get().followUps.updateCheck({ ...check, status: "rejected", answeredAt: at(1), awaitingReason: true });
    expect(await get().followUps.findPendingCheck(1)).toBeUndefined();
    expect(await get().followUps.findCheckAwaitingReason("carol")).toMatchObject({ id: check.id, status: "rejected" });
    expect(await get().followUps.findCheckAwaitingReason("dave")).toBeUndefined();
  });

  it("one survey per incident; open, by contact, by period, awaiting a comment", async () => {
    const base: Omit<Survey, "id"> = { incidentId: 1, contactId: "carol", organisationId: "acme", createdAt: T0, sendAt: T0, status: "scheduled", awaitingComment: false };
    const first = await get().followUps.createSurvey({ ...base, assigneeId: "ben" });
    await expect(get().transaction((tx) => tx.followUps.createSurvey(base))).rejects.toThrow();
    const second = await get().followUps.createSurvey({ ...base, incidentId: 2, organisationId: "globex", createdAt: at(24 * 40) });
    await get().followUps.updateSurvey({ ...first, status: "sent", sentAt: T0, expiresAt: at(168), score: 2, answeredAt: at(1), awaitingComment: true });
    expect(await get().followUps.findSurveyByIncident(1)).toMatchObject({ score: 2, assigneeId: "ben", expiresAt: at(168) });
    expect((await get().followUps.lastSurveyFor("carol"))?.id).toBe(second.id);
    expect((await get().followUps.findSurveyAwaitingComment("carol"))?.id).toBe(first.id);
    expect((await get().followUps.listOpenSurveys()).map((s) => s.id)).toEqual([first.id, second.id]);
    await get().followUps.updateSurvey({ ...second, status: "expired" });
    expect((await get().followUps.listOpenSurveys()).map((s) => s.id)).toEqual([first.id]);
    expect((await get().followUps.listSurveys({ from: T0, to: at(24) })).map((s) => s.id)).toEqual([first.id]);
    expect(await get().followUps.listSurveys({ from: T0, to: at(24 * 50), organisationId: "globex" })).toHaveLength(1);
  });

  it("complaints: one per survey, by incident and period, reviewed", async () => {
    const complaint = await get().followUps.createComplaint({ incidentId: 1, surveyId: 5, organisationId: "acme", score: 1, status: "open", createdAt: T0 });
    await get().followUps.updateComplaint({ ...complaint, comment: "slow", status: "reviewed", reviewedAt: at(2), reviewedById: "ana", reviewNote: "called" });
    expect(await get().followUps.findComplaintBySurvey(5)).toMatchObject({ status: "reviewed", comment: "slow", reviewNote: "called" });
    expect(await get().followUps.listComplaintsForIncident(1)).toHaveLength(1);
    expect(await get().followUps.listComplaints({ from: at(1), to: at(2) })).toEqual([]);
  });
}

// The outbox's message keys and per-platform quotas.
function outboxCases(get: () => Store): void {
  it("outbox: an edit finds the message its key posted; per-platform quotas cap a claim", async () => {
    await get().transaction(async (tx) => {
      await tx.outbox.enqueue({ platform: "telegram", channelId: "7001", kind: "post", messageKey: "survey:1", message: { text: "rate" }, createdAt: T0 });
      for (const chat of ["1", "2", "3"]) await tx.outbox.enqueue({ platform: "telegram", channelId: chat, kind: "post", message: { text: "x" }, createdAt: T0 });
      await tx.outbox.enqueue({ platform: "console", channelId: "c", kind: "post", message: { text: "y" }, createdAt: T0 });
    });
    const claimed = await get().transaction((tx) => tx.outbox.claimDue(T0, at(1), 10, { telegram: 2 }));
    expect(claimed.map((r) => [r.platform, r.channelId])).toEqual([["telegram", "7001"], ["telegram", "1"], ["console", "c"]]);
    expect(claimed[0].messageKey).toBe("survey:1");
    expect(await get().transaction((tx) => tx.outbox.claimDue(T0, at(1), 10, { telegram: 0 }))).toEqual([]);
    expect(await get().outbox.findSentByKey("telegram", "7001", "survey:1")).toBeUndefined();
    await get().outbox.complete(claimed[0].id, "sent", T0, "m55");
    expect(await get().outbox.findSentByKey("telegram", "7001", "survey:1")).toEqual({ platform: "telegram", channelId: "7001", messageId: "m55" });
    expect(await get().outbox.findSentByKey("telegram", "7002", "survey:1")).toBeUndefined();
  });
}
