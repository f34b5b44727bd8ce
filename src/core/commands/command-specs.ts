import { z } from "zod";
import type { Right } from "../incident/permissions.js";
import { HELP } from "../messages/help-copy.js";
import * as arg from "./arg-schemas.js";
import type { CommandSpec, PositionalSpec } from "./spec-types.js";
import type { Command, CommandName } from "./command-types.js";
import { CUSTOMER_SPECS } from "./customer-specs.js";

export { rightOf, type CommandSpec, type PositionalSpec } from "./spec-types.js";

const TITLE_MAX = 200;
const TEXT_MAX = 4000;
const key: PositionalSpec = { name: "number", label: "incident key (e.g. INC-42)" };

function spec(
  name: CommandName,
  right: Right,
  positionals: PositionalSpec[],
  flags: string[],
  shape: z.ZodRawShape,
  shortForm = true,
): CommandSpec {
  const schema = z.object({ ...shape, name: z.literal(name) }) as unknown as z.ZodType<Command>;
  return { name, right, positionals, flags, schema, shortForm, ...HELP[name] };
}

/** Every command of the grammar in product.md, in help order. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  spec("open", "open", [{ name: "severity", label: "severity (P1–P4)" }, { name: "title", label: "title", rest: true }], ["org", "desc"], {
    severity: arg.severity,
    title: arg.text("title", TITLE_MAX),
    org: arg.orgId,
    desc: arg.optionalText("description", TEXT_MAX),
  }),
  spec("ack", "ack", [key], [], { number: arg.incidentNumber }),
  spec("note", "note", [key, { name: "text", label: "note text", rest: true }], [], {
    number: arg.incidentNumber,
    text: arg.text("note", TEXT_MAX),
  }),
  spec("assign", "assign", [key, { name: "assignee", label: "person (@id or me)" }], [], {
    number: arg.incidentNumber,
    assignee: arg.assignee,
  }),
  spec("mitigate", "mitigate", [key, { name: "note", label: "note", rest: true, optional: true }], [], {
    number: arg.incidentNumber,
    note: arg.optionalText("note", TEXT_MAX),
  }),
  spec("resolve", "resolve", [key, { name: "note", label: "resolution note", rest: true }], [], {
    number: arg.incidentNumber,
    note: arg.text("resolution note", TEXT_MAX),
  }),
  spec("close", "close", [key], [], { number: arg.incidentNumber }),
  spec("reopen", "reopen", [key, { name: "reason", label: "reason", rest: true }], [], {
    number: arg.incidentNumber,
    reason: arg.text("reason", TEXT_MAX),
  }),
  spec("escalate", "escalate", [key, { name: "reason", label: "reason", rest: true }], ["to"], {
    number: arg.incidentNumber,
    to: arg.severity.optional(),
    reason: arg.text("reason", TEXT_MAX),
  }),
  spec("severity", "severity", [key, { name: "severity", label: "severity (P1–P4)" }, { name: "reason", label: "reason", rest: true }], [], {
    number: arg.incidentNumber,
    severity: arg.severity,
    reason: arg.text("reason", TEXT_MAX),
  }),
  spec("show", "show", [key], [], { number: arg.incidentNumber }),
  spec("list", "list", [{ name: "scope", label: "filter", optional: true }], ["org"], { scope: arg.listScope, org: arg.orgId }),
  spec("wait", "wait", [key, { name: "what", label: "what you need from the customer", rest: true }], [], {
    number: arg.incidentNumber,
    what: arg.text("request", TEXT_MAX),
  }),
  spec("resume", "wait", [key], [], { number: arg.incidentNumber }),
  spec("postmortem", "postmortem", [key, { name: "text", label: "link or text of the report", rest: true }], [], {
    number: arg.incidentNumber,
    text: arg.text("post-incident report", TEXT_MAX),
  }),
  spec("silence", "silence", [key, { name: "duration", label: "duration (e.g. 2h)" }, { name: "reason", label: "reason", rest: true }], [], {
    number: arg.incidentNumber,
    duration: arg.duration,
    reason: arg.text("reason", TEXT_MAX),
  }),
  spec("report", "report", [{ name: "month", label: "month (YYYY-MM)", optional: true }], ["org"], { month: arg.month, org: arg.orgId }, false),
  {
    ...spec("oncall", "oncall", [{ name: "action", label: "set", optional: true }, { name: "people", label: "people (@id …)", rest: true, optional: true }], [], {
      action: arg.oncallAction,
      people: arg.people,
    }),
    actionRights: { set: "set-oncall" },
  },
  ...CUSTOMER_SPECS,
  spec("help", "help", [{ name: "topic", label: "subcommand", optional: true }], [], {
    topic: z.string().toLowerCase().optional(),
  }),
];

/** The spec of a subcommand by name, if there is one. */
export function findSpec(name: string): CommandSpec | undefined {
  return COMMAND_SPECS.find((s) => s.name === name);
}
