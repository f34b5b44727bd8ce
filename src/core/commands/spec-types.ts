// The declarative shape of a command (kept apart from the table so the customer loop's specs
// can use it without importing the table).
import type { z } from "zod";
import type { Right } from "../incident/permissions.js";
import type { Command, CommandName } from "./command-types.js";

/** One positional argument; `rest` swallows every remaining word as one text. */
export interface PositionalSpec {
  name: string;
  label: string;
  rest?: boolean;
  optional?: boolean;
}

/** The declarative shape of one command: how it reads, what it needs, who may use it. */
export interface CommandSpec {
  name: CommandName;
  right: Right;
  usage: string;
  summary: string;
  positionals: PositionalSpec[];
  flags: string[];
  schema: z.ZodType<Command>;
  /** False when `/<name>` alone must not mean this command (`/report` is the customer's). */
  shortForm: boolean;
  /** A sub-action that needs a right of its own (`/oncall set` needs `set-oncall`), by the command's `action`. */
  actionRights?: Readonly<Record<string, Right>>;
  /** For customer contacts only: what anyone else is told instead (before any right is checked). */
  contactsOnly?: { code: string; text: string };
}

/** The right a parsed command needs: its sub-action's, else its spec's. */
export function rightOf(spec: CommandSpec, command: Command): Right {
  const action = "action" in command ? command.action : undefined;
  return (action && spec.actionRights?.[action]) || spec.right;
}
