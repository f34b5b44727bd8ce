import type { Person } from "../../core/incident/types.js";
import type { Command } from "../../core/commands/command-types.js";
import { reportMessage } from "../../core/messages/sla-report-message.js";
import type { Reply } from "../../ports/chat.js";
import { csatReport } from "../reports/csat-report.js";
import { buildMonthlyReport } from "../reports/monthly-report.js";
import { ok } from "../incident/load-incident.js";
import type { Run } from "../app-context.js";
import { alertReport } from "../alerts/alert-report.js";

/** `/incident report [YYYY-MM] [--org x]` (leads and admins). */
export async function report(run: Run<Person>, command: Extract<Command, { name: "report" }>): Promise<Reply> {
  const monthly = await buildMonthlyReport(run.ctx.policy, run.tx, { month: command.month, organisationId: command.org }, run.now);
  const message = reportMessage({ month: monthly.month, organisation: monthly.organisation?.name, figures: monthly.figures });
  const csat = await csatReport(run.tx, run.ctx.policy, monthly.month, monthly.organisation?.id);
  const alerts = run.ctx.policy.alerts ? (await alertReport(run.tx, run.ctx.policy, monthly.month, run.now, monthly.organisation?.id)).lines : [];
  return ok({ ...message, text: [message.text, "", ...csat.lines, ...(alerts.length ? ["", ...alerts] : [])].join("\n") });
}
