import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { Person } from "../core/incident/types.js";
import type { Policy } from "../core/policy.js";
import type { Platform } from "../ports/chat.js";
import { formatLocatedIssue, formatYamlError } from "./policy-locations.js";
import { crossReferenceIssues, policyFileSchema, type PolicyFile } from "./policy-schema.js";
import { buildSlaConfig } from "./sla-config.js";
import { buildCustomerConfig } from "./customer-schema.js";
import { buildAlertConfig } from "./alert-schema.js";
// Country holiday sets load date-holidays on demand; every policy file comes through here.
import "./date-holidays-loader.js";

/** Either the policy, or every problem found, each as "file:line:col path: message". */
export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

/** Read and validate a policy file. Never throws for bad content; lists every error. */
export function loadPolicyFile(path: string): PolicyResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, errors: [`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`] };
  }
  return parsePolicy(text, path);
}

/**
 * Validate policy YAML text (`file` names it in errors). Every problem is listed in one
 * run: the cross-references (unknown policy, person, calendar…) are checked even when some
 * field has the wrong type.
 */
export function parsePolicy(text: string, file = "vigil.yaml"): PolicyResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    // One typo often confuses the parser for several lines; the first error per line says it.
    const byLine = new Map(doc.errors.map((e) => [e.linePos?.[0].line ?? 0, e] as const));
    return { ok: false, errors: [...byLine.values()].map((e) => formatYamlError(file, text, e)) };
  }
  const raw = doc.toJS() ?? {};
  const parsed = policyFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, policy: toPolicy(parsed.data) };
  const issues = [...parsed.error.issues, ...crossReferenceIssues(raw)];
  const errors = [...new Set(issues.map((issue) => formatLocatedIssue(file, doc, lines, issue)))];
  return { ok: false, errors };
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
    ...(file.alerts ? { alerts: buildAlertConfig(file) } : {}),
  };
}

// Everyone can use the console as themselves: their console identity is their id.
function identitiesOf(personId: string, ids: Partial<Record<string, string>>): Person["identities"] {
  const list = Object.entries(ids)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([platform, externalId]) => ({ platform: platform as Platform, externalId }));
  return [...list, { platform: "console", externalId: personId }];
}
