import type { Severity } from "../incident/types.js";
import type { CustomerCommand } from "./customer-command-types.js";

/** A parsed, validated command: what the person asked for, nothing checked against state yet. */
export type Command =
  | CustomerCommand
  | { name: "open"; severity: Severity; title: string; org?: string; desc?: string }
  | { name: "ack"; number: number }
  | { name: "note"; number: number; text: string }
  | { name: "assign"; number: number; assignee: string }
  | { name: "mitigate"; number: number; note?: string }
  | { name: "resolve"; number: number; note: string }
  | { name: "close"; number: number }
  | { name: "reopen"; number: number; reason: string }
  | { name: "escalate"; number: number; to?: Severity; reason: string }
  | { name: "severity"; number: number; severity: Severity; reason: string }
  | { name: "show"; number: number }
  | { name: "list"; scope: ListScope; org?: string }
  | { name: "wait"; number: number; what: string }
  | { name: "resume"; number: number }
  | { name: "postmortem"; number: number; text: string }
  | { name: "silence"; number: number; duration: number; reason: string }
  | { name: "report"; month?: string; org?: string }
  | { name: "oncall"; action?: "set"; people: string[] }
  | { name: "help"; topic?: string };

export type CommandName = Command["name"];

/** The filters of `/incident list`. */
export type ListScope = "open" | "mine" | "all" | "overdue" | "at-risk";
