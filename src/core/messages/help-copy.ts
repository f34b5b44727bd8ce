// Usage lines and one-line summaries for every command (part of the copy module).
export const HELP: Record<string, { usage: string; summary: string }> = {
  open: { usage: '/incident open <P1|P2|P3|P4> <title> [--org <org>] [--desc "<description>"]', summary: "Open a new incident." },
  ack: { usage: "/incident ack <INC-n>", summary: "Acknowledge an incident: you are on it." },
  note: { usage: "/incident note <INC-n> <text>", summary: "Add a note to the incident's timeline and thread." },
  assign: { usage: "/incident assign <INC-n> <@person|me>", summary: "Assign the incident to someone." },
  mitigate: { usage: "/incident mitigate <INC-n> [note]", summary: "Service restored (maybe by a workaround)." },
  resolve: { usage: "/incident resolve <INC-n> <resolution note>", summary: "The problem is fixed." },
  close: { usage: "/incident close <INC-n>", summary: "Close a resolved incident (leads)." },
  reopen: { usage: "/incident reopen <INC-n> <reason>", summary: "Reopen a resolved or closed incident (leads)." },
  escalate: { usage: "/incident escalate <INC-n> [--to <P1|P2|P3>] <reason>", summary: "Raise the escalation tier (and optionally the severity)." },
  severity: { usage: "/incident severity <INC-n> <P1|P2|P3|P4> <reason>", summary: "Change the severity either way (leads)." },
  show: { usage: "/incident show <INC-n>", summary: "Show the card and the latest timeline entries." },
  list: { usage: "/incident list [open|mine|overdue|at-risk|all] [--org <org>]", summary: "List incidents (overdue: a clock past its target; at-risk: 75 % or more)." },
  wait: { usage: "/incident wait <INC-n> <what we need>", summary: "Pause the restore and resolve clocks while waiting on the customer." },
  resume: { usage: "/incident resume <INC-n>", summary: "Run the paused clocks again." },
  postmortem: { usage: "/incident postmortem <INC-n> <link or text>", summary: "Attach the post-incident report." },
  silence: { usage: "/incident silence <INC-n> <duration> <reason>", summary: "Take an alert offline that cannot be handled in time: no repeat notifications; the duty lead is told." },
  report: { usage: "/incident report [YYYY-MM] [--org <org>]", summary: "Monthly report: share within target, MTTA, MTTR, breaches and CSAT (leads)." },
  oncall: { usage: "/oncall [set @a @b]", summary: "Who is on call; leads may set it." },
  help: { usage: "/incident help [subcommand]", summary: "Show this help." },
  // The customer loop's commands.
  raise: { usage: "/report <what is wrong>", summary: "Report a problem for your organisation; you choose the impact next." },
  mytickets: { usage: "/mytickets", summary: "Your organisation's open incidents and their status." },
  contact: { usage: "/contact invite <org> <name>", summary: "Invite a customer contact to link their Telegram account (leads)." },
  complaint: { usage: "/incident complaint <INC-n> reviewed <note>", summary: "Mark an incident's complaint reviewed (leads)." },
  start: { usage: "/start [code]", summary: "Link this chat with an invitation code, or say hello." },
};

/** Title of the help overview. */
export const HELP_TITLE = "Vigil commands";
/** Footer of the help overview: the short forms. */
export const HELP_FOOTER = "Short forms work too: /ack 42, /resolve 42 <note>, /note 42 <text>…";
