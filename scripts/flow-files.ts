// Which of Vigil's own files one flow runs through, measured with V8's precise coverage: a
// Slack-style `/incident ack`, an SLA breach found by the sweeper, and a customer's survey
// answer, each on a real SQLite file. Each flow runs once to warm up (modules loaded, caches
// filled), then once measured; a file counts when one of its named functions other than a
// constructor ran.
//
//   npx tsx scripts/flow-files.ts [--list]
import { Session } from "node:inspector/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Reply } from "../src/ports/chat.js";
import { createHarness, type Harness } from "../test/support/harness.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OWN = /^(src|adapters)\//;

async function touched(session: Session, work: () => Promise<unknown>): Promise<string[]> {
  await session.post("Profiler.takePreciseCoverage");
  await work();
  const { result } = await session.post("Profiler.takePreciseCoverage");
  const files = new Set<string>();
  for (const script of result) {
    if (!script.url.startsWith("file://")) continue;
    const file = path.relative(ROOT, fileURLToPath(script.url));
    if (!OWN.test(file) || file.includes("/generated/")) continue;
    // A transaction constructs every repository; a constructor alone (a capitalised name) is not a hop.
    const ran = (f: (typeof script.functions)[number]) => f.ranges[0].count > 0 && f.functionName !== "" && !/^([A-Z]|<instance_members_initializer>)/.test(f.functionName);

    if (script.functions.some(ran)) files.add(file);
  }
  return [...files].sort();
}

let pressed = 0;
function press(h: Harness, person: string, actionId: string): Promise<Reply> {
  const ref = { platform: "console" as const, channelId: person, messageId: "m" };
  return h.vigil.handle({ kind: "action", eventId: `press-${++pressed}`, actor: { platform: "console", userId: person, displayName: person }, at: ref, message: ref, actionId });
}

async function surveyFor(h: Harness, n: number): Promise<number> {
  const ask = await h.as("carol", `/report Problem ${n}`);
  await press(h, "carol", ask.message.actions![2].id);
  await h.as("ben", `/incident assign ${n} me`);
  await h.as("ben", `/resolve ${n} Fixed ${n}`);
  const incident = (await h.store.incidents.findByNumber(n))!;
  const check = (await h.store.followUps.findPendingCheck(incident.id))!;
  await press(h, "carol", `c:${check.id}:y`);
  return (await h.store.followUps.findSurveyByIncident(incident.id))!.id;
}

async function main(): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  const flows: Record<string, string[]> = {};

  const h = await createHarness();
  try {
    await h.as("ben", "/incident open P2 Warm-up --org acme");
    await h.as("ben", "/incident open P2 Measured --org acme");
    await h.as("ben", "/incident ack 1");
    flows["/incident ack"] = await touched(session, () => h.as("ben", "/incident ack 2"));

    await h.as("ben", "/incident open P1 Breach warm-up --org acme");
    h.clock.advance(60 * 60_000);
    await h.tick();
    await h.as("ben", "/incident open P1 Breach --org acme");
    h.clock.advance(60 * 60_000);
    flows["SLA breach (sweeper tick)"] = await touched(session, () => h.tick());

    const warm = await surveyFor(h, 5);
    const measured = await surveyFor(h, 6);
    await press(h, "carol", `s:${warm}:5`);
    flows["survey answer"] = await touched(session, () => press(h, "carol", `s:${measured}:4`));
  } finally {
    await h.close();
  }
  for (const [flow, files] of Object.entries(flows)) {
    console.log(`${flow}: ${files.length} files`);
    if (process.argv.includes("--list")) for (const file of files) console.log(`  ${file}`);
  }
}

await main();
