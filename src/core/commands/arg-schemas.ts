import { z } from "zod";
import { SEVERITIES, type Severity } from "../incident/types.js";
import { copy } from "../messages/copy.js";
import { slaCopy } from "../messages/copy-sla.js";
import { tryParseDuration } from "../sla/duration.js";
import type { ListScope } from "./command-types.js";

const KEY = /^(?:inc-?)?#?(\d{1,9})$/i;

/** `INC-42`, `inc-42`, `42` → 42. */
export const incidentNumber = z.string().transform((value, ctx) => {
  const match = KEY.exec(value.trim());
  if (!match || Number(match[1]) < 1) {
    ctx.addIssue({ code: "custom", message: copy.badIncidentKey(value) });
    return z.NEVER;
  }
  return Number(match[1]);
});

/** `P2` or `p2` → "P2". */
export const severity = z.string().transform((value, ctx): Severity => {
  const upper = value.trim().toUpperCase();
  if (!(SEVERITIES as readonly string[]).includes(upper)) {
    ctx.addIssue({ code: "custom", message: copy.badSeverity(value) });
    return z.NEVER;
  }
  return upper as Severity;
});

/** Free text of bounded length; `name` is how the error refers to it. */
export function text(name: string, max: number) {
  return z
    .string()
    .transform((value) => value.trim())
    .refine((value) => value.length > 0, { message: copy.emptyText(name) })
    .refine((value) => value.length <= max, { message: copy.textTooLong(name, max) });
}

/** Optional free text: empty means absent. */
export function optionalText(name: string, max: number) {
  return z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
    .refine((value) => value === undefined || value.length <= max, { message: copy.textTooLong(name, max) });
}

/** A duration such as `30m` or `2h` → milliseconds. */
export const duration = z.string().transform((value, ctx) => {
  const parsed = tryParseDuration(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  }
  return parsed.ms;
});

/** An organisation id as typed. */
export const orgId = z.string().trim().toLowerCase().optional();

/** `@ben`, `ben`, `<@U123>` or `me`. Resolution to a person happens in the app. */
export const assignee = z.string().transform((value) => value.trim().replace(/^<@([^>|]+)(\|[^>]*)?>$/, "$1").replace(/^@/, ""));

/** The list filters, in help order (adapters offer them as choices). */
export const LIST_SCOPES: readonly ListScope[] = ["open", "mine", "all", "overdue", "at-risk"];

/** The list filter. */
export const listScope = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const scope = (value ?? "open").toLowerCase();
    if (!(LIST_SCOPES as readonly string[]).includes(scope)) {
      ctx.addIssue({ code: "custom", message: copy.badListScope(value ?? "") });
      return z.NEVER;
    }
    return scope as ListScope;
  });

/** A month `YYYY-MM` (reports); absent means the current month. */
export const month = z
  .string()
  .optional()
  .refine((value) => value === undefined || /^\d{4}-(0[1-9]|1[0-2])$/.test(value.trim()), {
    error: (iss) => slaCopy.badMonth(String(iss.input)),
  })
  .transform((value) => value?.trim());

/** `/oncall` shows, `/oncall set …` changes. */
export const oncallAction = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value.toLowerCase() !== "set") {
      ctx.addIssue({ code: "custom", message: slaCopy.oncallBadAction(value) });
      return z.NEVER;
    }
    return "set" as const;
  });

/** Space-separated people (`@ana ben <@U123>`), each normalised like an assignee. */
export const people = z
  .string()
  .optional()
  .transform((value) => (value ?? "").split(/\s+/).filter(Boolean).map((who) => assignee.parse(who)));
