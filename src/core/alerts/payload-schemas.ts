import { z } from "zod";

// Senders add fields over time (Grafana's `values`, Alertmanager's `truncatedAlerts`): the
// schemas check what Vigil reads and let the rest through.
const labels = z.record(z.string(), z.string(), { error: "expected an object of string values" });
const status = z.enum(["firing", "resolved"], { error: "expected firing or resolved" });

const prometheusAlert = z.looseObject({
  status,
  labels,
  annotations: labels.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  fingerprint: z.string().optional(),
  generatorURL: z.string().optional(),
});

/** Alertmanager's webhook payload, version 4 (prometheus.io, "webhook_config"). */
export const alertmanagerPayload = z.looseObject({
  version: z.literal("4", { error: "expected version \"4\" (Alertmanager's webhook format)" }),
  groupKey: z.string().min(1, { error: "expected a non-empty group key" }),
  status,
  receiver: z.string().optional(),
  groupLabels: labels.default({}),
  commonLabels: labels.default({}),
  commonAnnotations: labels.default({}),
  alerts: z.array(prometheusAlert).min(1, { error: "expected at least one alert" }),
});

/** Grafana alerting's webhook contact point payload (Alertmanager's shape plus values). */
export const grafanaPayload = z.looseObject({
  status,
  orgId: z.number().optional(),
  groupKey: z.string().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  commonLabels: labels.default({}),
  alerts: z.array(
    prometheusAlert.extend({
      fingerprint: z.string().min(1, { error: "expected the alert's fingerprint" }),
      valueString: z.string().optional(),
      values: z.record(z.string(), z.unknown()).nullish(),
    }),
  ).min(1, { error: "expected at least one alert" }),
});

/**
 * Vigil's own small format, for Zabbix's webhook media type, scripts and anything else:
 * `{ dedupKey, status, severity?, summary, details?, source?, org?, labels?, value? }`.
 */
export const genericPayload = z.strictObject({
  dedupKey: z.string().trim().min(1, { error: "expected a non-empty dedupKey" }).max(200, { error: "expected at most 200 characters" }),
  status,
  severity: z.string().trim().min(1).optional(),
  summary: z.string().trim().min(1, { error: "expected a non-empty summary" }).max(200, { error: "expected at most 200 characters" }),
  details: z.string().max(4000, { error: "expected at most 4000 characters" }).default(""),
  source: z.string().trim().min(1).max(100).optional(),
  org: z.string().optional(),
  labels: labels.default({}),
  value: z.union([z.string(), z.number()]).transform(String).optional(),
});

export type AlertmanagerPayload = z.output<typeof alertmanagerPayload>;
export type GrafanaPayload = z.output<typeof grafanaPayload>;
export type GenericPayload = z.output<typeof genericPayload>;
