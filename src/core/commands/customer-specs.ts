// The customer loop's commands in the same declarative form as every other command.
import { z } from "zod";
import { customerCopy } from "../messages/copy-customer.js";
import * as arg from "./arg-schemas.js";
import type { CommandSpec } from "./spec-types.js";
import type { Command } from "./command-types.js";
import { HELP } from "../messages/help-copy.js";

const TEXT_MAX = 4000;

/** A word that must be exactly `expected` (`/contact invite`, `complaint … reviewed`). */
function keyword<T extends string>(expected: T, refusal: (word: string) => string) {
  return z.string().transform((value, ctx): T => {
    if (value.trim().toLowerCase() !== expected) {
      ctx.addIssue({ code: "custom", message: refusal(value) });
      return z.NEVER;
    }
    return expected;
  });
}

function customerSpec(base: Omit<CommandSpec, "schema">, shape: z.ZodRawShape): CommandSpec {
  const schema = z.object({ ...shape, name: z.literal(base.name) }) as unknown as z.ZodType<Command>;
  return { ...base, schema };
}


/**
 * The customer loop's commands. `/report` is the contact's (`/incident report` is the SLA
 * report), so `raise` has no short form of its own: the inbound boundary reads `/report <text>`
 * as `/incident raise <text>`.
 */
export const CUSTOMER_SPECS: readonly CommandSpec[] = [
  customerSpec({ name: "raise", right: "report-problem", positionals: [{ name: "text", label: "what is wrong", rest: true }], flags: [], shortForm: false, contactsOnly: { code: "REPORT.STAFF", text: customerCopy.reportStaff }, ...HELP.raise }, {
    text: arg.text("problem description", TEXT_MAX),
  }),
  customerSpec({ name: "mytickets", right: "mytickets", positionals: [], flags: [], shortForm: true, contactsOnly: { code: "TICKETS.STAFF", text: customerCopy.myTicketsStaff }, ...HELP.mytickets }, {}),
  customerSpec(
    {
      name: "contact",
      right: "invite",
      positionals: [{ name: "action", label: "invite" }, { name: "org", label: "organisation" }, { name: "contact", label: "contact name", rest: true }],
      flags: [],
      shortForm: true,
      ...HELP.contact,
    },
    { action: keyword("invite", customerCopy.inviteBadAction), org: z.string().trim().toLowerCase(), contact: arg.text("contact name", 200) },
  ),
  customerSpec(
    {
      name: "complaint",
      right: "complaint",
      positionals: [{ name: "number", label: "incident key (e.g. INC-42)" }, { name: "action", label: "reviewed" }, { name: "note", label: "note", rest: true }],
      flags: [],
      shortForm: true,
      ...HELP.complaint,
    },
    { number: arg.incidentNumber, action: keyword("reviewed", customerCopy.complaintBadAction), note: arg.text("review note", TEXT_MAX) },
  ),
  customerSpec({ name: "start", right: "help", positionals: [{ name: "code", label: "invitation code", optional: true }], flags: [], shortForm: true, ...HELP.start }, {
    code: z.string().trim().optional(),
  }),
];
