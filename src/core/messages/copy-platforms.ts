// The chat adapters' own user-facing strings (part of the copy module): the chrome each
// platform requires (form labels, command-picker descriptions) and the one reply shown when
// the core itself failed to answer. Every other text comes from copy.ts and its siblings.

/**
 * The Slack adapter's own strings: modal chrome Slack requires, and the one
 * reply shown when the core itself failed to answer (the core supplies every other text).
 */
export const SLACK_COPY = {
  modalTitle: "Open incident",
  modalSubmit: "Open",
  modalClose: "Cancel",
  title: "Title",
  severity: "Severity",
  organisation: "Organisation",
  description: "Description",
  failed: "Sorry, that did not work. Please try again.",
} as const;

/**
 * The Discord adapter's own user-facing strings: what Discord's command picker shows for
 * /incident and /oncall and their options (Discord requires a description of 1–100
 * characters on each), a thread name for when the card's title is unknown, and the one
 * reply shown when the core itself failed to answer. Subcommand summaries and option
 * labels come from the core's command specs; every other text comes from the core.
 */
export const DISCORD_COPY = {
  incident: "Open, acknowledge and follow incidents.",
  oncall: "Who is on duty (leads may set it).",
  oncallShow: "Show who is on duty.",
  oncallSet: "Set who is on duty.",
  person: "A person",
  org: "Customer organisation",
  description: "Description",
  to: "Raise the severity to",
  threadName: "Incident updates",
  failed: "Sorry, that did not work. Please try again.",
} as const;
