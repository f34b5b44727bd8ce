import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { LIST_SCOPES } from "../../src/core/commands/arg-schemas.js";
import { COMMAND_SPECS, findSpec, type CommandSpec } from "../../src/core/commands/command-specs.js";
import { quoteArgument } from "../../src/core/commands/tokenizer.js";
import { SEVERITIES } from "../../src/core/incident/types.js";
import { DISCORD_COPY } from "./copy.js";

/** The slash command that carries the core's /incident grammar. */
export const INCIDENT_COMMAND = "incident";
/** The slash command for who is on duty. */
export const ONCALL_COMMAND = "oncall";

/** The option name that carries an incident key (the one with autocomplete). */
export const INCIDENT_OPTION = "incident";

/** An option value as Discord delivers it: type (3 string, 6 user…) and raw value. */
export interface GivenOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly GivenOption[];
}

/** How one argument of the core grammar appears as a typed Discord option. */
interface OptionLayout {
  option: string;
  user?: boolean;
  choices?: readonly string[];
  autocomplete?: boolean;
  description?: string;
}

/** The option naming an incident's organisation. */
export const ORG_OPTION = "org";
const DESCRIPTION_MAX = 100;
const ONCALL_PEOPLE = ["person", "person2", "person3"];

function layoutOf(argument: string, organisations: readonly { id: string; name: string }[] = []): OptionLayout {
  const layouts: Record<string, OptionLayout> = {
    number: { option: INCIDENT_OPTION, autocomplete: true },
    severity: { option: "severity", choices: SEVERITIES },
    to: { option: "to", choices: SEVERITIES, description: DISCORD_COPY.to },
    assignee: { option: "person", user: true },
    scope: { option: "filter", choices: LIST_SCOPES },
    topic: { option: "subcommand", choices: COMMAND_SPECS.map((s) => s.name) },
    // Autocomplete, not fixed choices: the channel's own organisation comes first (Discord has
    // no default value for an option), and more than 25 organisations still work.
    org: { option: ORG_OPTION, autocomplete: organisations.length > 0, description: DISCORD_COPY.org },
    desc: { option: "description", description: DISCORD_COPY.description },
  };
  return layouts[argument] ?? { option: argument };
}

/** The Discord option that carries the core grammar's argument `argument` (e.g. "number" → "incident"). */
export function optionNameOf(argument: string): string {
  return layoutOf(argument).option;
}

/**
 * The application commands: `/incident` with one subcommand per core command spec (the
 * grammar stays the core's; only its shape as typed options lives here) and `/oncall`.
 */
export function commandDefinitions(organisations: readonly { id: string; name: string }[] = []): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const incident: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    name: INCIDENT_COMMAND,
    description: DISCORD_COPY.incident,
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    options: COMMAND_SPECS.map((spec) => subcommand(spec, organisations)),
  };
  const person = (name: string, required: boolean): APIApplicationCommandBasicOption => ({
    type: ApplicationCommandOptionType.User,
    name,
    description: DISCORD_COPY.person,
    required,
  });
  const oncall: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    name: ONCALL_COMMAND,
    description: DISCORD_COPY.oncall,
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: "show", description: DISCORD_COPY.oncallShow },
      { type: ApplicationCommandOptionType.Subcommand, name: "set", description: DISCORD_COPY.oncallSet, options: ONCALL_PEOPLE.map((n, i) => person(n, i === 0)) },
    ],
  };
  return [incident, oncall];
}

function subcommand(spec: CommandSpec, organisations: readonly { id: string; name: string }[]): APIApplicationCommandSubcommandOption {
  const args = [
    ...spec.positionals.map((p) => ({ name: p.name, label: p.label, required: !p.optional })),
    ...spec.flags.map((f) => ({ name: f, label: f, required: false })),
  ];
  const options = args.map((a) => option(layoutOf(a.name, organisations), a.label, a.required));
  // Discord rejects a required option after an optional one.
  options.sort((x, y) => Number(y.required ?? false) - Number(x.required ?? false));
  return { type: ApplicationCommandOptionType.Subcommand, name: spec.name, description: clip(spec.summary), options };
}

function option(layout: OptionLayout, label: string, required: boolean): APIApplicationCommandBasicOption {
  const description = clip(layout.description ?? label);
  if (layout.user) return { type: ApplicationCommandOptionType.User, name: layout.option, description, required };
  const base = { type: ApplicationCommandOptionType.String as const, name: layout.option, description, required };
  // Discord refuses an option with both autocomplete and choices; the types say so too.
  if (layout.autocomplete) return { ...base, autocomplete: true };
  return layout.choices ? { ...base, choices: layout.choices.map((c) => ({ name: c, value: c })) } : base;
}

/**
 * The command line a person would have typed for these typed options, for the core to
 * parse: `/incident resolve 42 "Replaced the disk"`. Every value goes through quoteArgument
 * so spaces and quotes survive the tokenizer; a user option becomes `@<user id>`, which the
 * core resolves through the policy file's Discord identities.
 */
export function commandText(commandName: string, given: readonly GivenOption[]): string {
  const sub = given.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const values = sub?.options ?? given.filter((o) => o.type !== ApplicationCommandOptionType.Subcommand);
  if (commandName === ONCALL_COMMAND) return oncallText(sub?.name, values);
  const spec = sub ? findSpec(sub.name) : undefined;
  if (!spec) return [`/${commandName}`, ...(sub ? [sub.name] : [])].join(" ");
  const words = [`/${commandName}`, spec.name];
  for (const p of spec.positionals) {
    const value = valueOf(values, layoutOf(p.name));
    if (value === undefined) break;
    words.push(value);
  }
  for (const flag of spec.flags) {
    const value = valueOf(values, layoutOf(flag));
    if (value !== undefined) words.push(`--${flag}`, value);
  }
  return words.join(" ");
}

function oncallText(sub: string | undefined, values: readonly GivenOption[]): string {
  if (sub !== "set") return `/${ONCALL_COMMAND}`;
  const people = ONCALL_PEOPLE.map((n) => values.find((o) => o.name === n)?.value).filter((v) => v !== undefined);
  return [`/${ONCALL_COMMAND}`, "set", ...people.map((id) => `@${String(id)}`)].join(" ");
}

function valueOf(values: readonly GivenOption[], layout: OptionLayout): string | undefined {
  const given = values.find((o) => o.name === layout.option);
  if (given?.value === undefined || given.value === "") return undefined;
  if (given.type === ApplicationCommandOptionType.User) return `@${String(given.value)}`;
  return quoteArgument(String(given.value));
}

function clip(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}
