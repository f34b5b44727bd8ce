// Every user-facing string Vigil says lives here, so wording stays consistent across
// platforms and can be reviewed (or translated) in one place.
import type { Role, Severity, Status } from "../incident/types.js";

const STATUS_LABEL: Record<Status, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  mitigated: "Mitigated",
  resolved: "Resolved",
  closed: "Closed",
};

/** Human words for what an action does, keyed by command name. */
const PAST: Record<string, string> = {
  ack: "acknowledged",
  mitigate: "mitigated",
  resolve: "resolved",
  close: "closed",
  reopen: "reopened",
};

export const copy = {
  statusLabel: (s: Status) => STATUS_LABEL[s],
  past: (action: string) => PAST[action] ?? action,
  tierLabel: (tier: number, names: readonly string[]) => names[tier] ?? `tier ${tier + 1}`,
  nobody: "unassigned",
  someone: "someone",
  systemActor: "Vigil",

  // Parsing
  unknownCommand: (word: string) => `“${word}” is not a Vigil command.`,
  unknownSubcommand: (word: string, known: string) => `“${word}” is not an /incident subcommand. Try one of: ${known}.`,
  usageLine: (usage: string) => `Usage: ${usage}`,
  badInput: (problem: string, usage: string) => `${problem}\nUsage: ${usage}`,
  unterminatedQuote: (detail: string) => `Your command has an ${detail}.`,
  unknownFlag: (flag: string) => `Unknown option “${flag}”.`,
  flagNeedsValue: (flag: string) => `Option “${flag}” needs a value.`,
  missingArgument: (name: string) => `Missing ${name}.`,
  tooManyArguments: (extra: string) => `Unexpected “${extra}”.`,
  badIncidentKey: (value: string) => `“${value}” is not an incident key (use INC-42, inc-42 or 42).`,
  badSeverity: (value: string) => `“${value}” is not a severity (use P1, P2, P3 or P4).`,
  badListScope: (value: string) => `“${value}” is not a list filter (use open, mine, overdue, at-risk or all).`,
  emptyText: (name: string) => `The ${name} cannot be empty.`,
  textTooLong: (name: string, max: number) => `The ${name} is longer than ${max} characters.`,
  badAssignee: (value: string) => `“${value}” is not a person Vigil knows (use @id or “me”).`,

  // Who you are and what you may do
  unknownIdentity: "You are not registered with Vigil; ask an admin to add you to the policy file.",
  notAllowed: (role: Role, action: string, allowedFor: string, youMay: string) =>
    `As ${article(role)} ${role} you may not ${action}; that needs ${allowedFor}. You may: ${youMay}.`,
  incidentNotFound: (key: string) => `${key} was not found.`,
  unknownOrganisation: (org: string, known: string) => `“${org}” is not an organisation Vigil knows (known: ${known}).`,
  organisationRequired: (known: string) => `Say which customer this is for with --org (one of: ${known}).`,
  contactOtherOrg: "You can only report problems for your own organisation.",
  whichOrganisation: (severity: string, title: string) => `Which customer is “${title}” (${severity}) for? Press one (or type the command again with --org).`,
  organisationChoiceUnknown: "That choice is no longer known; type the command again with --org.",
  organisationChoiceDone: (key: string) => `Already opened as ${key}.`,

  // Lifecycle refusals
  invalidTransition: (key: string, action: string, status: Status, allowedFrom: string) =>
    `${key} is ${status}; it can be ${PAST[action] ?? action} only when ${allowedFrom}.`,
  alreadyDone: (key: string, action: string, by: string, ago: string) => `${key} was ${PAST[action] ?? action} by ${by} ${ago}.`,
  notEditable: (key: string, action: string, status: Status) => `${key} is ${status}; you cannot ${action} it now.`,
  sameSeverity: (key: string, severity: Severity) => `${key} is already ${severity}.`,
  alreadyAssigned: (key: string, name: string) => `${key} is already assigned to ${name}.`,
  topTier: (key: string, tierName: string) => `${key} is already at the top escalation tier (${tierName}).`,
  escalateNotHigher: (key: string, current: Severity, asked: Severity) =>
    `${key} is ${current}; --to ${asked} would not raise it (use /incident severity to lower it).`,
  conflictRetry: "The incident changed while you were acting on it; please look at it again and retry.",

  // Results shown to the actor
  opened: (key: string, severity: Severity, title: string, org: string) => `Opened ${key} (${severity}) for ${org}: ${title}`,
  transitioned: (key: string, action: string) => `${key} ${PAST[action] ?? action}.`,
  noted: (key: string) => `Note added to ${key}.`,
  assigned: (key: string, name: string) => `${key} assigned to ${name}.`,
  escalated: (key: string, tierName: string, severity: Severity) => `${key} escalated to ${tierName} (${severity}).`,
  severityChanged: (key: string, from: Severity, to: Severity) => `${key} severity changed ${from} → ${to}.`,
  listEmpty: "No incidents match.",
  listTitle: (scope: string, count: number) => `${count} incident${count === 1 ? "" : "s"} (${scope})`,
  listLine: (key: string, severity: Severity, status: Status, title: string, org: string, assignee: string) =>
    `${key} · ${severity} · ${status} · ${org} · ${assignee} — ${title}`,
  timelineTitle: "Latest on the timeline",
  unexpectedError: (ref: string) => `Sorry, something went wrong on our side. Reference: ${ref}. Please try again or tell an admin.`,

  // Thread and channel messages
  threadOpened: (actor: string, key: string) => `${actor} opened ${key}.`,
  threadTransition: (actor: string, key: string, action: string, note?: string) =>
    `${actor} ${PAST[action] ?? action} ${key}${note ? `: ${note}` : "."}`,
  threadNote: (actor: string, text: string) => `📝 ${actor}: ${text}`,
  threadAssigned: (actor: string, key: string, name: string) => `${actor} assigned ${key} to ${name}.`,
  threadEscalated: (actor: string, key: string, tierName: string, reason: string) =>
    `⬆️ ${actor} escalated ${key} to ${tierName}: ${reason}`,
  threadSeverity: (actor: string, key: string, from: Severity, to: Severity, reason: string) =>
    `${actor} changed ${key} severity ${from} → ${to}: ${reason}`,
  dutyNewIncident: (key: string, severity: Severity, title: string, org: string, actor: string) =>
    `🚨 New ${severity} ${key} for ${org}: ${title} (opened by ${actor})`,
  dutyEscalation: (key: string, severity: Severity, title: string, tierName: string, actor: string, reason: string) =>
    `⬆️ ${key} (${severity}) ${title} escalated to ${tierName} by ${actor}: ${reason}`,
  dmAssigned: (key: string, title: string, actor: string) => `${actor} assigned ${key} to you: ${title}`,

  // Card
  cardTitle: (key: string, severity: Severity, title: string) => `${key} · ${severity} · ${title}`,
  cardText: (key: string, status: Status, title: string) => `${key} [${STATUS_LABEL[status]}] ${title}`,
  field: {
    status: "Status",
    severity: "Severity",
    organisation: "Organisation",
    assignee: "Assignee",
    tier: "Escalation",
    reporter: "Reported by",
    acknowledged: "Acknowledged",
    resolution: "Resolution",
  },
  acknowledgedBy: (name: string, when: string) => `by ${name} at ${when}`,
  button: { ack: "Acknowledge", mitigate: "Mitigate", resolve: "Resolve", escalate: "Escalate" },
  buttonReason: "via button",

  // Console
  console: {
    welcome: (people: string) =>
      `Vigil console. Type /as <person> to choose who you are (${people}), then /incident help. ` +
      "Press a button with /press [INC-n] <label>; plain text answers Vigil's question; /in <channel> types in a channel.",
    nowActingAs: (name: string, role: Role) => `You are now ${name} (${role}).`,
    unknownPerson: (id: string, people: string) => `No person “${id}” in the policy file (known: ${people}).`,
    chooseFirst: "Choose who you are first: /as <person>.",
    nowIn: (channel: string) => `You are now typing in #${channel} (/in alone goes back to your direct messages).`,
    backToDm: "You are now typing in your direct messages.",
    noSuchButton: (label: string) => `No button “${label}” is shown (labels as in [Acknowledge], e.g. /press INC-1 ack).`,
  },
};

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** "2 s ago", "5 min ago", "3 h ago", "2 d ago": how long since `then`, as seen at `now`. */
export function ago(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
