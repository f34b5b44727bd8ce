import { describe, expect, it } from "vitest";
import {
  canAnswer,
  cappedByRecentSurvey,
  DEFAULT_SURVEY_SETTINGS,
  isComplaintScore,
  nextSurveyStep,
} from "../../../src/core/survey/survey-machine.js";
import type { Survey } from "../../../src/core/survey/types.js";

const T0 = new Date("2026-11-02T09:00:00Z");
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const base: Survey = { id: 1, incidentId: 1, contactId: "carol", organisationId: "acme", createdAt: T0, sendAt: T0, status: "scheduled", awaitingComment: false };
const sent: Survey = { ...base, status: "sent", sentAt: T0, expiresAt: h(7 * 24) };
const settings = DEFAULT_SURVEY_SETTINGS;

describe("survey steps", () => {
  it("a scheduled survey is sent at its send time", () => {
    expect(nextSurveyStep({ ...base, sendAt: h(2) }, settings)).toEqual({ step: "send", at: h(2) });
  });

  it("an unanswered survey is reminded once, 24 h after sending", () => {
    expect(nextSurveyStep(sent, settings)).toEqual({ step: "remind", at: h(24) });
    expect(nextSurveyStep({ ...sent, remindedAt: h(24) }, settings)).toEqual({ step: "expire", at: h(168) });
  });

  it("an answered survey is not reminded; it expires", () => {
    expect(nextSurveyStep({ ...sent, score: 4, answeredAt: h(1) }, settings)).toEqual({ step: "expire", at: h(168) });
  });

  it("no reminder when the survey expires first", () => {
    expect(nextSurveyStep({ ...sent, expiresAt: h(12) }, settings)).toEqual({ step: "expire", at: h(12) });
  });

  it("an expired survey has nothing left", () => {
    expect(nextSurveyStep({ ...sent, status: "expired" }, settings)).toBeUndefined();
  });
});

describe("who may answer", () => {
  it("only the contact it was sent to, while it is open", () => {
    expect(canAnswer(sent, "carol", h(1))).toBe("ok");
    expect(canAnswer(sent, "dave", h(1))).toBe("not_yours");
    expect(canAnswer(sent, "carol", h(168))).toBe("expired");
    expect(canAnswer({ ...sent, status: "expired" }, "carol", h(1))).toBe("expired");
    expect(canAnswer(base, "carol", T0)).toBe("not_sent");
  });

  it("someone else is told it is not theirs even after expiry", () => {
    expect(canAnswer(sent, "dave", h(500))).toBe("not_yours");
  });
});

describe("complaints and the per-contact cap", () => {
  it("scores at or below the threshold are complaints", () => {
    expect([1, 2, 3, 4, 5].map((s) => isComplaintScore(s, settings))).toEqual([true, true, false, false, false]);
    expect(isComplaintScore(3, { ...settings, complaintAtOrBelow: 3 })).toBe(true);
  });

  it("caps surveys per contact only when configured", () => {
    expect(cappedByRecentSurvey(h(-1), T0, settings)).toBe(false);
    const capped = { ...settings, perContactCapMs: 30 * 86_400_000 };
    expect(cappedByRecentSurvey(h(-24 * 29), T0, capped)).toBe(true);
    expect(cappedByRecentSurvey(h(-24 * 30), T0, capped)).toBe(false);
    expect(cappedByRecentSurvey(undefined, T0, capped)).toBe(false);
  });
});
