/** The customer loop's commands, part of {@link Command}. */
export type CustomerCommand =
  | { name: "raise"; text: string }
  | { name: "mytickets" }
  | { name: "contact"; action: "invite"; org: string; contact: string }
  | { name: "complaint"; number: number; action: "reviewed"; note: string }
  | { name: "start"; code?: string };

/** The customer loop's rights, part of {@link Right}. */
export type CustomerRight = "report-problem" | "mytickets" | "invite" | "complaint";
