// `npm run faults:telegram`: the real Vigil process and the real node-telegram-bot-api against
// the fake Bot API on 127.0.0.1. ACME's incident channel gains a Telegram group, so INC-1's card
// and every note (sent as Slack slash commands; Slack stays up) also go to that group as replies
// to the card. The Bot API then floods (429 with retry_after 1 s and 5 s), answers 500, hangs
// or resets connections for FAULT_WINDOW_S seconds (default 60, as the issue asks), then FAULT_KILLS (default 30)
// kill -9 at random moments. Figures go to their own RELIABILITY.md section.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { FakeTelegram, type TelegramOutage } from "../test/fakes/fake-telegram.js";
import { acceptedSends, analyseTelegram, isCard, type TelegramFigures } from "./analyse-telegram.js";
import { noteText, pendingRows } from "./analyse.js";
import { movedCell, movedInTime, outagePlan, playFaults, reportFile } from "./fault-plan.js";
import { freePort, sleep, slashCommand, VigilProcess } from "./vigil-process.js";
import { writeSection } from "./write-section.js";

const WINDOW_S = Number(process.env.FAULT_WINDOW_S ?? 60);
const KILLS = Number(process.env.FAULT_KILLS ?? 30);
const TOKEN = "123456:FAULTS";
const GROUP = "-1001000000001";
const dir = mkdtempSync(path.join(tmpdir(), "vigil-faults-telegram-"));
let runs = 0;

// The example policy, with ACME's incidents also followed in a Telegram group.
const config = path.join(dir, "vigil.yaml");
const example = readFileSync(path.resolve(import.meta.dirname, "../vigil.example.yaml"), "utf8");
const withGroup = example.replace('channels: { slack: C0ACMEINC, discord: "200000000000000001" }', `channels: { slack: C0ACMEINC, discord: "200000000000000001", telegram: "${GROUP}" }`);
if (withGroup === example) throw new Error("vigil.example.yaml: ACME's channels line changed; update faults/run-telegram.ts");
writeFileSync(config, withGroup);

interface Run {
  name: string;
  figures: TelegramFigures;
  notesSent: number;
  /** Note numbers whose slash command Slack had answered 200. */
  answered: number[];
  /** Seconds from the end of the fault until the backlog moved (first message accepted). */
  movedAfterS?: number;
  /** Per restart with rows pending: seconds from ready to the first accepted message. */
  restartSendS?: number[];
}

interface Rig {
  slack: FakeSlack;
  telegram: FakeTelegram;
  vigil: VigilProcess;
  db: string;
}

async function setUp(latencyMs = 0): Promise<Rig> {
  const slack = await new FakeSlack().start();
  // Telegram's own limits: about 30 messages/s overall, 1/s per chat.
  const telegram = await new FakeTelegram({ globalPerSecond: 30, perChatPerSecond: 1 }, TOKEN).start();
  telegram.latencyMs = latencyMs;
  const db = path.join(dir, `run-${++runs}.db`);
  const vigil = new VigilProcess(db, await freePort(), slack, { VIGIL_CONFIG: config, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: telegram.apiUrl });
  await vigil.start();
  await slashCommand(vigil, slack, "open P3 Fault run --org acme");
  if (!(await waitFor(() => acceptedSends(telegram, GROUP).some((c) => isCard(c.params.text)), 60_000))) throw new Error("INC-1's card never reached the Telegram group");
  return { slack, telegram, vigil, db };
}

async function tearDown({ slack, telegram, vigil, db }: Rig): Promise<void> {
  await waitFor(async () => (await pendingRows(db)) === 0, 240_000);
  await vigil.stop();
  await slack.close();
  await telegram.close();
}

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(100);
  }
  return false;
}

const accepted = (telegram: FakeTelegram) => acceptedSends(telegram, GROUP).length;

async function outageRun(name: string, outage: Omit<TelegramOutage, "untilMs">): Promise<Run> {
  const rig = await setUp();
  let notesSent = 0;
  const answered: number[] = [];
  const until = Date.now() + WINDOW_S * 1000;
  rig.telegram.outage = { ...outage, untilMs: until };
  while (Date.now() < until - 1000) {
    const n = ++notesSent;
    if ((await slashCommand(rig.vigil, rig.slack, `note 1 ${noteText(n)}`)).status === 200) answered.push(n);
    await sleep(2000);
  }
  await sleep(Math.max(0, until - Date.now()));
  const before = accepted(rig.telegram);
  const moved = await waitFor(() => accepted(rig.telegram) > before, 120_000);
  const movedAfterS = moved ? (Date.now() - until) / 1000 : undefined;
  await tearDown(rig);
  return { name, notesSent, answered, figures: await analyseTelegram(rig.telegram, rig.db, GROUP, answered), movedAfterS };
}

async function killRun(progress: (partial: Run) => void): Promise<Run> {
  const rig = await setUp(200);
  const restartSendS: number[] = [];
  let notesSent = 0;
  const answered: number[] = [];
  for (let trial = 0; trial < KILLS; trial++) {
    const inFlight = [1, 2, 3].map(async (k) => {
      await sleep(k * 150 * Math.random());
      const n = ++notesSent;
      if ((await slashCommand(rig.vigil, rig.slack, `note 1 ${noteText(n)}`)).status === 200) answered.push(n);
    });
    await sleep(200 + Math.random() * 1200);
    await rig.vigil.kill9();
    await Promise.all(inFlight);
    const pending = await pendingRows(rig.db);
    const before = accepted(rig.telegram);
    await rig.vigil.start();
    const ready = Date.now();
    if (pending > 0 && (await waitFor(() => accepted(rig.telegram) > before, 30_000))) restartSendS.push((Date.now() - ready) / 1000);
    progress({ name: `kill -9 × ${trial + 1} of ${KILLS} so far`, notesSent, answered, figures: await analyseTelegram(rig.telegram, rig.db, GROUP, answered), restartSendS });
  }
  await tearDown(rig);
  return { name: `kill -9 × ${KILLS} while notes flow (fake Bot API answers after 200 ms)`, notesSent, answered, figures: await analyseTelegram(rig.telegram, rig.db, GROUP, answered), restartSendS };
}

const SECTION = "## Delivery under faults: one process, Telegram (`npm run faults:telegram`)";

function report(results: Run[]): string {
  const lines = [
    SECTION,
    "",
    `Measured by \`npm run faults:telegram\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at the end ${os.loadavg()[0].toFixed(1)} (the machine was shared).`,
    `The real Vigil process (\`npm start\`, SQLite file) and the real node-telegram-bot-api against the fake Bot API on 127.0.0.1 (strict: its text rules, 30 messages/s overall and 1/s per chat). ACME's incidents are also followed in a Telegram group; notes (\`/incident note 1 fault-N\` from Slack, one every 2 s; Slack stays up) go to that group as replies to INC-1's card, which Vigil paces at Telegram's 20 a minute per group, so the backlog drains at that pace after recovery. Faults last ${WINDOW_S} s${WINDOW_S < 60 ? " (shorter than the issue's 60 s)" : ""} and hit every Bot API call, getUpdates too.`,
    "",
    "Goal: 0 lost, 0 out of order, 0 outside the thread, backlog moving ≤ 5 s after recovery. Telegram offers no idempotency key, so duplicates after kill -9 are expected and reported as measured (no goal of 0).",
    `A slash command that met a process being killed gets no 200 and may never be stored; one answered 200 must be applied. After a restart, 0.00 s means the first pending message went out before \`/healthz\` answered. The issue asks for ≥ 30 kills and 60 s faults; this run used ${KILLS} and ${WINDOW_S} s.`,
    "",
    "| run | notes answered / sent | answered, never applied | notes applied | messages lost | duplicated | out of order | outside thread | cards posted | backlog moves after recovery | met? |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const f = r.figures;
    const moved = movedCell(r);
    const kill = r.restartSendS !== undefined;
    const zero = f.answeredNotApplied + f.lost + f.outOfOrder + f.outsideThread === 0 && (kill || (f.duplicated === 0 && f.cardsPosted === 1));
    const fast = movedInTime(r);
    lines.push(`| ${r.name} | ${r.answered.length}/${r.notesSent} | ${f.answeredNotApplied} | ${f.applied} | ${f.lost} | ${f.duplicated} | ${f.outOfOrder} | ${f.outsideThread} | ${f.cardsPosted} | ${moved} | ${zero && fast ? "met" : "not met"} |`);
  }
  lines.push("");
  return lines.join("\n");
}


async function main(): Promise<void> {
  const out = reportFile();
  await playFaults<Run, Omit<TelegramOutage, "untilMs">>({
    outages: outagePlan(WINDOW_S, "retry_after"),
    outage: outageRun,
    kill: killRun,
    report: (runs) => writeSection(out, SECTION, report(runs)),
  });
  rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
