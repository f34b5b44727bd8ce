import { describe, expect, it } from "vitest";
import { csatByAssignee, csatFigures } from "../../../src/core/survey/csat.js";
import type { Complaint, Survey } from "../../../src/core/survey/types.js";

const T0 = new Date("2026-11-02T09:00:00Z");
let next = 1;
const survey = (over: Partial<Survey>): Survey => ({
  id: next++, incidentId: next, contactId: "carol", organisationId: "acme", createdAt: T0, sendAt: T0, status: "sent", sentAt: T0, awaitingComment: false, ...over,
});

describe("CSAT figures", () => {
  const surveys = [
    survey({ score: 5, assigneeId: "ben" }),
    survey({ score: 4, assigneeId: "ben" }),
    survey({ score: 2, assigneeId: "ana" }),
    survey({ assigneeId: "ana" }),
    survey({ status: "scheduled", sentAt: undefined }),
  ];
  const complaints: Complaint[] = [{ id: 1, incidentId: surveys[2].incidentId, surveyId: surveys[2].id, organisationId: "acme", score: 2, status: "open", createdAt: T0 }];

  it("average, distribution, response rate (answered / sent) and complaints", () => {
    expect(csatFigures(surveys, complaints)).toEqual({
      sent: 4,
      answered: 3,
      responseRate: 0.75,
      average: 11 / 3,
      distribution: [0, 1, 0, 1, 1],
      complaints: 1,
      complaintsOpen: 1,
    });
  });

  it("per assignee at close time, nobody last", () => {
    const rows = csatByAssignee(surveys, complaints);
    expect(rows.map((r) => [r.assigneeId, r.figures.sent, r.figures.answered, r.figures.average, r.figures.complaints])).toEqual([
      ["ana", 2, 1, 2, 1],
      ["ben", 2, 2, 4.5, 0],
      [undefined, 0, 0, undefined, 0],
    ]);
  });

  it("nothing sent: no rate, no average", () => {
    expect(csatFigures([], [])).toMatchObject({ sent: 0, answered: 0, responseRate: undefined, average: undefined });
  });
});
