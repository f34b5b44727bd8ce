// CSAT figures for reports: pure arithmetic over surveys and complaints.
import type { Complaint, Survey } from "./types.js";

/** Satisfaction figures of a set of surveys. */
export interface CsatFigures {
  /** Surveys that reached the contact. */
  sent: number;
  /** Sent surveys with a score. */
  answered: number;
  /** answered / sent, or undefined with nothing sent. */
  responseRate?: number;
  /** Mean score, or undefined with no answers. */
  average?: number;
  /** Count of each score, index 0 = score 1. */
  distribution: [number, number, number, number, number];
  complaints: number;
  complaintsOpen: number;
}

/** Figures of the given surveys and the complaints raised from them. */
export function csatFigures(surveys: readonly Survey[], complaints: readonly Complaint[]): CsatFigures {
  const sent = surveys.filter((s) => s.sentAt !== undefined);
  const scores = sent.map((s) => s.score).filter((s): s is number => s !== undefined);
  const distribution: CsatFigures["distribution"] = [0, 0, 0, 0, 0];
  for (const score of scores) distribution[score - 1]++;
  const ids = new Set(surveys.map((s) => s.id));
  const mine = complaints.filter((c) => ids.has(c.surveyId));
  return {
    sent: sent.length,
    answered: scores.length,
    responseRate: sent.length ? scores.length / sent.length : undefined,
    average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined,
    distribution,
    complaints: mine.length,
    complaintsOpen: mine.filter((c) => c.status === "open").length,
  };
}

/** Figures per assignee at close time (`undefined` key = nobody was assigned), sorted by assignee id. */
export function csatByAssignee(surveys: readonly Survey[], complaints: readonly Complaint[]): { assigneeId?: string; figures: CsatFigures }[] {
  const groups = new Map<string | undefined, Survey[]>();
  for (const survey of surveys) groups.set(survey.assigneeId, [...(groups.get(survey.assigneeId) ?? []), survey]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1))
    .map(([assigneeId, group]) => ({ ...(assigneeId ? { assigneeId } : {}), figures: csatFigures(group, complaints) }));
}
