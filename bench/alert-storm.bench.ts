// Alert storm (issue 13, "Storm control"): 10,000 Alertmanager alerts offered in one minute —
// one rule firing on 9,000 instances plus 1,000 alerts of 50 noisy rules — each alert its own
// webhook request (the worst case: Alertmanager would batch a group into one request), from
// 20 concurrent senders in a worker thread. Measures alerts/s accepted (HTTP 2xx) and applied
// (committed), the incidents and Slack messages they produce, and the p99 of a person's
// `/incident ack` (signed slash command → reply at response_url) during the storm vs without
// it. Goals: incidents bounded by group key (≤ 51), the card edited with the latest count
// rather than one message per alert, ack p99 during the storm ≤ 1.5× without it. A second,
// unpaced storm of the same alerts then measures how many alerts/s Vigil can accept at most.
//
// Vigil runs as in production (src/main.ts wiring): real Bolt on Vigil's one HTTP port with
// the alert receivers beside it, the fake Slack Web API (Slack's pacing: 1 message/s per
// channel after a burst of 3), SQLite in a temporary folder, system clock, background outbox.
//
//   npx tsx bench/alert-storm.bench.ts
import { sendSignedBody } from "../test/fakes/fake-slack-requests.js";
import { FakeSlack, type SlackCall } from "../test/fakes/fake-slack.js";
import { alertmanagerBody, runAlertLoad, type AlertLoadResult } from "./lib/alert-load.js";
import { benchPolicy, isMain, machineLoad, ms, printResult, SIGNING_SECRET, slashBody, startVigil, summarise, until, type BenchResult, type Summary, type VigilUnderTest } from "./lib/slack-bench.js";

const ALERTS = 10_000;
const STORM_MS = 60_000;
const NOISE_RULES = 50;
const SENDERS = 20;
/** A person's acks, one every ACK_EVERY_MS, in each phase (each acks an incident of its own). */
const ACKS = 200;
const ACK_EVERY_MS = 300;
const GOAL_RATIO = 1.5;
const REPLY_TIMEOUT_MS = 30_000;
const TOKEN = "change-me-alertmanager-0001";
/**
 * How long the messages of the storm are watched going out after it: until none is left, at
 * most this. The storm's card channel holds about 120 messages (a card and an "opened" line per
 * incident, the edits), and Slack takes one a second per channel.
 */
const DRAIN_WINDOW_MS = 180_000;
/** "Not one message per alert": at most this many messages per incident the storm opened. */
const MESSAGES_PER_INCIDENT = 5;
/** No alert is sent after this: a Vigil far slower than the storm is reported, not waited for. */
const STOP_AFTER_MS = 5 * STORM_MS;
const ALERT_CHANNELS = ["C0ACMEINC", "C0DUTY"];

/** The storm's bodies, interleaved as many instances firing at once would arrive. */
function stormBodies(startsAt: Date): string[] {
  return Array.from({ length: ALERTS }, (_, i) =>
    i % 10 === 9
      ? alertmanagerBody(`Noise${Math.floor(i / 10) % NOISE_RULES}`, `app-${i}:8080`, "warning", startsAt)
      : alertmanagerBody("HighLatency", `web-${i - Math.floor(i / 10)}:9100`, "critical", startsAt),
  );
}

interface AckSample {
  /** Until Bolt answered HTTP 200. */
  httpMs: number;
  /** Until the reply reached response_url: when the person sees the answer. */
  replyMs: number;
  /** No reply within REPLY_TIMEOUT_MS. */
  unanswered?: boolean;
}

/** A person acknowledging incidents one after another, each through a signed slash command. */
function person(fake: FakeSlack, app: VigilUnderTest) {
  const replies = new Map<string, (at: number) => void>();
  fake.onCall((call: SlackCall) => {
    if (call.method === "response_url") replies.get(call.path.split("/")[3])?.(performance.now());
  });
  const ackOne = async (org: number): Promise<AckSample> => {
    const trigger = `ack${org}`;
    const reply = new Promise<number>((resolve) => replies.set(trigger, resolve));
    const body = slashBody(fake, { text: `ack INC-${org + 1}`, triggerId: trigger, channelId: channelOf(org) });
    const started = performance.now();
    const res = await sendSignedBody(app.url, SIGNING_SECRET, body);
    const httpMs = performance.now() - started;
    if (res.status !== 200) throw new Error(`ack INC-${org + 1}: HTTP ${res.status}`);
    // A reply that never comes counts as REPLY_TIMEOUT_MS and is reported as unanswered.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), REPLY_TIMEOUT_MS)));
    const at = await Promise.race([reply, timeout]).finally(() => clearTimeout(timer));
    replies.delete(trigger);
    return at === undefined ? { httpMs, replyMs: REPLY_TIMEOUT_MS, unanswered: true } : { httpMs, replyMs: at - started };
  };
  return async (from: number, until: () => boolean): Promise<AckSample[]> => {
    const samples: AckSample[] = [];
    for (let org = from; org < from + ACKS && until(); org++) {
      samples.push(await ackOne(org));
      await new Promise((r) => setTimeout(r, ACK_EVERY_MS));
    }
    return samples;
  };
}

/** Where the run is, on stderr (run-all reports there too). */
function progress(step: string): void {
  process.stderr.write(`  alert storm: ${step}\n`);
}

function channelOf(org: number): string {
  return `C0BENCH${String(org).padStart(4, "0")}`;
}

/** One incident per bench customer for the person to acknowledge (the first 2 × ACKS incidents). */
async function openPeoplesIncidents(app: VigilUnderTest): Promise<void> {
  const started = performance.now();
  for (let org = 0; org < 2 * ACKS; org++) {
    const reply = await app.vigil.handle({
      kind: "command",
      eventId: `open-${org}`,
      actor: { platform: "slack", userId: "U0ANA", displayName: "ana" },
      at: { platform: "slack", channelId: channelOf(org) },
      text: `/incident open P3 "Disk ${org}" --org bench-${String(org).padStart(3, "0")}`,
    });
    if (reply.outcome !== "ok") throw new Error(`open ${org}: ${reply.message.text}`);
  }
  progress(`${2 * ACKS} incidents opened in ${((performance.now() - started) / 1000).toFixed(1)} s; waiting for their cards`);
  await until(async () => (await app.store.outbox.pendingSummary()).count === 0, 120_000, "the people's incident cards");
}

/** What the alerts produced in Slack, from the fake's record of Web API calls. */
function alertMessages(fake: FakeSlack, sinceMs: number) {
  const calls = fake.calls.filter((c) => c.atMs >= sinceMs && c.status === 200 && ALERT_CHANNELS.includes(String(c.params.channel)));
  const posts = calls.filter((c) => c.method === "chat.postMessage");
  return {
    cards: posts.filter((c) => !c.params.thread_ts && c.params.channel === "C0ACMEINC").length,
    threadLines: posts.filter((c) => c.params.thread_ts).length,
    dutyLead: posts.filter((c) => c.params.channel === "C0DUTY").length,
    edits: calls.filter((c) => c.method === "chat.update").length,
    total: calls.filter((c) => c.method === "chat.postMessage" || c.method === "chat.update").length,
    // The storm rule's card as last edited.
    lastCardText: JSON.stringify(calls.filter((c) => c.method === "chat.update" && JSON.stringify(c.params).includes("HighLatency")).at(-1)?.params ?? {}),
  };
}

interface StormRun {
  load: AlertLoadResult;
  accepted: number;
  applied: number;
  acks: AckSample[];
}

async function storm(app: VigilUnderTest, acker: ReturnType<typeof person>, from: number, spreadMs: number): Promise<StormRun> {
  const before = await appliedSoFar(app);
  let done = false;
  const load = runAlertLoad({ url: `${app.alertsUrl}/alertmanager`, token: TOKEN, bodies: stormBodies(new Date()), concurrency: SENDERS, spreadMs, stopAfterMs: STOP_AFTER_MS }).finally(() => (done = true));
  const [result, acks] = await Promise.all([load, acker(from, () => !done)]);
  const accepted = result.statuses.filter((s) => s >= 200 && s < 300).length;
  return { load: result, accepted, applied: (await appliedSoFar(app)) - before, acks };
}

interface Drain {
  /** Messages still queued when the storm's last request was answered, and DRAIN_WINDOW_MS later. */
  backlogAtEnd: number;
  backlogAfter: number;
  /** Seconds from the storm's start until nothing was queued, if that happened in the window. */
  caughtUpS?: number;
}

/**
 * Watch the outbox for DRAIN_WINDOW_MS after the storm: when every message is out, or how
 * fast the backlog shrinks (a backlog that would take hours is reported, not waited for).
 */
async function watchDrain(app: VigilUnderTest, stormStart: number): Promise<Drain> {
  const pending = async () => (await app.store.outbox.pendingSummary()).count;
  const backlogAtEnd = await pending();
  const deadline = performance.now() + DRAIN_WINDOW_MS;
  let backlogAfter = backlogAtEnd;
  while (performance.now() < deadline) {
    backlogAfter = await pending();
    if (backlogAfter === 0) return { backlogAtEnd, backlogAfter, caughtUpS: (performance.now() - stormStart) / 1000 };
    await new Promise((r) => setTimeout(r, 250));
  }
  return { backlogAtEnd, backlogAfter };
}

/** Alerts committed so far: each receipt counts the alerts of its request. */
async function appliedSoFar(app: VigilUnderTest): Promise<number> {
  const totals = await app.store.alerts.totals(new Date(0), new Date(Date.now() + 3_600_000));
  return [...totals.receivedByIncident.values()].reduce((a, b) => a + b, 0);
}

export async function run(): Promise<BenchResult> {
  const load = machineLoad();
  const fake = await new FakeSlack().start();
  const app = await startVigil(fake, benchPolicy(2 * ACKS), { alerts: true });
  try {
    await openPeoplesIncidents(app);
    progress("people's incidents open; acks without the storm");
    const acker = person(fake, app);
    const baseline = await acker(0, () => true);
    progress("the storm, offered at 10,000/min");

    const since = fake.calls.at(-1)?.atMs ?? 0;
    const stormStart = performance.now();
    const paced = await storm(app, acker, ACKS, STORM_MS);
    progress("watching the storm's messages go out");
    const drain = await watchDrain(app, stormStart);
    const messages = alertMessages(fake, since);
    const totals = await app.store.alerts.totals(new Date(0), new Date(Date.now() + 3_600_000));
    const stormFired = (await app.store.alerts.findLink(`alertmanager:{}:{alertname="HighLatency"}`))?.fired ?? 0;
    const superseded = (await app.store.outbox.list()).filter((r) => r.status === "superseded").length;

    // Flat out only tells more when the offered storm kept its pace (else it already ran at capacity).
    const keptPace = paced.load.wallMs <= STORM_MS * 1.1;
    if (keptPace) progress("the storm again, flat out");
    const flatOut = keptPace ? await storm(app, async () => [], 0, 0) : undefined;
    return {
      name: "Alert storm: 10,000 alerts in one minute → bounded incidents, coalesced cards, people's acks",
      lines: report({ load, paced, flatOut, baseline, messages, incidents: totals.incidentIds.length, superseded, drain, stormFired, app }),
    };
  } finally {
    await app.close();
    await fake.close();
  }
}

interface Figures {
  load: string;
  paced: StormRun;
  flatOut?: StormRun;
  baseline: AckSample[];
  messages: ReturnType<typeof alertMessages>;
  incidents: number;
  superseded: number;
  drain: Drain;
  /** The storm rule's alerts committed (its incident's "fired ×N"). */
  stormFired: number;
  app: VigilUnderTest;
}

function report(f: Figures): string[] {
  const rate = (n: number, r: StormRun) => `${Math.round(n / (r.load.wallMs / 1000))}/s`;
  const row = (name: string, r: StormRun) =>
    `| ${name} | ${ALERTS} | ${sent(r)} | ${r.accepted} | ${sent(r) - r.accepted} | ${r.applied} | ${(r.load.wallMs / 1000).toFixed(1)} s | ${rate(r.accepted, r)} | ${rate(r.applied, r)} |`;
  const m = f.messages;
  const maxIncidents = 1 + NOISE_RULES;
  const incidentsMet = f.incidents <= maxIncidents;
  const latest = f.messages.lastCardText.includes(`fired ×${f.stormFired}`);
  const lines = [
    "| storm | alerts offered | sent | accepted (2xx) | refused | applied (committed) | wall time | accepted/s | applied/s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    row("offered at 10,000/min (the issue's storm)", f.paced),
    f.flatOut ? row("flat out, right after (capacity)", f.flatOut) : `| flat out | not run: the offered storm took ${(f.paced.load.wallMs / 1000).toFixed(0)} s instead of ${STORM_MS / 1000} s, so it already ran at Vigil's capacity | | | | | | | |`,
    "",
    `Sending stops after ${STOP_AFTER_MS / 1000} s; alerts not sent by then are offered but not sent. A receiver answers 2xx only once the request's alerts are committed, so accepted and applied are the same alerts; applied is counted from the database (the alert receipts).`,
    `Incidents from alerts: ${f.incidents} (goal: bounded by group key, ≤ ${maxIncidents} for 1 storm rule + ${NOISE_RULES} noisy rules) — **${incidentsMet ? "met" : "not met"}**.`,
    `Slack messages for the ${f.paced.accepted} alerts of the offered storm, sent once the backlog was empty (watched for at most ${DRAIN_WINDOW_MS / 1000} s after the storm): ${m.total} — ${m.cards} cards, ${m.edits} card edits, ${m.threadLines} thread lines, ${m.dutyLead} duty-lead posts; ` +
      `${f.superseded} stale card edits coalesced away (skipped because a newer card state was queued). ${drainText(f.drain)}`,
    `Goal: each card edited with the latest count, only the newest state sent, not one message per alert. The storm incident's last card edit shows its committed count “fired ×${f.stormFired}”: **${latest ? "yes" : "no"}**; ` +
      `messages for the storm's ${f.paced.accepted} alerts: ${m.total}, at most ${MESSAGES_PER_INCIDENT} per incident (${MESSAGES_PER_INCIDENT * f.incidents}): **${m.total <= MESSAGES_PER_INCIDENT * f.incidents ? "yes" : "no"}** — **${latest && m.total <= MESSAGES_PER_INCIDENT * f.incidents ? "met" : "not met"}**.`,
    `Acks without a reply within ${REPLY_TIMEOUT_MS / 1000} s (counted as ${REPLY_TIMEOUT_MS / 1000} s): ${f.baseline.filter((s) => s.unanswered).length} without the storm, ${f.paced.acks.filter((s) => s.unanswered).length} during it.`,
    ...ackLines(summarise(f.baseline.map((s) => s.replyMs)), summarise(f.paced.acks.map((s) => s.replyMs)), summarise(f.baseline.map((s) => s.httpMs)), summarise(f.paced.acks.map((s) => s.httpMs))),
    `Senders' requests retried after a connection reset: ${f.paced.load.retried + (f.flatOut?.load.retried ?? 0)}. Log: ${f.app.logger.counts.warn} warnings, ${f.app.logger.counts.error} errors${f.app.logger.errors.length ? ` (${f.app.logger.errors.join("; ")})` : ""}.`,
    `Setup: Node ${process.version}, ${f.load} at start; ${SENDERS} concurrent senders with keep-alive in a worker thread, one alert per request; default route (autoMitigate off, alertmanagerDedup: group); ` +
      `the person acks one of ${2 * ACKS} incidents (each its own customer channel) every ${ACK_EVERY_MS} ms, ${ACKS} before the storm, then during it; SQLite in a temporary folder; system clock; background outbox loop to the fake Slack Web API.`,
  ];
  return lines;
}

function sent(r: StormRun): number {
  return r.load.statuses.filter((s) => s !== 0).length;
}

function drainText(d: Drain): string {
  if (d.caughtUpS !== undefined) return `Every message was out ${d.caughtUpS.toFixed(0)} s after the storm began (Slack's pace: 1 message/s per channel).`;
  const perSecond = (d.backlogAtEnd - d.backlogAfter) / (DRAIN_WINDOW_MS / 1000);
  const eta = perSecond > 0 ? `about ${((d.backlogAfter / perSecond) / 60).toFixed(0)} more minutes at that rate` : "no progress";
  return `Outbox backlog: ${d.backlogAtEnd} messages queued when the storm ended, ${d.backlogAfter} ${DRAIN_WINDOW_MS / 1000} s later (${perSecond.toFixed(1)}/s cleared; ${eta}).`;
}

function ackLines(base: Summary, during: Summary, baseHttp: Summary, duringHttp: Summary): string[] {
  const ratio = during.p99 / base.p99;
  const httpRatio = duringHttp.p99 / baseHttp.p99;
  return [
    "",
    "| person's `/incident ack` | acks | p50 | p90 | p99 | max |",
    "|---|---:|---:|---:|---:|---:|",
    `| reply at response_url, no storm | ${base.n} | ${ms(base.p50)} | ${ms(base.p90)} | ${ms(base.p99)} | ${ms(base.max)} |`,
    `| reply at response_url, during the storm | ${during.n} | ${ms(during.p50)} | ${ms(during.p90)} | ${ms(during.p99)} | ${ms(during.max)} |`,
    `| HTTP 200 from Bolt, no storm | ${baseHttp.n} | ${ms(baseHttp.p50)} | ${ms(baseHttp.p90)} | ${ms(baseHttp.p99)} | ${ms(baseHttp.max)} |`,
    `| HTTP 200 from Bolt, during the storm | ${duringHttp.n} | ${ms(duringHttp.p50)} | ${ms(duringHttp.p90)} | ${ms(duringHttp.p99)} | ${ms(duringHttp.max)} |`,
    "",
    `Goal: the p99 of a person's ack during the storm ≤ ${GOAL_RATIO}× without it. Measured (reply seen by the person): ${ratio.toFixed(2)}× — **${ratio <= GOAL_RATIO ? "met" : "not met"}**; ` +
      `HTTP 200 alone: ${httpRatio.toFixed(2)}× — **${httpRatio <= GOAL_RATIO ? "met" : "not met"}**.`,
  ];
}

if (isMain(import.meta.url)) printResult(await run());
