import { expect } from "vitest";
import { findSpec } from "../../src/core/commands/command-specs.js";
import type { CommandName } from "../../src/core/commands/command-types.js";
import { quoteArgument } from "../../src/core/commands/tokenizer.js";
import type { Platform } from "../../src/ports/chat.js";
import type { Harness } from "../support/harness.js";

// One incident's life, played by specific people, that every adapter must carry to the same
// database outcome and the same card content. Each platform renders the card its own way;
// each driver reads its rendering back into this neutral shape to compare.

/** A card as people see it, read back from a platform's rendering. */
export interface NeutralCard {
  title: string;
  /** Fields in order, as [label, value]. */
  fields: [string, string][];
  /** Button action ids in order. */
  buttons: string[];
}

export type ScenarioPerson = "ana" | "ben";

/** One thing a person does. */
export interface ScenarioStep {
  /** When it happens (the fake clock is set to it). */
  at: string;
  person: ScenarioPerson;
  command: CommandName;
  /** Arguments by the core grammar's names (COMMAND_SPECS positionals and flags). */
  args: Record<string, string>;
  /** Click the card's button for `command` instead of typing it. */
  button?: boolean;
  /** What the person is told. */
  reply: string;
  /** The card afterwards, on every platform. */
  card: NeutralCard;
}

const TITLE = 'Database "replica" lag';
const base = (status: string, severity = "P2", tier = "on-call engineers"): [string, string][] => [
  ["Status", status],
  ["Severity", severity],
  ["Organisation", "ACME Corp"],
  ["Assignee", "unassigned"],
  ["Escalation", tier],
  ["Reported by", "Ben Okafor"],
];
// 09:05 UTC is 17:05 in the policy file's Asia/Shanghai.
const ACKED: [string, string] = ["Acknowledged", "by Ben Okafor at 2026-11-02 17:05"];
const RESOLUTION = 'Promoted replica-3; "lag" back to 0';

/** The script: open, ack (by button), note, escalate, resolve, close. */
export const SCENARIO: readonly ScenarioStep[] = [
  {
    at: "2026-11-02T09:00:00Z", person: "ben", command: "open",
    args: { severity: "P2", title: TITLE, org: "acme", desc: "replica-2 is 5 min behind" },
    reply: `Opened INC-1 (P2) for ACME Corp: ${TITLE}`,
    card: { title: `INC-1 · P2 · ${TITLE}`, fields: base("Open"), buttons: ["inc:ack:1", "inc:escalate:1"] },
  },
  {
    at: "2026-11-02T09:05:00Z", person: "ben", command: "ack", args: { number: "INC-1" }, button: true,
    reply: "INC-1 acknowledged.",
    card: { title: `INC-1 · P2 · ${TITLE}`, fields: [...base("Acknowledged"), ACKED], buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"] },
  },
  {
    at: "2026-11-02T09:10:00Z", person: "ben", command: "note", args: { number: "1", text: "Failover to replica-3 started" },
    reply: "Note added to INC-1.",
    card: { title: `INC-1 · P2 · ${TITLE}`, fields: [...base("Acknowledged"), ACKED], buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"] },
  },
  {
    at: "2026-11-02T09:15:00Z", person: "ana", command: "escalate", args: { number: "INC-1", to: "P1", reason: "Checkout failing for all customers" },
    reply: "INC-1 escalated to duty lead (P1).",
    card: { title: `INC-1 · P1 · ${TITLE}`, fields: [...base("Acknowledged", "P1", "duty lead"), ACKED], buttons: ["inc:mitigate:1", "inc:resolve:1", "inc:escalate:1"] },
  },
  {
    at: "2026-11-02T09:40:00Z", person: "ben", command: "resolve", args: { number: "inc-1", note: RESOLUTION },
    reply: "INC-1 resolved.",
    card: { title: `INC-1 · P1 · ${TITLE}`, fields: [...base("Resolved", "P1", "duty lead"), ACKED, ["Resolution", RESOLUTION]], buttons: [] },
  },
  {
    at: "2026-11-02T10:00:00Z", person: "ana", command: "close", args: { number: "INC-1" },
    reply: "INC-1 closed.",
    card: { title: `INC-1 · P1 · ${TITLE}`, fields: [...base("Closed", "P1", "duty lead"), ACKED, ["Resolution", RESOLUTION]], buttons: [] },
  },
];

/** What the timeline must say: each action, who did it, and when. */
const ACTIONS: [string, ScenarioPerson, string][] = [
  ["opened", "ben", "2026-11-02T09:00:00.000Z"],
  ["acknowledged", "ben", "2026-11-02T09:05:00.000Z"],
  ["note", "ben", "2026-11-02T09:10:00.000Z"],
  ["escalated", "ana", "2026-11-02T09:15:00.000Z"],
  ["resolved", "ben", "2026-11-02T09:40:00.000Z"],
  ["closed", "ana", "2026-11-02T10:00:00.000Z"],
];

/** The arguments after `/incident <sub>`, as a person would type them (values quoted as needed). */
export function argumentLine(step: ScenarioStep): string {
  const spec = findSpec(step.command);
  if (!spec) throw new Error(`no spec for ${step.command}`);
  const words: string[] = [spec.name];
  for (const p of spec.positionals) if (step.args[p.name] !== undefined) words.push(quoteArgument(step.args[p.name]));
  for (const f of spec.flags) if (step.args[f] !== undefined) words.push(`--${f}`, quoteArgument(step.args[f]));
  return words.join(" ");
}

/**
 * Asserts the database outcome of the whole script: the incident's final state and one
 * timeline entry per step with its actor, time and the platform it came from
 * (`platforms[i]` for step i).
 */
export async function expectScenarioOutcome(h: Harness, platforms: readonly Platform[]): Promise<void> {
  const incident = await h.store.incidents.findByNumber(1);
  expect(incident).toMatchObject({
    number: 1, title: TITLE, description: "replica-2 is 5 min behind", organisationId: "acme",
    status: "closed", severity: "P1", tier: 1, reporterId: "ben", acknowledgedById: "ben", resolution: RESOLUTION,
  });
  expect(incident!.assigneeId).toBeUndefined();
  expect(incident!.acknowledgedAt?.toISOString()).toBe("2026-11-02T09:05:00.000Z");
  expect(incident!.closedAt?.toISOString()).toBe("2026-11-02T10:00:00.000Z");
  const entries = (await h.store.timeline.list(incident!.id)).filter((e) => e.kind !== "message_sent");
  expect(entries.map((e) => [e.kind, e.actorId, e.at.toISOString(), e.platform])).toEqual(
    ACTIONS.map(([kind, who, at], i) => [kind, who, at, platforms[i]]),
  );
  expect(entries.find((e) => e.kind === "escalated")?.details).toMatchObject({ fromSeverity: "P2", toSeverity: "P1", reason: "Checkout failing for all customers" });
  expect(await h.store.incidents.list({ limit: 10 })).toHaveLength(1);
}

