// The SLA sections of the policy file: calendars, policies, sla/digest settings and the
// initial on-call roster. Issue paths are relative to the file, so every error names where it is.
import { z } from "zod";
import { calendarSpecSchema } from "../core/sla/calendar-spec.js";
import { ALWAYS_ON_NAME, BUSINESS_NAME, DEFAULT_POLICY_NAME } from "../core/sla/default-policy.js";
import { durationSchema } from "../core/sla/duration.js";
import { parseLocalTime } from "../core/sla/local-time.js";
import { CLOCKS } from "../core/sla/sla-types.js";

/** A clock's target as written: a duration (24×7), `{ target, calendar }`, or `off`. */
export type TargetInput = { targetMs: number; calendar?: string } | "off";

const NOT_A_TARGET = 'expected a duration such as 20m, "off", or { target: 20m, calendar: office }';
const objectTarget = z.strictObject({
  target: z.string({ error: "expected a duration such as 20m" }).pipe(durationSchema),
  calendar: z.string({ error: "expected a calendar name" }).min(1, { error: "expected a calendar name" }),
});

// Dispatches on the input's type (like calendarSpecSchema) so nested errors keep their paths.
const clockTarget = z.unknown().transform((input, ctx): TargetInput => {
  if (input === "off") return "off";
  const parsed = typeof input === "string" ? durationSchema.safeParse(input) : undefined;
  if (parsed?.success) return { targetMs: parsed.data };
  if (parsed) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    ctx.addIssue({ code: "custom", message: `${NOT_A_TARGET}, got ${JSON.stringify(input) ?? typeof input}` });
    return z.NEVER;
  }
  const result = objectTarget.safeParse(input);
  if (result.success) return { targetMs: result.data.target, calendar: result.data.calendar };
  for (const issue of result.error.issues) {
    const message = issue.code === "unrecognized_keys" ? `unknown key ${issue.keys.map((k) => `“${k}”`).join(", ")}` : issue.message;
    ctx.addIssue({ code: "custom", path: issue.path, message });
  }
  return z.NEVER;
});

const severityTargets = z.strictObject(Object.fromEntries(CLOCKS.map((c) => [c, clockTarget.optional()])) as Record<(typeof CLOCKS)[number], z.ZodOptional<typeof clockTarget>>);

const slaPolicy = z.strictObject({
  P1: severityTargets.optional(),
  P2: severityTargets.optional(),
  P3: severityTargets.optional(),
  P4: severityTargets.optional(),
});

const localTime = z.string().refine((text) => parseLocalTime(text) !== undefined, {
  error: (iss) => `expected a local time HH:MM such as 09:00, got ${JSON.stringify(iss.input)}`,
});

const REPEATS = { error: "expected a whole number from 0 to 50" };
const repeatCount = z.number(REPEATS).int(REPEATS).min(0, REPEATS).max(50, REPEATS);

/** The SLA keys of the policy file's top level. */
export const slaSections = {
  calendars: z.record(z.string(), calendarSpecSchema).optional(),
  policies: z.record(z.string(), slaPolicy).optional(),
  sla: z
    .strictObject({
      repeatEvery: durationSchema.optional(),
      maxRepeats: repeatCount.optional(),
      reportAfterOutage: durationSchema.optional(),
    })
    .optional(),
  digest: z.strictObject({ at: localTime.optional() }).optional(),
  oncall: z.array(z.string()).optional(),
};

/** What the cross-reference check needs to see of the parsed file. */
export interface SlaReferences {
  calendars?: Record<string, unknown>;
  policies?: Record<string, Partial<Record<string, Partial<Record<string, TargetInput | undefined>>>>>;
  people: { id: string; role: string }[];
  oncall?: string[];
}

/** Whether an organisation may name this policy: one of the file's, or the built-in `standard`. */
export function knownPolicy(file: { policies?: Record<string, unknown> }, name: string): boolean {
  return name === DEFAULT_POLICY_NAME || Object.hasOwn(file.policies ?? {}, name);
}

/** Names resolve: calendars used by policies and people on call. */
export function checkSlaReferences(file: SlaReferences, ctx: z.RefinementCtx): void {
  const calendars = new Set([ALWAYS_ON_NAME, BUSINESS_NAME, ...Object.keys(file.calendars ?? {})]);
  if (file.calendars && ALWAYS_ON_NAME in file.calendars) {
    ctx.addIssue({ code: "custom", path: ["calendars", ALWAYS_ON_NAME], message: `“${ALWAYS_ON_NAME}” is built in; give your calendar another name` });
  }
  for (const [name, policy] of Object.entries(file.policies ?? {})) {
    for (const [severity, targets] of Object.entries(policy)) {
      for (const [clock, target] of Object.entries(targets ?? {})) {
        if (!target || target === "off" || !target.calendar || calendars.has(target.calendar)) continue;
        const message = `unknown calendar “${target.calendar}” (known: ${[...calendars].join(", ")})`;
        ctx.addIssue({ code: "custom", path: ["policies", name, severity, clock, "calendar"], message });
      }
    }
  }
  const staff = new Map(file.people.map((p) => [p.id, p.role]));
  (file.oncall ?? []).forEach((id, i) => {
    const role = staff.get(id);
    if (!role) ctx.addIssue({ code: "custom", path: ["oncall", i], message: `unknown person “${id}”` });
    else if (role === "contact") ctx.addIssue({ code: "custom", path: ["oncall", i], message: `“${id}” is a contact; only staff can be on call` });
  });
}
