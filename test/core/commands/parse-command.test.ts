import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/core/commands/parse-command.js";
import { tokenize, quoteArgument } from "../../../src/core/commands/tokenizer.js";
import { DomainError } from "../../../src/core/errors.js";

function refusal(line: string): DomainError {
  try {
    parseCommand(line);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected "${line}" to be refused`);
}

describe("tokenizer", () => {
  it.each([
    ['open P2 "Disk full on db-1" --org acme', ["open", "P2", "Disk full on db-1", "--org", "acme"]],
    ["note 4 can't reach db", ["note", "4", "can't", "reach", "db"]],
    ["note 4 “smart quotes” here", ["note", "4", "smart quotes", "here"]],
    ["note 4 'single quoted words'", ["note", "4", "single quoted words"]],
    ['note 4 "say \\"hi\\""', ["note", "4", 'say "hi"']],
    ['note 4 ""', ["note", "4", ""]],
    ["  spaced   out  ", ["spaced", "out"]],
  ])("splits %s", (line, expected) => {
    expect(tokenize(line)).toMatchObject({ tokens: expected });
  });

  it("reports an unterminated quote", () => {
    expect(tokenize('note 4 "never closed')).toEqual({ error: 'unterminated quote "' });
  });

  it.each(["plain", "two words", 'with "quotes"', "back\\slash", "", "it's", "--force"])("quoteArgument round-trips %s", (value) => {
    expect(tokenize(`x ${quoteArgument(value)}`)).toMatchObject({ tokens: ["x", value] });
  });

  it("marks which words were quoted", () => {
    expect(tokenize('note 4 "--force failed" plain')).toEqual({ tokens: ["note", "4", "--force failed", "plain"], quoted: [2] });
  });
});

describe("parseCommand: every command", () => {
  it.each([
    ["/incident open P2 Database replica lag --org acme --desc \"lag 40s\"", { name: "open", severity: "P2", title: "Database replica lag", org: "acme", desc: "lag 40s" }],
    ["/incident open p1 Total outage", { name: "open", severity: "P1", title: "Total outage", org: undefined, desc: undefined }],
    ["/incident open P3 Slow --org=Globex", { name: "open", severity: "P3", title: "Slow", org: "globex", desc: undefined }],
    ["/incident ack INC-42", { name: "ack", number: 42 }],
    ["/incident ack inc-42", { name: "ack", number: 42 }],
    ["/incident ack 42", { name: "ack", number: 42 }],
    ["/ack 42", { name: "ack", number: 42 }],
    ["/incident note INC-42 Failover started", { name: "note", number: 42, text: "Failover started" }],
    ["/incident assign INC-42 @ben", { name: "assign", number: 42, assignee: "ben" }],
    ["/incident assign 42 me", { name: "assign", number: 42, assignee: "me" }],
    ["/incident assign 42 <@U0BEN|ben>", { name: "assign", number: 42, assignee: "U0BEN" }],
    ["/incident mitigate INC-42", { name: "mitigate", number: 42, note: undefined }],
    ["/incident mitigate INC-42 rolled back", { name: "mitigate", number: 42, note: "rolled back" }],
    ["/resolve 42 Replaced the disk", { name: "resolve", number: 42, note: "Replaced the disk" }],
    ["/incident close INC-42", { name: "close", number: 42 }],
    ["/incident reopen INC-42 Still failing", { name: "reopen", number: 42, reason: "Still failing" }],
    ["/incident escalate INC-4 --to P1 \"customer down\"", { name: "escalate", number: 4, to: "P1", reason: "customer down" }],
    ["/incident escalate INC-4 need a DBA", { name: "escalate", number: 4, to: undefined, reason: "need a DBA" }],
    ["/incident severity INC-42 P3 Less impact than thought", { name: "severity", number: 42, severity: "P3", reason: "Less impact than thought" }],
    ["/incident show INC-42", { name: "show", number: 42 }],
    ["/incident list", { name: "list", scope: "open", org: undefined }],
    ["/incident list mine", { name: "list", scope: "mine", org: undefined }],
    ["/incident list all --org acme", { name: "list", scope: "all", org: "acme" }],
    ["/incident help", { name: "help", topic: undefined }],
    ["/incident help resolve", { name: "help", topic: "resolve" }],
    ["/incident", { name: "help", topic: undefined }],
    ["/incident@vigil_bot ack 3", { name: "ack", number: 3 }],
    ['/incident note 4 "--force" did not help', { name: "note", number: 4, text: "--force did not help" }],
    ['/incident open P3 Slow --desc "--verbose shows timeouts" --org acme', { name: "open", severity: "P3", title: "Slow", org: "acme", desc: "--verbose shows timeouts" }],
  ])("%s", (line, expected) => {
    expect(parseCommand(line)).toEqual(expected);
  });
});

describe("parseCommand: refusals quote the problem and show usage", () => {
  it.each([
    ["/incident frobnicate 4", "COMMAND.UNKNOWN", "“frobnicate” is not an /incident subcommand. Try one of: open, ack, note, assign, mitigate, resolve, close, reopen, escalate, severity, show, list, wait, resume, postmortem, silence, report, oncall, raise, mytickets, contact, complaint, start, help."],
    ["/frob 4", "COMMAND.UNKNOWN", "“frob” is not a Vigil command. Usage: /incident help"],
    ["/incident ack", "COMMAND.INVALID", "Missing incident key (e.g. INC-42).\nUsage: /incident ack <INC-n>"],
    ["/incident ack INC-x", "COMMAND.INVALID", "“INC-x” is not an incident key (use INC-42, inc-42 or 42).\nUsage: /incident ack <INC-n>"],
    ["/incident ack 4 5", "COMMAND.INVALID", "Unexpected “5”.\nUsage: /incident ack <INC-n>"],
    ["/incident open P5 Broken", "COMMAND.INVALID", "“P5” is not a severity (use P1, P2, P3 or P4).\nUsage: /incident open <P1|P2|P3|P4> <title> [--org <org>] [--desc \"<description>\"]"],
    ["/incident open P2", "COMMAND.INVALID", "Missing title.\nUsage: /incident open <P1|P2|P3|P4> <title> [--org <org>] [--desc \"<description>\"]"],
    ["/incident open P2 Disk --org", "COMMAND.INVALID", "Option “--org” needs a value.\nUsage: /incident open <P1|P2|P3|P4> <title> [--org <org>] [--desc \"<description>\"]"],
    ["/incident open P2 Disk --team ops", "COMMAND.INVALID", "Unknown option “--team”.\nUsage: /incident open <P1|P2|P3|P4> <title> [--org <org>] [--desc \"<description>\"]"],
    ["/incident resolve 4", "COMMAND.INVALID", "Missing resolution note.\nUsage: /incident resolve <INC-n> <resolution note>"],
    ["/incident note 4 \"  \"", "COMMAND.INVALID", "The note cannot be empty.\nUsage: /incident note <INC-n> <text>"],
    ["/incident list overdue-ish", "COMMAND.INVALID", "“overdue-ish” is not a list filter (use open, mine, overdue, at-risk or all).\nUsage: /incident list [open|mine|overdue|at-risk|all] [--org <org>]"],
    ["/incident escalate 4 --to P9 why", "COMMAND.INVALID", "“P9” is not a severity (use P1, P2, P3 or P4).\nUsage: /incident escalate <INC-n> [--to <P1|P2|P3>] <reason>"],
    ["/incident note 4 \"open quote", "COMMAND.QUOTE", "Your command has an unterminated quote \"."],
  ])("%s", (line, code, message) => {
    const error = refusal(line);
    expect(error.code).toBe(code);
    expect(error.userMessage).toBe(message);
  });

  it("refuses an over-long title", () => {
    expect(refusal(`/incident open P2 ${"x".repeat(201)}`).userMessage).toMatch(/^The title is longer than 200 characters\./);
  });
});
