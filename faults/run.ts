// `npm run faults:delivery`: the real Vigil process (npm start) and the real Bolt client against the fake
// Slack Web API on 127.0.0.1, through 429 storms (Retry-After 1 s and 5 s), 500s, hangs and
// connection resets of FAULT_WINDOW_S seconds (default 60), then FAULT_KILLS (default 30)
// kill -9 at random moments while notes flow, and the CPU an idle Vigil spends while the
// Telegram Bot API is unreachable. Figures go to RELIABILITY.md with the machine and date.
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { FakeSlack, type SlackOutage } from "../test/fakes/fake-slack.js";
import { analyse, noteText, pendingRows, type Figures, type SentCommand } from "./analyse.js";
import { movedCell, movedInTime, outagePlan, playFaults, reportFile } from "./fault-plan.js";
import { freePort, sleep, slashCommand, VigilProcess } from "./vigil-process.js";
import { writeSection } from "./write-section.js";

const WINDOW_S = Number(process.env.FAULT_WINDOW_S ?? 60);
const KILLS = Number(process.env.FAULT_KILLS ?? 30);
const CPU_S = Number(process.env.FAULT_CPU_S ?? 60);
const dir = mkdtempSync(path.join(tmpdir(), "vigil-faults-"));
let runs = 0;

interface Run {
  name: string;
  figures: Figures;
  /** Seconds from the end of the fault until the backlog moved (first message delivered). */
  movedAfterS?: number;
  /** Seconds after the end of the fault until which the last 429's Retry-After asked Vigil to wait. */
  waitAskedS?: number;
  /** Per restart with rows pending: seconds from ready to the first delivery. */
  restartSendS?: number[];
}

async function setUp(latencyMs = 0): Promise<{ slack: FakeSlack; vigil: VigilProcess; db: string }> {
  const slack = await new FakeSlack().start();
  slack.latencyMs = latencyMs;
  const db = path.join(dir, `run-${++runs}.db`);
  const vigil = new VigilProcess(db, await freePort(), slack);
  await vigil.start();
  await slashCommand(vigil, slack, "open P3 Fault run --org acme");
  await waitFor(() => slack.callsTo("chat.postMessage").some((c) => c.response?.ok && String(c.params.text).startsWith("INC-1 ·")), 60_000);
  return { slack, vigil, db };
}

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(100);
  }
  return false;
}

const okPosts = (slack: FakeSlack) => slack.callsTo("chat.postMessage").filter((c) => c.response?.ok).length;

async function outageRun(name: string, outage: Omit<SlackOutage, "untilMs">): Promise<Run> {
  const { slack, vigil, db } = await setUp();
  const sent: SentCommand[] = [];
  const until = Date.now() + WINDOW_S * 1000;
  slack.outage = { ...outage, untilMs: until };
  for (let n = 1; Date.now() < until - 1000; n++) {
    sent.push({ n, ...(await slashCommand(vigil, slack, `note 1 ${noteText(n)}`)) });
    await sleep(2000);
  }
  await sleep(Math.max(0, until - Date.now()));
  const before = okPosts(slack);
  const moved = await waitFor(() => okPosts(slack) > before, 120_000);
  const movedAfterS = moved ? (Date.now() - until) / 1000 : undefined;
  const last429 = slack.calls.filter((c) => c.status === 429).at(-1);
  const askedUntil = last429 ? slack.startedAt + last429.atMs + (outage.retryAfter ?? 1) * 1000 : until;
  await waitFor(async () => (await pendingRows(db)) === 0, 180_000);
  await vigil.stop();
  await slack.close();
  return { name, figures: await analyse(slack, db, sent), movedAfterS, ...(askedUntil > until ? { waitAskedS: (askedUntil - until) / 1000 } : {}) };
}

async function killRun(progress: (partial: Run) => void): Promise<Run> {
  const { slack, vigil, db } = await setUp(200);
  const sent: SentCommand[] = [];
  const restartSendS: number[] = [];
  let n = 0;
  for (let trial = 0; trial < KILLS; trial++) {
    const inFlight = [1, 2, 3].map(async (k) => {
      await sleep(k * 150 * Math.random());
      const m = ++n;
      sent.push({ n: m, ...(await slashCommand(vigil, slack, `note 1 ${noteText(m)}`)) });
    });
    await sleep(200 + Math.random() * 1200);
    await vigil.kill9();
    await Promise.all(inFlight);
    const pending = await pendingRows(db);
    const before = okPosts(slack);
    await vigil.start();
    const ready = Date.now();
    if (pending > 0 && (await waitFor(() => okPosts(slack) > before, 30_000))) restartSendS.push((Date.now() - ready) / 1000);
    // Sent so far, with the figures as they stand (delivery may still be catching up).
    progress({ name: `kill -9 × ${trial + 1} of ${KILLS} so far`, figures: await analyse(slack, db, sent), restartSendS });
  }
  await waitFor(async () => (await pendingRows(db)) === 0, 180_000);
  await vigil.stop();
  await slack.close();
  return { name: `kill -9 × ${KILLS} while notes flow (fake Slack answers after 200 ms)`, figures: await analyse(slack, db, sent), restartSendS };
}

async function cpuWhileTelegramDown(): Promise<number> {
  const slack = await new FakeSlack().start();
  const telegramPort = await freePort();
  const vigil = new VigilProcess(path.join(dir, "cpu.db"), await freePort(), slack, { TELEGRAM_BOT_TOKEN: "123456:FAULTS", TELEGRAM_API_URL: `http://127.0.0.1:${telegramPort}` });
  await vigil.start();
  await sleep(5000);
  const before = vigil.cpuSeconds();
  await sleep(CPU_S * 1000);
  const used = vigil.cpuSeconds() - before;
  await vigil.stop();
  await slack.close();
  return (used / CPU_S) * 100;
}

const SECTION = "## Delivery under faults: one process, Slack (`npm run faults:delivery`)";

function report(results: Run[], cpuPercent: number): string {
  const lines = [
    SECTION,
    "",
    `Measured by \`npm run faults:delivery\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at the end ${os.loadavg()[0].toFixed(1)} (the machine was shared).`,
    `The real Vigil process (\`npm start\`, SQLite file) and the real Bolt client against the fake Slack Web API on 127.0.0.1; faults last ${WINDOW_S} s; notes (\`/incident note 1 fault-N\`, one every 2 s) are posted into INC-1's card thread. Slack only: Discord and Telegram were not driven by this run.`,
    "",
    "Goal: 0 lost of every kind, 0 out of order, 0 outside the thread, 0 duplicates where the platform offers idempotency (Slack: metadata lookup), backlog moving ≤ 5 s after recovery. Recovery is the end of the outage, or the end of the wait the platform's last 429 asked for (its Retry-After, from a 429 shortly before the end), whichever is later: Vigil never sends before a Retry-After has passed.",
    "",
    "| run | commands answered | answered, never applied | messages lost | duplicated | out of order | outside thread | replies lost | cards posted | backlog moves after recovery | met? |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const f = r.figures;
    const moved = movedCell(r);
    const zero = f.answeredNotApplied + f.lost + f.duplicated + f.outOfOrder + f.outsideThread + f.repliesLost === 0 && f.cardsPosted === 1;
    const fast = movedInTime(r);
    lines.push(`| ${r.name} | ${f.answered}/${f.commandsSent} | ${f.answeredNotApplied} | ${f.lost} | ${f.duplicated} | ${f.outOfOrder} | ${f.outsideThread} | ${f.repliesLost} | ${f.cardsPosted} | ${moved} | ${zero && fast ? "met" : "not met"} |`);
  }
  if (!Number.isNaN(cpuPercent)) lines.push("", `Idle CPU while the Telegram Bot API is unreachable (${CPU_S} s, Slack up): ${cpuPercent.toFixed(1)} % of one core. Goal ≤ 5 %: ${cpuPercent <= 5 ? "met" : "not met"}.`);
  lines.push("");
  return lines.join("\n");
}


async function main(): Promise<void> {
  const out = reportFile();
  let cpu = NaN;
  const results = await playFaults<Run, Omit<SlackOutage, "untilMs">>({
    outages: outagePlan(WINDOW_S, "Retry-After"),
    outage: outageRun,
    beforeKill: ["cpu", async () => void (cpu = await cpuWhileTelegramDown())],
    kill: killRun,
    report: (runs) => writeSection(out, SECTION, report(runs, cpu)),
  });
  for (const r of results) process.stdout.write(`${r.name}: ${JSON.stringify(r.figures)} moved=${r.movedAfterS ?? r.restartSendS?.join(",")}\n`);
  process.stdout.write(`cpu while telegram down: ${cpu.toFixed(1)} %\n`);
  rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
