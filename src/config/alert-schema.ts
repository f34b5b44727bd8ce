// The `alerts:` section of the policy file: receivers and their secrets, routing rules, the
// default route and the alert-handling clocks. Issue paths are relative to the file.
import { z } from "zod";
import { DEFAULT_MAX_SKEW_MS, DEFAULT_SEVERITY_MAP, type AlertConfig, type AlertRouteRule, type ReceiverAuth, type RouteSettings } from "../core/alerts/alert-routing.js";
import { DEFAULT_HANDLING } from "../core/alerts/alert-types.js";
import { SEVERITIES } from "../core/incident/types.js";
import { durationSchema } from "../core/sla/duration.js";

const severity = z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join("|")}` });
const secret = z.string().min(16, { error: "expected a secret of at least 16 characters" });

const receiver = z
  .strictObject({
    token: secret.optional(),
    hmacSecret: secret.optional(),
    // Grafana's HMAC signing names its header X-Grafana-Alerting-Signature by default.
    signatureHeader: z.string().min(1).optional(),
    // Grafana's optional "Timestamp Header": then `<unix seconds>:<body>` is signed, and old requests are replays.
    timestampHeader: z.string().min(1).optional(),
    maxSkew: durationSchema.optional(),
  })
  .refine((r) => r.hmacSecret !== undefined || (r.timestampHeader === undefined && r.maxSkew === undefined), { error: "timestampHeader and maxSkew need hmacSecret" })
  .refine((r) => (r.token === undefined) !== (r.hmacSecret === undefined), { error: "expected exactly one of token or hmacSecret" });

const regex = z.string().transform((text, ctx) => {
  try {
    return new RegExp(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `invalid regular expression: ${(error as Error).message}` });
    return z.NEVER;
  }
});

const settings = {
  organisation: z.string().optional(),
  severity: severity.optional(),
  severityLabel: z.string().min(1).optional(),
  severityMap: z.record(z.string(), severity).optional(),
  assignee: z.string().optional(),
  /** The escalation tier (one of `escalation.tiers`) an incident from this route starts at. */
  tier: z.string().min(1).optional(),
  autoMitigate: z.boolean().optional(),
  afterResolve: z.enum(["reopen", "new"], { error: "expected reopen or new" }).optional(),
};

const route = z.strictObject({
  name: z.string().min(1, { error: "expected a route name" }),
  match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  matchRegex: z.record(z.string(), regex).default({}),
  ...settings,
});

/** The alert keys of the policy file's top level. */
export const alertSections = {
  alerts: z
    .strictObject({
      maxBodyBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
      alertmanagerDedup: z.enum(["group", "fingerprint"], { error: "expected group or fingerprint" }).default("group"),
      receivers: z.strictObject({ alertmanager: receiver, grafana: receiver, generic: receiver }).partial().default({}),
      default: z.strictObject(settings).default({}),
      routes: z.array(route).default([]),
      handling: z
        .strictObject({ within: durationSchema.optional(), unhandled: z.tuple([durationSchema, durationSchema]).optional(), repeatEvery: durationSchema.optional() })
        .default({}),
    })
    .optional(),
};

type AlertsInput = NonNullable<z.output<(typeof alertSections)["alerts"]>>;

/** What the cross-reference check reads of the parsed file. */
interface FileRefs {
  organisations: { id: string }[];
  people: { id: string; role: string }[];
  escalation: { tiers: string[] };
  alerts?: AlertsInput;
}

/** Organisations, assignees and escalation tiers named by the alert routes must exist. */
export function checkAlertReferences(file: FileRefs, ctx: z.RefinementCtx): void {
  const a = file.alerts;
  if (!a) return;
  const orgs = new Set(file.organisations.map((o) => o.id));
  const staff = new Set(file.people.filter((p) => p.role !== "contact").map((p) => p.id));
  const check = (s: z.output<z.ZodObject<typeof settings>>, path: (string | number)[]) => {
    if (s.organisation && !orgs.has(s.organisation)) ctx.addIssue({ code: "custom", path: [...path, "organisation"], message: `unknown organisation “${s.organisation}”` });
    if (s.assignee && !staff.has(s.assignee)) ctx.addIssue({ code: "custom", path: [...path, "assignee"], message: `unknown engineer “${s.assignee}”` });
    if (s.tier && !file.escalation.tiers.includes(s.tier)) {
      ctx.addIssue({ code: "custom", path: [...path, "tier"], message: `unknown escalation tier “${s.tier}” (escalation.tiers: ${file.escalation.tiers.join(", ")})` });
    }
  };
  check(a.default, ["alerts", "default"]);
  a.routes.forEach((r, i) => check(r, ["alerts", "routes", i]));
  if (!a.default.organisation && file.organisations.length > 1) {
    ctx.addIssue({ code: "custom", path: ["alerts", "default", "organisation"], message: "expected the organisation that gets alerts no route matches" });
  }
  // With type errors elsewhere the refinement sees the raw text ("8h"), so read it as a duration here.
  const ms = (v: unknown) => (typeof v === "number" ? v : durationSchema.safeParse(v).data);
  const [first, second] = (a.handling.unhandled ?? []).map(ms);
  if (first !== undefined && second !== undefined && second <= first) ctx.addIssue({ code: "custom", path: ["alerts", "handling", "unhandled", 1], message: "expected the second step after the first" });
}

/** The compiled alert settings, or undefined when the file has no `alerts:` section. */
export function buildAlertConfig(file: FileRefs): AlertConfig | undefined {
  const a = file.alerts;
  if (!a) return undefined;
  const receivers: AlertConfig["receivers"] = {};
  for (const [source, r] of Object.entries(a.receivers)) {
    const auth: ReceiverAuth = r.token
      ? { kind: "bearer", token: r.token }
      : {
          kind: "hmac",
          secret: r.hmacSecret!,
          header: (r.signatureHeader ?? "x-vigil-signature").toLowerCase(),
          ...(r.timestampHeader ? { timestampHeader: r.timestampHeader.toLowerCase() } : {}),
          maxSkewMs: r.maxSkew ?? DEFAULT_MAX_SKEW_MS,
        };
    receivers[source as keyof AlertConfig["receivers"]] = auth;
  }
  const tiers = file.escalation.tiers;
  const { severity: fallback, ...rest } = toSettings(a.default, tiers);
  return {
    receivers,
    maxBodyBytes: a.maxBodyBytes,
    alertmanagerDedup: a.alertmanagerDedup,
    routes: a.routes.map((r): AlertRouteRule => ({ name: r.name, match: r.match, matchRegex: r.matchRegex, ...toSettings(r, tiers) })),
    defaultRoute: { severityMap: DEFAULT_SEVERITY_MAP, ...rest, organisationId: a.default.organisation ?? file.organisations[0].id, severity: fallback ?? "P3" },
    handling: {
      handleWithinMs: a.handling.within ?? DEFAULT_HANDLING.handleWithinMs,
      unhandledAfterMs: a.handling.unhandled ?? DEFAULT_HANDLING.unhandledAfterMs,
      repeatEveryMs: a.handling.repeatEvery ?? DEFAULT_HANDLING.repeatEveryMs,
    },
  };
}

function toSettings(s: z.output<z.ZodObject<typeof settings>>, tiers: readonly string[]): RouteSettings {
  const out: RouteSettings = {};
  if (s.organisation) out.organisationId = s.organisation;
  if (s.severity) out.severity = s.severity;
  if (s.severityLabel) out.severityLabel = s.severityLabel;
  if (s.severityMap) out.severityMap = Object.fromEntries(Object.entries(s.severityMap).map(([k, v]) => [k.toLowerCase(), v]));
  if (s.assignee) out.assigneeId = s.assignee;
  if (s.tier) out.tier = tiers.indexOf(s.tier);
  if (s.autoMitigate !== undefined) out.autoMitigate = s.autoMitigate;
  if (s.afterResolve) out.afterResolve = s.afterResolve;
  return out;
}
