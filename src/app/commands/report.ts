import type { Command } from "../../core/commands/command-types.js";
import { reportMessage } from "../../core/messages/sla-report-message.js";
import type { Reply } from "../../ports/chat.js";
import { csatReport } from "../customer/csat-report.js";
import { alertReport } from "../alerts/alert-report.js";
import { buildMonthlyReport } from "../sla/monthly-report.js";
import { ok, requireRight, type CommandRun } from "./command-run.js";

/** `/incident report [YYYY-MM] [--org x]` (leads and admins). */
export async function report(run: CommandRun, command: Extract<Command, { name: "report" }>): Promise<Reply> {
  requireRight(run, "report");
  const monthly = await buildMonthlyReport(run.ctx.policy, run.tx, { month: command.month, organisationId: command.org }, run.now);
  const message = reportMessage({ month: monthly.month, organisation: monthly.organisation?.name, figures: monthly.figures });
  const csat = await csatReport(run.tx, run.ctx.policy, monthly.month, monthly.organisation?.id);
  const alerts = run.ctx.policy.alerts ? (await alertReport(run.tx, run.ctx.policy, monthly.month, run.now, monthly.organisation?.id)).lines : [];
  return ok({ ...message, text: [message.text, "", ...csat.lines, ...(alerts.length ? ["", ...alerts] : [])].join("\n") });
}
