import type { Person } from "../../core/incident/types.js";
import type { Command } from "../../core/commands/command-types.js";
import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, type Incident } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { clockLines, riskText } from "../../core/messages/sla-messages.js";
import { slaCopy } from "../../core/messages/copy-sla.js";
import { clockViews, initialFacts } from "../../core/sla/clocks.js";
import { clockRisks } from "../../core/sla/risk.js";
import type { Reply } from "../../ports/chat.js";
import { factsOf } from "../sla/sla-engine.js";
import { ok } from "../incident/load-incident.js";
import { organisationName } from "../../core/policy.js";
import { nameOf } from "../incident/person-names.js";
import type { Run } from "../app-context.js";

const LIST_LIMIT = 25;
// Overdue and at-risk are computed, not stored, so the active incidents are scanned; a bound
// keeps one command from reading a whole database.
const SCAN = 2000;

/** The "SLA clocks" block of /incident show. */
export async function clocksBlock(run: Run<Person>, incident: Incident): Promise<string[]> {
  const views = clockViews(run.ctx.policy.sla, incident, await factsOf(run.tx, incident), run.now);
  return [`${slaCopy.clocksTitle}:`, ...clockLines(views)];
}

/** `/incident list overdue|at-risk`: active incidents with a clock past its target, or at 75 % or more. */
export async function listByClock(run: Run<Person>, command: Extract<Command, { name: "list" }>, orgId: string | undefined): Promise<Reply> {
  const incidents = await run.tx.incidents.list({ statuses: [...ACTIVE_STATUSES], organisationId: orgId, limit: SCAN });
  const facts = new Map((await run.tx.sla.findFacts(incidents.map((i) => i.id))).map((f) => [f.incidentId, f]));
  const lines: string[] = [];
  for (const i of incidents) {
    const views = clockViews(run.ctx.policy.sla, i, facts.get(i.id) ?? initialFacts(i), run.now);
    const risks = clockRisks(views).filter((r) => command.scope === "at-risk" || r.overdue);
    if (risks.length === 0) continue;
    const assignee = (await nameOf(run.tx, i.assigneeId)) ?? copy.nobody;
    const org = organisationName(run.ctx.policy, i.organisationId);
    lines.push(`${copy.listLine(incidentKey(i.number), i.severity, i.status, i.title, org, assignee)} · ${risks.map(riskText).join(", ")}`);
    if (lines.length >= LIST_LIMIT) break;
  }
  if (lines.length === 0) return ok(copy.listEmpty);
  return ok({ title: copy.listTitle(command.scope, lines.length), text: lines.join("\n") });
}
