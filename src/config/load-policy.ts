import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { Person } from "../core/incident/types.js";
import type { Policy } from "../core/policy.js";
import type { Platform } from "../ports/chat.js";
import { policyFileSchema, type PolicyFile } from "./policy-schema.js";
import { buildSlaConfig } from "./sla-config.js";
import { buildCustomerConfig } from "./customer-schema.js";

/** Either the policy, or every problem found, each as "path: message". */
export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

/** Read and validate a policy file. Never throws for bad content; lists every error. */
export function loadPolicyFile(path: string): PolicyResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, errors: [`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`] };
  }
  return parsePolicy(text);
}

/** Validate policy YAML text. */
export function parsePolicy(text: string): PolicyResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => `line ${(e.linePos?.[0].line ?? 0)}: ${e.message.split("\n")[0]}`) };
  }
  const parsed = policyFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(formatIssue) };
  return { ok: true, policy: toPolicy(parsed.data) };
}

/** `people[2].role: expected one of engineer|lead|admin|contact` */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>((acc, part) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, "");
  const message = issue.code === "unrecognized_keys" ? `unknown key ${issue.keys.map((k) => `“${k}”`).join(", ")}` : issue.message;
  return `${path || "(top level)"}: ${message}`;
}

function toPolicy(file: PolicyFile): Policy {
  const people: Person[] = file.people.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    organisationId: p.organisation,
    identities: identitiesOf(p.id, p.identities),
  }));
  for (const org of file.organisations) {
    for (const c of org.contacts) {
      people.push({ id: c.id, name: c.name, role: "contact", organisationId: org.id, identities: identitiesOf(c.id, c.identities) });
    }
  }
  return {
    timezone: file.timezone,
    people,
    organisations: file.organisations.map((o) => ({
      id: o.id,
      name: o.name,
      channels: { console: `${o.id}-incidents`, ...o.channels },
      ...(o.calendar ? { calendar: o.calendar } : {}),
    })),
    dutyLeadChannels: { console: "duty-lead", ...(file.channels.dutyLead ?? {}) },
    tierNames: file.escalation.tiers,
    sla: buildSlaConfig(file),
    oncall: file.oncall ?? [],
    customer: buildCustomerConfig(file),
  };
}

// Everyone can use the console as themselves: their console identity is their id.
function identitiesOf(personId: string, ids: Partial<Record<string, string>>): Person["identities"] {
  const list = Object.entries(ids)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([platform, externalId]) => ({ platform: platform as Platform, externalId }));
  return [...list, { platform: "console", externalId: personId }];
}
