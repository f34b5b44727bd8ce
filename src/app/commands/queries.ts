import type { Person } from "../../core/incident/types.js";
import { subcommandList } from "../../core/commands/parse-command.js";
import { COMMAND_SPECS, findSpec } from "../../core/commands/command-specs.js";
import type { Command } from "../../core/commands/command-types.js";
import { DomainError } from "../../core/errors.js";
import { may } from "../../core/incident/permissions.js";
import { TIMELINE } from "../../core/incident/timeline-kinds.js";
import { ACTIVE_STATUSES } from "../../core/incident/transitions.js";
import { incidentKey, type TimelineEntry } from "../../core/incident/types.js";
import { copy } from "../../core/messages/copy.js";
import { formatTime } from "../../core/messages/format-time.js";
import { HELP_FOOTER, HELP_TITLE } from "../../core/messages/help-copy.js";
import type { Reply } from "../../ports/chat.js";
import { SYSTEM_ACTOR } from "../sla/nudge-effects.js";
import { loadIncident, ok } from "../incident/load-incident.js";
import { clocksBlock, listByClock } from "./sla-lists.js";
import { organisationName } from "../../core/policy.js";
import { nameOf } from "../incident/person-names.js";
import type { Run } from "../app-context.js";

type Of<N extends Command["name"]> = Extract<Command, { name: N }>;
const LIST_LIMIT = 25;
const SHOW_ENTRIES = 5;
const SHOW_SCAN = 100;

/** `/incident show`: the card plus the latest timeline entries. */
export async function show(run: Run<Person>, command: Of<"show">): Promise<Reply> {
  const incident = await loadIncident(run, command.number);
  const card = await run.notify.renderCard(run.tx, incident);
  // Delivery receipts would crowd out what people did.
  const entries = (await run.tx.timeline.list(incident.id, SHOW_SCAN)).filter((e) => e.kind !== TIMELINE.messageSent).slice(-SHOW_ENTRIES);
  const lines = await Promise.all(entries.map((e) => timelineLine(run, e)));
  const text = [incident.description, `${copy.timelineTitle}:`, ...lines, ...(await clocksBlock(run, incident))].filter(Boolean).join("\n");
  return ok({ ...card, text, actions: undefined });
}

async function timelineLine(run: Run<Person>, entry: TimelineEntry): Promise<string> {
  const who = entry.actorId !== SYSTEM_ACTOR ? ((await nameOf(run.tx, entry.actorId)) ?? copy.systemActor) : copy.systemActor;
  const detail = entry.details.text ?? entry.details.note ?? entry.details.reason ?? "";
  return `• ${formatTime(entry.at, run.ctx.policy.timezone)} ${who} (${entry.platform}) ${entry.kind}${detail ? `: ${String(detail)}` : ""}`;
}

/** `/incident list`: open (default), mine or all; contacts see only their organisation. */
export async function list(run: Run<Person>, command: Of<"list">): Promise<Reply> {
  const orgId = run.actor.role === "contact" ? run.actor.organisationId : command.org;
  if (orgId && !run.ctx.policy.organisations.some((o) => o.id === orgId)) {
    throw new DomainError("INCIDENT.UNKNOWN_ORG", copy.unknownOrganisation(orgId, run.ctx.policy.organisations.map((o) => o.id).join(", ")));
  }
  if (command.scope === "overdue" || command.scope === "at-risk") return listByClock(run, command, orgId);
  const incidents = await run.tx.incidents.list({
    statuses: command.scope === "all" ? undefined : [...ACTIVE_STATUSES],
    assigneeId: command.scope === "mine" ? run.actor.id : undefined,
    organisationId: orgId,
    limit: LIST_LIMIT,
  });
  if (incidents.length === 0) return ok(copy.listEmpty);
  const lines = await Promise.all(
    incidents.map(async (i) => {
      const assignee = (await nameOf(run.tx, i.assigneeId)) ?? copy.nobody;
      const org = organisationName(run.ctx.policy, i.organisationId);
      return copy.listLine(incidentKey(i.number), i.severity, i.status, i.title, org, assignee);
    }),
  );
  return ok({ title: copy.listTitle(command.scope, incidents.length), text: lines.join("\n") });
}

/** `/incident help [sub]`: the commands this person may use, or one command's usage. */
export async function help(run: Run<Person>, command: Of<"help">): Promise<Reply> {
  if (command.topic) {
    const spec = findSpec(command.topic);
    if (!spec) throw new DomainError("COMMAND.UNKNOWN", copy.unknownSubcommand(command.topic, subcommandList()));
    return ok({ title: spec.name, text: `${spec.summary}\n${copy.usageLine(spec.usage)}` });
  }
  const lines = COMMAND_SPECS.filter((s) => may(run.actor.role, s.right)).map((s) => `${s.usage} — ${s.summary}`);
  return ok({ title: HELP_TITLE, text: [...lines, HELP_FOOTER].join("\n") });
}
