import { armCustomerTimer, CUSTOMER_TIMER_KEY } from "./customer-timers.js";
import { deemConfirmed } from "../customer/resolution-confirmation.js";
import { runSurveyStep } from "../customer/survey-service.js";
import type { Run } from "../app-context.js";

/**
 * Act on a due customer-loop timer inside the sweeper's transaction. Re-reads the row it is
 * about, so a timer that fires after the contact already answered does nothing.
 */
export async function runCustomerTimer(run: Run, key: string): Promise<void> {
  const match = CUSTOMER_TIMER_KEY.exec(key);
  if (!match) return;
  const id = Number(match[2]);
  if (match[1] === "confirm") return deemConfirmed(run, id);
  const survey = await run.tx.followUps.findSurvey(id);
  if (survey) await runSurveyStep(run, survey);
  else await armCustomerTimer(run, key, undefined);
}
