import { DomainError } from "../errors.js";
import { copy } from "../messages/copy.js";
import { COMMAND_SPECS, findSpec, type CommandSpec } from "./command-specs.js";
import type { Command } from "./command-types.js";
import { tokenize } from "./tokenizer.js";

const ROOT = "incident";

/**
 * Reads `/incident <sub> …` or a short form (`/ack 42`) into a validated Command.
 * Throws DomainError("COMMAND.*") whose message quotes the problem and the usage line.
 */
export function parseCommand(line: string): Command {
  const split = tokenize(line.trim());
  if ("error" in split) throw new DomainError("COMMAND.QUOTE", copy.unterminatedQuote(split.error));
  const words: Word[] = split.tokens.map((text, i) => ({ text, quoted: split.quoted.includes(i) }));
  const head = (words.shift()?.text ?? "").replace(/^\//, "").replace(/@.*$/, "").toLowerCase();
  if (head === ROOT) {
    const sub = (words.shift()?.text ?? "help").toLowerCase();
    const spec = findSpec(sub);
    if (!spec) throw new DomainError("COMMAND.UNKNOWN", copy.unknownSubcommand(sub, subcommandList()));
    return parseArguments(spec, words);
  }
  const spec = findSpec(head);
  if (!spec || !spec.shortForm) throw new DomainError("COMMAND.UNKNOWN", `${copy.unknownCommand(head)} ${copy.usageLine("/incident help")}`);
  return parseArguments(spec, words);
}

/** Names of every subcommand, for refusals and help. */
export function subcommandList(): string {
  return COMMAND_SPECS.map((s) => s.name).join(", ");
}

/** A word of the command line; quoted words are always text, never options. */
interface Word {
  text: string;
  quoted: boolean;
}

function parseArguments(spec: CommandSpec, words: Word[]): Command {
  const fail = (problem: string): never => {
    throw new DomainError("COMMAND.INVALID", copy.badInput(problem, spec.usage));
  };
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const { text: word, quoted } = words[i];
    if (quoted || !word.startsWith("--") || word.length === 2) {
      positionals.push(word);
      continue;
    }
    const [rawName, inline] = word.slice(2).split(/=(.*)/s, 2);
    const name = rawName.toLowerCase();
    if (!spec.flags.includes(name)) fail(copy.unknownFlag(word));
    const next = inline === undefined ? words[++i] : { text: inline, quoted: true };
    if (next === undefined || (!next.quoted && next.text.startsWith("--"))) fail(copy.flagNeedsValue(`--${name}`));
    flags[name] = next!.text;
  }
  const raw = { name: spec.name, ...flags, ...assignPositionals(spec, positionals, fail) };
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) fail(parsed.error.issues[0]?.message ?? "invalid arguments");
  return (parsed as { data: Command }).data;
}

function assignPositionals(spec: CommandSpec, words: string[], fail: (p: string) => never): Record<string, string> {
  const out: Record<string, string> = {};
  let index = 0;
  for (const p of spec.positionals) {
    if (index >= words.length) {
      if (!p.optional) fail(copy.missingArgument(p.label));
      break;
    }
    out[p.name] = p.rest ? words.slice(index).join(" ") : words[index];
    index = p.rest ? words.length : index + 1;
  }
  if (index < words.length) fail(copy.tooManyArguments(words.slice(index).join(" ")));
  return out;
}
