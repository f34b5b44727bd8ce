// `npm run faults:discord`: the real Vigil process and the real discord.js against the fake
// Discord (REST and gateway) on 127.0.0.1. Notes are typed as `/incident note 1 fault-N`
// slash commands, pushed over the gateway as INTERACTION_CREATE, one every 2 s; Vigil stores
// each, defers it, and posts it in INC-1's card thread. Discord's REST then rate-limits (a
// route's 429 with retry_after 1 s and 5 s, a global 429 of 5 s), answers 500, hangs or resets
// connections for FAULT_WINDOW_S seconds (default 60), then FAULT_KILLS (default 30) kill -9 at
// random moments. Figures go to their own RELIABILITY.md section.
import os from "node:os";
import type { DiscordOutage } from "../test/fakes/fake-discord.js";
import { analyseDiscord, pendingDiscordRows, type DiscordFigures } from "./analyse-discord.js";
import { accepted, CHANNEL, DiscordRigs, identifiedAfter, pushNote, waitFor } from "./discord-rig.js";
import { movedCell, movedInTime, outagePlan, playFaults, reportFile } from "./fault-plan.js";
import { sleep } from "./vigil-process.js";
import { writeSection } from "./write-section.js";

const WINDOW_S = Number(process.env.FAULT_WINDOW_S ?? 60);
const KILLS = Number(process.env.FAULT_KILLS ?? 30);
const rigs = new DiscordRigs();

interface Run {
  name: string;
  figures: DiscordFigures;
  /** Seconds from the end of the fault until the backlog moved (first delivery Discord accepted). */
  movedAfterS?: number;
  /** Per restart with rows pending: seconds from ready to the first delivery Discord accepted. */
  restartSendS?: number[];
}

async function outageRun(name: string, outage: Omit<DiscordOutage, "untilMs">): Promise<Run> {
  const rig = await rigs.setUp();
  const until = Date.now() + WINDOW_S * 1000;
  rig.discord.outage = { ...outage, untilMs: until };
  for (let n = 1; Date.now() < until - 1000; n++) {
    pushNote(rig, n);
    await sleep(2000);
  }
  await sleep(Math.max(0, until - Date.now()));
  const before = accepted(rig.discord);
  const moved = await waitFor(() => accepted(rig.discord) > before, 120_000);
  const movedAfterS = moved ? (Date.now() - until) / 1000 : undefined;
  await rigs.tearDown(rig);
  return { name, figures: await analyseDiscord(rig.discord, rig.db, CHANNEL, rig.pushed), movedAfterS };
}

async function killRun(progress: (partial: Run) => void): Promise<Run> {
  const rig = await rigs.setUp(200);
  const restartSendS: number[] = [];
  let n = 0;
  for (let trial = 0; trial < KILLS; trial++) {
    const inFlight = [1, 2, 3].map(async (k) => {
      await sleep(k * 150 * Math.random());
      pushNote(rig, ++n);
    });
    await sleep(200 + Math.random() * 1200);
    await rig.vigil.kill9();
    await Promise.all(inFlight);
    const pending = await pendingDiscordRows(rig.db);
    const before = accepted(rig.discord);
    const identified = rig.discord.gateway.identifies.length;
    await rig.vigil.start();
    const ready = Date.now();
    if (pending > 0 && (await waitFor(() => accepted(rig.discord) > before, 30_000))) restartSendS.push((Date.now() - ready) / 1000);
    await identifiedAfter(rig.discord, identified);
    progress({ name: `kill -9 × ${trial + 1} of ${KILLS} so far`, figures: await analyseDiscord(rig.discord, rig.db, CHANNEL, rig.pushed), restartSendS });
  }
  await rigs.tearDown(rig);
  return { name: `kill -9 × ${KILLS} while notes flow (fake Discord answers after 200 ms)`, figures: await analyseDiscord(rig.discord, rig.db, CHANNEL, rig.pushed), restartSendS };
}

const SECTION = "## Delivery under faults: one process, Discord (`npm run faults:discord`)";

function report(results: Run[]): string {
  const lines = [
    SECTION,
    "",
    `Measured by \`npm run faults:discord\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at the end ${os.loadavg()[0].toFixed(1)} (the machine was shared).`,
    `The real Vigil process (\`npm start\`, SQLite file) and the real discord.js against the fake Discord REST API and gateway on 127.0.0.1 (strict: Discord's message limits, its 3 s for an interaction's first answer, \`enforce_nonce\` within 3 minutes). Notes are Discord slash commands (\`/incident note 1 fault-N\` from Ben, one every 2 s, over the gateway); Vigil stores each, defers it, answers it by editing the deferred reply, and posts it in INC-1's card thread, paced at 1 a second (burst 5) per channel. Faults last ${WINDOW_S} s${WINDOW_S < 60 ? " (shorter than the issue's 60 s)" : ""} and hit every REST call made with the bot token (messages, threads, edits); interaction callbacks and interaction replies stay up, as Discord serves them apart from the bot's limits, and so does the gateway. A 429 carries Discord's body (\`retry_after\` in seconds, \`global\`) and headers (Retry-After, X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket/Scope, or X-RateLimit-Global).`,
    "",
    "Goal: 0 lost of every kind, 0 out of order, 0 outside the thread, 0 duplicates (Discord offers idempotency: Vigil sends each row's `nonce` with `enforce_nonce`), backlog moving ≤ 5 s after recovery.",
    "A command whose interaction met a process being killed may never be deferred (Discord tells the person the application did not respond); one deferred must be applied and answered. After a restart, 0.00 s means the first pending message went out before `/healthz` answered.",
    "",
    "| run | commands answered | answered, never applied | messages lost | duplicated | out of order | outside thread | replies lost | cards posted | backlog moves after recovery | met? |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const f = r.figures;
    const zero = f.answeredNotApplied + f.lost + f.duplicated + f.outOfOrder + f.outsideThread + f.repliesLost === 0 && f.cardsPosted === 1;
    lines.push(`| ${r.name} | ${f.answered}/${f.commandsSent} | ${f.answeredNotApplied} | ${f.lost} | ${f.duplicated} | ${f.outOfOrder} | ${f.outsideThread} | ${f.repliesLost} | ${f.cardsPosted} | ${movedCell(r)} | ${zero && movedInTime(r) ? "met" : "not met"} |`);
  }
  const matched = results.map((r) => `${r.name.split(" while")[0].split(", for")[0].split(" for")[0]}: ${r.figures.resentMatched}`).join("; ");
  const bare = results.reduce((sum, r) => sum + r.figures.createsWithoutNonce, 0);
  lines.push("", `Re-sends Discord answered with the message it already had (same \`nonce\`, \`enforce_nonce\`; each a duplicate avoided): ${matched}. Message creates sent without \`nonce\` + \`enforce_nonce\`, all runs: ${bare} (goal 0: ${bare === 0 ? "met" : "not met"}).`, "");
  return lines.join("\n");
}

async function main(): Promise<void> {
  const out = reportFile();
  await playFaults<Run, Omit<DiscordOutage, "untilMs">>({
    outages: [...outagePlan(WINDOW_S, "retry_after"), ["429-global", `global 429, retry_after 5 s, for ${WINDOW_S} s`, { kind: "429", retryAfter: 5, global: true }]],
    outage: outageRun,
    kill: killRun,
    report: (runs) => writeSection(out, SECTION, report(runs)),
  });
  rigs.remove();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
