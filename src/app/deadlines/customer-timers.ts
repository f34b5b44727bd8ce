// The customer loop's deadlines ride on the SLA engine's timer rows (one table, one sweeper):
// `confirm:<checkId>` for the confirmation deadline, `survey:<surveyId>` for the survey's next
// step (send, remind, expire). The sweeper hands every due key it does not own to runCustomerTimer.
import { nextSurveyStep } from "../../core/survey/survey-machine.js";
import type { Survey } from "../../core/survey/types.js";
import { customerConfig } from "../customer/loop-run.js";
import type { Run } from "../app-context.js";

/** Timer keys of the customer loop. */
export const timerKeys = {
  check: (checkId: number) => `confirm:${checkId}`,
  survey: (surveyId: number) => `survey:${surveyId}`,
};

/** `confirm:<id>` or `survey:<id>`. */
export const CUSTOMER_TIMER_KEY = /^(confirm|survey):(\d+)$/;

/** Whether a timer key belongs to the customer loop. */
export function isCustomerTimer(key: string): boolean {
  return CUSTOMER_TIMER_KEY.test(key);
}

/**
 * Point a customer-loop timer at `dueAt`, or finish it (undefined). The row carries no
 * incident id: the SLA sweeper treats timers with one as SLA clocks.
 */
export async function armCustomerTimer(run: Run, key: string, dueAt: Date | undefined): Promise<void> {
  await run.tx.deadlines.arm(key, undefined, dueAt, run.now);
}

/** Arm the survey's timer for its next step, or finish it when nothing is left. */
export async function armSurveyTimer(run: Run, survey: Survey): Promise<void> {
  const next = nextSurveyStep(survey, customerConfig(run.ctx).survey);
  await armCustomerTimer(run, timerKeys.survey(survey.id), next?.at);
}
