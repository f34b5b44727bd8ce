// Alertmanager webhook bodies for the alert storm benchmark and the worker thread that posts them.
import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";

/** What the load worker reports: per-request HTTP status and completion time (ms since its start). */
export interface AlertLoadResult {
  /** 0: not sent (the run stopped at `stopAfterMs`). */
  statuses: number[];
  doneAtMs: number[];
  wallMs: number;
  /** Requests sent again after ECONNRESET on a reused keep-alive socket. */
  retried: number;
}

/**
 * POSTs every body with a bearer token, `concurrency` at a time, from a worker thread.
 * `spreadMs` > 0 offers them at an even rate over that time; 0 sends them flat out. No
 * request starts after `stopAfterMs`.
 */
export function runAlertLoad(options: { url: string; token: string; bodies: string[]; concurrency: number; spreadMs: number; stopAfterMs: number }): Promise<AlertLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./alert-load-worker.mjs", import.meta.url), { workerData: options });
    worker.once("message", (result: AlertLoadResult) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`alert load worker exited with ${code}`));
    });
  });
}

/**
 * One Alertmanager (version 4) notification carrying one alert, as Alertmanager sends it for
 * a rule firing on an instance: the group key names the rule, the fingerprint the instance.
 */
export function alertmanagerBody(rule: string, instance: string, severity: string, startsAt: Date): string {
  const labels = { alertname: rule, instance, job: "node", severity };
  return JSON.stringify({
    version: "4",
    groupKey: `{}:{alertname="${rule}"}`,
    truncatedAlerts: 0,
    status: "firing",
    receiver: "vigil",
    groupLabels: { alertname: rule },
    commonLabels: labels,
    commonAnnotations: { summary: `${rule} on ${instance}` },
    externalURL: "http://alertmanager.example.org:9093",
    alerts: [
      {
        status: "firing",
        labels,
        annotations: { summary: `${rule} on ${instance}`, description: `${rule} fired on ${instance}` },
        startsAt: startsAt.toISOString(),
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: `http://prometheus.example.org:9090/graph?g0.expr=${rule}`,
        fingerprint: createHash("sha256").update(`${rule}/${instance}`).digest("hex").slice(0, 16),
      },
    ],
  });
}
