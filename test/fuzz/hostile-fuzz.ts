// A seeded property run of hostile input through the one inbound boundary and every renderer.
// Shared by the bounded test (test/fuzz/hostile-input.fuzz.test.ts) and longer runs.
import fc from "fast-check";
import { renderReply, terminalSafe, renderMessage as renderConsole } from "../../adapters/console/render.js";
import { renderMessage as renderDiscord } from "../../adapters/discord/render.js";
import { renderMessage as renderSlack } from "../../adapters/slack/render.js";
import { renderMessage as renderTelegram } from "../../adapters/telegram/render.js";
import type { InboundEvent, OutboundMessage, Reply } from "../../src/ports/chat.js";
import { messageProblems } from "../fakes/discord-limits.js";
import { messageRejection } from "../fakes/slack-limits.js";
import { textRejection } from "../fakes/telegram-strict.js";
import type { Harness } from "../support/harness.js";

/** What one run found; the goals are 0 internal errors, 0 rejections, 0 changing refusals. */
export interface FuzzFigures {
  events: number;
  internalErrors: number;
  /** Rendered messages a strict fake would refuse, by platform. */
  rejected: { slack: number; discord: number; telegram: number; console: number };
  rendered: number;
  /** Refusals after which the incidents or the outbox had changed. */
  refusalsThatChanged: number;
  /** The first few problems, for the failure message. */
  examples: string[];
}

const pieces = [
  "👨‍👩‍👧‍👦", "🇫🇷", "e\u0301", "😀", "\ud83d", "\udc00", "\x1b]0;PWNED\x07", "\x1b[2J", "\x00", "\x7f", "\u0085", "\u009b",
  "\u202E", "\u2066", "שלום", "مرحبا", "<!channel>", "<!here>", "<@U0CEO>", "<!subteam^S1>", "@everyone", "<@&1>",
  "[click](http://evil.example)", "<b>", "</i>", "&amp;", "&", "<", ">", "*bold*", "`code`", "\n", "\t", "\r\n", '"', "--org", "globex", " ",
];
const piece = fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: "binary", maxLength: 8 }), fc.string({ maxLength: 12 }));
/** Hostile text: pieces of trouble, and now and then 100 KB of it. */
export const hostileText = fc.oneof(
  { weight: 12, arbitrary: fc.array(piece, { maxLength: 24 }).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join("").repeat(Math.ceil(100_000 / Math.max(1, p.join("").length)))) },
);

const templates = [
  (t: string, s: string) => `/incident open ${s} ${t} --org acme`, (t: string) => `/incident note 1 ${t}`, (t: string) => `/incident resolve 1 ${t}`,
  (t: string) => `/incident escalate 1 ${t}`, (t: string) => `/incident assign 1 ${t}`, (t: string) => `/incident wait 1 ${t}`,
  (t: string) => `/incident postmortem 1 ${t}`, (t: string) => `/incident show ${t}`, (t: string) => `/incident ${t}`, (t: string) => `/report ${t}`,
  (t: string) => `/incident open P3 ${t}`, (t: string) => `/start ${t}`, (t: string) => t, (t: string) => `/incident list ${t}`, (t: string) => `/mytickets ${t}`,
];
const actionIds = fc.oneof(fc.constantFrom("inc:ack:1", "inc:resolve:1", "inc:escalate:2", "r:1:P1", "c:1:y", "s:1:5", "s:1:x"), fc.string({ unit: "binary", maxLength: 70 }));

/** One fuzzed inbound event: a typed command, a reply, or a button press, by anyone. */
export const hostileEvent = fc.record({
  person: fc.constantFrom("ana", "ben", "carol", "dave", "stranger"),
  kind: fc.constantFrom("command", "command", "command", "reply", "action"),
  template: fc.nat({ max: templates.length - 1 }),
  severity: fc.constantFrom("P1", "P2", "P3", "P4", "P9", ""),
  text: hostileText,
  actionId: actionIds,
  name: hostileText,
});

let sequence = 0;
type Generated = typeof hostileEvent extends fc.Arbitrary<infer T> ? T : never;
function toEvent(e: Generated): InboundEvent {
  const actor = { platform: "console" as const, userId: e.person, displayName: e.name.slice(0, 200) };
  const at = { platform: "console" as const, channelId: `dm-${e.person}` };
  const eventId = `fuzz-${++sequence}`;
  if (e.kind === "action") return { kind: "action", eventId, actor, at, message: { platform: "console", channelId: at.channelId, messageId: "1" }, actionId: e.actionId };
  if (e.kind === "reply") return { kind: "reply", eventId, actor, at, text: e.text };
  return { kind: "command", eventId, actor, at, text: templates[e.template](e.text, e.severity) };
}

/** Render `message` for every platform and count what a strict fake would refuse. */
export function checkRendered(message: OutboundMessage, figures: FuzzFigures): void {
  figures.rendered++;
  const note = (platform: keyof FuzzFigures["rejected"], why: unknown) => {
    figures.rejected[platform]++;
    if (figures.examples.length < 5) figures.examples.push(`${platform}: ${JSON.stringify(why).slice(0, 300)} for ${JSON.stringify(message).slice(0, 200)}`);
  };
  const slack = messageRejection(renderSlack(message));
  if (slack) note("slack", slack);
  const discordBody = renderDiscord(message);
  const discord = messageProblems(discordBody, []);
  const empty = !discordBody.content && discordBody.embeds.length === 0 && discordBody.components.length === 0;
  if (discord.length || empty) note("discord", discord.length ? discord : "empty message");
  const telegram = textRejection(renderTelegram(message));
  if (telegram) note("telegram", telegram);
  const terminal = renderConsole(message).map(terminalSafe).join("\n");
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(terminal)) note("console", "control character printed");
}

async function stateOf(h: Harness): Promise<string> {
  const incidents = await h.store.incidents.list({ limit: 1000 });
  return JSON.stringify([incidents, (await h.store.outbox.list()).length]);
}

/** Runs fuzzed events through `h` until `numRuns` or `timeLimitMs`; returns the figures. */
export async function runHostileFuzz(h: Harness, options: { seed: number; numRuns: number; timeLimitMs: number }): Promise<FuzzFigures> {
  const figures: FuzzFigures = { events: 0, internalErrors: 0, rejected: { slack: 0, discord: 0, telegram: 0, console: 0 }, rendered: 0, refusalsThatChanged: 0, examples: [] };
  let checkedRows = 0;
  const property = fc.asyncProperty(hostileEvent, async (generated) => {
    const before = await stateOf(h);
    const reply: Reply = await h.vigil.handle(toEvent(generated));
    figures.events++;
    if (reply.outcome === "error") {
      figures.internalErrors++;
      if (figures.examples.length < 5) figures.examples.push(`internal error for ${JSON.stringify(generated).slice(0, 300)}`);
    }
    if (reply.outcome === "refused" && (await stateOf(h)) !== before) figures.refusalsThatChanged++;
    checkRendered(reply.message, figures);
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(terminalSafe(renderReply(reply)))) figures.rejected.console++;
    const rows = await h.store.outbox.list();
    for (const row of rows.slice(checkedRows)) checkRendered(row.message, figures);
    checkedRows = rows.length;
  });
  await fc.assert(property, { seed: options.seed, numRuns: options.numRuns, interruptAfterTimeLimit: options.timeLimitMs, endOnFailure: true });
  return figures;
}
