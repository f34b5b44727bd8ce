// Every user-facing string of alert ingestion (part of the copy module; see copy.ts): card
// field, thread lines, duty-lead alerts, silences, graded failures and HTTP answers.
import type { AlertReportFigures } from "../alerts/alert-report.js";
import { ALERT_FAILURE_KINDS, type AlertFailureKind } from "../alerts/alert-types.js";
import { percent } from "./copy-sla.js";

const SOURCE_NAME: Record<string, string> = { alertmanager: "Alertmanager", grafana: "Grafana", generic: "generic alert", zabbix: "Zabbix" };

/** "Alertmanager", "Zabbix", or the sender's own name. */
export function senderName(sender: string): string {
  return SOURCE_NAME[sender.toLowerCase()] ?? sender;
}

export const alertCopy = {
  // The incident card
  cardField: "Alert",
  cardValue: (fired: number, status: "firing" | "resolved", value?: string) =>
    `${status === "firing" ? "firing" : "resolved"}, fired ×${fired}${value ? ` · last value ${value}` : ""}`,

  // Thread lines and descriptions
  description: (sender: string, details: string) => `${details ? `${details}\n` : ""}From ${senderName(sender)}.`,
  firedAgain: (key: string, fired: number, value?: string) => `🔁 ${key}: the alert fired again (×${fired})${value ? `, last value ${value}` : ""}.`,
  firingAgainWhileMitigated: (key: string, fired: number) => `⚠️ ${key}: the alert is firing again (×${fired}) although the incident is mitigated.`,
  resolvedLine: (key: string, sender: string, mitigated: boolean) =>
    `✅ ${key}: ${senderName(sender)} reports the alert resolved.${mitigated ? " Vigil marked the incident mitigated; a person still resolves and closes it." : ""}`,
  reopenNote: (sender: string) => `The alert fired again (${senderName(sender)}).`,
  mitigateNote: (sender: string) => `The alert resolved (${senderName(sender)}).`,
  routeTier: (route: string) => `alert route “${route}” starts it at this tier`,

  // Duty lead
  dutyUnrouted: (key: string, summary: string, org: string) =>
    `📥 ${key} ${summary}: no alert route matched, so it went to ${org}. Please route it (or add a route to the policy file).`,
  failure: (kind: AlertFailureKind, key: string, steps: readonly [string, string]) => {
    if (kind === "repeat_unacknowledged") return `🚨 Graded failure on ${key}: the same alert fired again while nobody has acknowledged it.`;
    return `🚨 Graded failure on ${key}: the alert is still unhandled after ${kind === "unhandled_first" ? steps[0] : steps[1]}.`;
  },
  failureLabel: (kind: AlertFailureKind, steps: readonly [string, string]) =>
    kind === "repeat_unacknowledged" ? "fired again unacknowledged" : `unhandled after ${kind === "unhandled_first" ? steps[0] : steps[1]}`,
  handlingOverdue: (key: string, within: string) =>
    `⏰ ${key}: this alert was not handled (mitigated, resolved or silenced) within ${within}.`,

  // Silences
  silenced: (key: string, duration: string, actor: string, reason: string) => `🔕 ${key} silenced for ${duration} by ${actor}: ${reason}`,
  silencedReply: (key: string, until: string) => `🔕 ${key} is silenced until ${until}. Repeat alerts update the card but post nothing; it comes back online when mitigated or resolved.`,
  backOnline: (key: string, why: "handled" | "expired") =>
    why === "handled" ? `🔔 ${key}: alert back online (the incident was handled).` : `🔔 ${key}: alert back online (the silence ran out).`,
  alreadySilenced: (key: string, until: string) => `${key} is already silenced until ${until}.`,
  notSilenceable: (key: string, status: string) => `${key} is ${status}; only an incident still being worked on can be silenced.`,
  notFromAlert: (key: string) => `${key} did not come from an alert, so there is nothing to silence.`,

  // The monthly report
  reportLines: (f: AlertReportFigures, within: string, steps: readonly [string, string]): string[] => [
    `Alerts: ${f.received} received · ${f.incidents} incident(s) from alerts · ${f.share === undefined ? "–" : percent(f.share)} handled within ${within} (${f.handledInTime} of ${f.handledInTime + f.missed}) · ${f.silences} silence(s)`,
    `Graded failures: ${ALERT_FAILURE_KINDS.map((k) => `${alertCopy.failureLabel(k, steps)} ${f.failures[k]}`).join(" · ")}`,
  ],

  // HTTP answers to the sender
  http: {
    notFound: "not found: alert receivers are POST /alerts/alertmanager, /alerts/grafana and /alerts/generic (when configured)",
    methodNotAllowed: "method not allowed: send alerts with POST",
    unauthorized: "unauthorized: missing or wrong credentials for this receiver",
    tooLarge: (limit: number) => `payload too large: the limit is ${limit} bytes`,
    badJson: (detail: string) => `malformed JSON: ${detail}`,
    badPayload: (problems: string[]) => `invalid payload: ${problems.join("; ")}`,
  },
};
