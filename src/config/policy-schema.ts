import { z } from "zod";
import { checkSlaReferences, knownPolicy, slaSections } from "./sla-schema.js";
import { customerSections } from "./customer-schema.js";
import { alertSections, checkAlertReferences } from "./alert-schema.js";
import { ALWAYS_ON_NAME, BUSINESS_NAME } from "../core/sla/default-policy.js";

const PEOPLE_ROLES = ["engineer", "lead", "admin", "contact"] as const;
const ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const id = z.string().regex(ID, { error: "expected a lowercase id (letters, digits, - or _)" });
const name = z.string().trim().min(1, { error: "expected a non-empty name" });
const platformId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/** Platform identities of a person: `slack: U0ANA`, `telegram: 5001`… */
const identities = z
  .strictObject({ slack: platformId, discord: platformId, telegram: platformId })
  .partial()
  .default({});

/** Channel ids per platform; `console` names a console channel (defaults are derived). */
const channels = z
  .strictObject({ slack: platformId, discord: platformId, telegram: platformId, console: platformId })
  .partial()
  .default({});

const person = z.strictObject({
  id,
  name,
  role: z.enum(PEOPLE_ROLES, { error: `expected one of ${PEOPLE_ROLES.join("|")}` }),
  organisation: id.optional(),
  identities,
});

const contact = z.strictObject({ id, name, identities });

const organisation = z.strictObject({
  id,
  name,
  policy: z.string().optional(),
  // The calendar whose working days count for customer confirmations (default: business).
  calendar: z.string().optional(),
  channels,
  contacts: z.array(contact).default([]),
});

const zone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { error: "expected an IANA time zone such as Asia/Shanghai or UTC" },
);

const basePolicyFile = z.strictObject({
    timezone: zone.default("UTC"),
    people: z.array(person).default([]),
    organisations: z.array(organisation).min(1, { error: "expected at least one organisation" }),
    channels: z.strictObject({ dutyLead: channels }).partial().default({}),
    escalation: z
      .strictObject({ tiers: z.array(name).min(1, { error: "expected at least one tier" }) })
      .default({ tiers: ["on-call engineers", "duty lead", "director"] }),
    // calendars, policies, sla, digest, oncall: see sla-schema.ts.
    ...slaSections,
    // surveys, invites: see customer-schema.ts.
    ...customerSections,
    // alerts: see alert-schema.ts.
    ...alertSections,
});

/** The policy file (product.md, "Configuration and running"). Keys may grow; these stay. */
export const policyFileSchema = basePolicyFile.superRefine(crossReferences);

export type PolicyFile = z.output<typeof policyFileSchema>;

/**
 * The cross-reference problems of a file whose shape may be wrong elsewhere (a type error in
 * one field must not hide an unknown policy in another): checked on a tolerant view of the
 * raw YAML, where a section of the wrong shape counts as empty.
 */
export function crossReferenceIssues(raw: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const ctx = { addIssue: (issue: { path: PropertyKey[]; message: string }) => issues.push({ code: "custom", input: undefined, ...issue } as z.core.$ZodIssue) };
  try {
    crossReferences(tolerant(raw), ctx as unknown as z.RefinementCtx);
  } catch {
    // A shape this view did not foresee: the schema's own errors still say what is wrong.
  }
  return issues;
}

const objectOr = (value: unknown): Record<string, any> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, any>) : {});
const arrayOf = (value: unknown): Record<string, any>[] => (Array.isArray(value) ? value.map(objectOr) : []);

function tolerant(raw: unknown): z.output<typeof basePolicyFile> {
  const file = objectOr(raw);
  const person = (p: Record<string, any>) => ({ ...p, id: String(p.id ?? ""), identities: objectOr(p.identities) });
  return {
    ...file,
    people: arrayOf(file.people).map(person),
    organisations: arrayOf(file.organisations).map((o) => ({ ...o, contacts: arrayOf(o.contacts).map(person) })),
    calendars: objectOr(file.calendars),
    policies: Object.fromEntries(Object.entries(objectOr(file.policies)).map(([k, v]) => [k, objectOr(v)])),
    oncall: Array.isArray(file.oncall) ? file.oncall.map(String) : [],
  } as unknown as z.output<typeof basePolicyFile>;
}

function crossReferences(file: z.output<typeof basePolicyFile>, ctx: z.RefinementCtx): void {
  const orgIds = new Set(file.organisations.map((o) => o.id));
  const seenPeople = new Map<string, string>();
  const seenIdentities = new Map<string, string>();
  const claim = (pid: string, path: (string | number)[], ids: Partial<Record<string, string>>) => {
    if (seenPeople.has(pid)) ctx.addIssue({ code: "custom", path: [...path, "id"], message: `duplicate person id “${pid}” (also ${seenPeople.get(pid)})` });
    else seenPeople.set(pid, path.join("."));
    for (const [platform, value] of Object.entries(ids)) {
      const k = `${platform}:${value}`;
      if (seenIdentities.has(k)) ctx.addIssue({ code: "custom", path: [...path, "identities", platform], message: `identity ${k} already belongs to ${seenIdentities.get(k)}` });
      else seenIdentities.set(k, pid);
    }
  };
  file.people.forEach((p, i) => {
    claim(p.id, ["people", i], p.identities);
    if (p.organisation && !orgIds.has(p.organisation)) ctx.addIssue({ code: "custom", path: ["people", i, "organisation"], message: `unknown organisation “${p.organisation}”` });
    if (p.role === "contact" && !p.organisation) ctx.addIssue({ code: "custom", path: ["people", i, "organisation"], message: "a contact needs an organisation" });
  });
  const seenOrgs = new Set<string>();
  file.organisations.forEach((o, i) => {
    if (seenOrgs.has(o.id)) ctx.addIssue({ code: "custom", path: ["organisations", i, "id"], message: `duplicate organisation id “${o.id}”` });
    seenOrgs.add(o.id);
    if (o.calendar && ![ALWAYS_ON_NAME, BUSINESS_NAME, ...Object.keys(file.calendars ?? {})].includes(o.calendar)) {
      ctx.addIssue({ code: "custom", path: ["organisations", i, "calendar"], message: `unknown calendar “${o.calendar}”` });
    }
    if (o.policy && !knownPolicy(file, o.policy)) ctx.addIssue({ code: "custom", path: ["organisations", i, "policy"], message: `unknown policy “${o.policy}”` });
    o.contacts.forEach((c, j) => claim(c.id, ["organisations", i, "contacts", j], c.identities));
  });
  checkSlaReferences(file, ctx);
  checkAlertReferences(file, ctx);
}
