// Memory of a loaded Vigil (issue 15): the real process, started as production starts it
// (`node dist/main.js` after `npm run build`, and `npm start`'s TypeScript through tsx beside
// it), on an SQLite file that already holds 100,000 incidents, with Slack, Discord and Telegram
// all running against the fake platforms on 127.0.0.1 (with all three configured, main.ts
// starts no console). The incidents are seeded with raw SQL before the start: 99,000 closed
// ones with their timeline and finished timers holding their SLA facts, and 1,000 open ones whose timers
// are pending (some due at once, so the first ticks send nudges). Then a few commands from each
// platform, and the process is left to run its 15-second scheduler ticks; VmRSS is read from
// /proc every few seconds. For what holds the memory: the heap figures from the process's own
// /metrics, the same production start on an empty file (what the 100k incidents add), and a heap
// snapshot of the production run summarised by constructor.
// Goal (issue 15): RSS ≤ 150 MB with every adapter running after 100k incidents.
//
//   npx tsx bench/rss.bench.ts
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../src/infra/prisma/migrate-sqlite.js";
import { freePort, sleep } from "../faults/vigil-process.js";
import { FakeDiscord } from "../test/fakes/fake-discord.js";
import { DISCORD_IDS, DISCORD_TOKEN, newFakeDiscord, slashInteraction } from "../test/fakes/fake-discord-interactions.js";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { sendSlashCommand, slackFixture } from "../test/fakes/fake-slack-requests.js";
import { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { isMain, machineLoad, printResult, type BenchResult } from "./lib/slack-bench.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const NODE_FLAGS: string[] = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).config?.nodeFlags ?? "").split(" ").filter(Boolean);
const INCIDENTS = 100_000;
const OPEN = 1_000;
/** Open incidents whose SLA timer is already due when Vigil starts (the catch-up tick acts on them). */
const DUE_AT_START = 50;
/** How long the process runs after the commands: four scheduler ticks. */
const RUN_MS = 60_000;
const SAMPLE_MS = 2_000;
const GOAL_MB = 150;
const SECRET = "rss-bench-signing-secret-0123456789";
const TELEGRAM_TOKEN = "123456:RSSBENCH";

// As Prisma's SQLite adapter writes DateTime (see src/infra/prisma/sql-runner.ts).
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** 100k incidents straight into a migrated file: rows as Vigil writes them, one transaction. */
function seed(file: string, incidents: number): number {
  migrateSqlite(`file:${file}`);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const started = performance.now();
  const now = Date.now();
  const s = {
    org: db.prepare("INSERT OR IGNORE INTO Organisation (id, name) VALUES (?, ?)"),
    incident: db.prepare(
      `INSERT INTO Incident (number, title, description, severity, status, organisationId, reporterId, assigneeId, tier, version, resolution,
        openedAt, acknowledgedAt, acknowledgedById, resolvedAt, closedAt, updatedAt)
       VALUES (?, ?, '', ?, ?, ?, 'ana', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ),
    timeline: db.prepare("INSERT INTO TimelineEntry (incidentId, at, kind, actorId, platform, details) VALUES (?, ?, ?, ?, 'slack', ?)"),
    // An incident's timer row holds its SLA facts.
    timer: db.prepare("INSERT INTO SlaTimer (key, incidentId, dueAt, status, generation, severity, lastUpdateAt, pauses) VALUES (?, ?, ?, ?, 1, ?, ?, '[]')"),
    sequence: db.prepare("INSERT INTO Sequence (name, value) VALUES ('incident', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"),
  };
  const severities = ["P1", "P2", "P3", "P4"];
  const orgs = ["acme", "globex"];
  db.transaction(() => {
    s.org.run("acme", "ACME Corp");
    s.org.run("globex", "Globex");
    for (let n = 1; n <= incidents; n++) {
      const open = n > incidents - OPEN;
      // Spread over the last year; the open ones are the most recent.
      const openedAt = new Date(now - (incidents - n + 1) * 300_000);
      const ackAt = new Date(openedAt.getTime() + 240_000);
      const resolvedAt = new Date(openedAt.getTime() + 3_600_000);
      const severity = severities[n % 4];
      const org = orgs[n % 2];
      const { id } = s.incident.get(
        n, `Seeded incident ${n}: disk full on db-${n % 97}`, severity, open ? "acknowledged" : "closed", org, open ? null : "ben", open ? 2 : 4,
        open ? null : "Added a disk", iso(openedAt), iso(ackAt), "ben", open ? null : iso(resolvedAt), open ? null : iso(resolvedAt), iso(open ? ackAt : resolvedAt),
      ) as { id: number };
      s.timeline.run(id, iso(openedAt), "opened", "ana", JSON.stringify({ severity, title: "Seeded", organisationId: org }));
      s.timeline.run(id, iso(ackAt), "acknowledged", "ben", JSON.stringify({ from: "open", to: "acknowledged" }));
      if (!open) {
        s.timeline.run(id, iso(resolvedAt), "resolved", "ben", JSON.stringify({ from: "acknowledged", to: "resolved", note: "Added a disk" }));
        s.timeline.run(id, iso(resolvedAt), "closed", "ben", JSON.stringify({ from: "resolved", to: "closed" }));
      }
      const due = open && n > incidents - DUE_AT_START ? new Date(now - 1_000) : new Date(now + 3_600_000 + n * 1_000);
      s.timer.run(`incident:${id}`, id, iso(open ? due : resolvedAt), open ? "pending" : "done", severity, iso(open ? ackAt : resolvedAt));
    }
    if (incidents > 0) s.sequence.run(incidents);
  })();
  db.close();
  return (performance.now() - started) / 1000;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The named prom-client default metrics, in MB. */
async function heapFigures(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? NaN) / 2 ** 20;
  const space = (name: string) => read(`nodejs_heap_space_size_used_bytes\\{space="${name}"\\}`);
  return { heapUsed: read("nodejs_heap_size_used_bytes"), heapTotal: read("nodejs_heap_size_total_bytes"), external: read("nodejs_external_memory_bytes"), old: space("old"), code: space("code"), large: space("large_object") };
}

/** The biggest holders in a V8 heap snapshot: self size summed per constructor (objects, closures) or per kind (strings, code, arrays…). */
function snapshotSummary(file: string, top: number): string {
  const snap = JSON.parse(readFileSync(file, "utf8")) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const by = new Map<string, { bytes: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]];
    const key = type === "object" || type === "closure" ? `${snap.strings[snap.nodes[i + nameAt]]}${type === "closure" ? " (closure)" : ""}` : `(${type})`;
    const entry = by.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += snap.nodes[i + sizeAt];
    entry.count++;
    total += snap.nodes[i + sizeAt];
    by.set(key, entry);
  }
  const biggest = [...by.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
  return `${(total / 2 ** 20).toFixed(0)} MB live in the snapshot; biggest: ` + biggest.map(([k, v]) => `${k.replace(/\|/g, "/")} ${(v.bytes / 2 ** 20).toFixed(1)} MB (${v.count.toLocaleString("en")})`).join(", ");
}

/** Ask the process for a heap snapshot (it was started with --heapsnapshot-signal) and wait until it is written. */
async function takeSnapshot(child: ChildProcess, dir: string): Promise<string> {
  child.kill("SIGUSR2");
  let last = -1;
  for (let waited = 0; waited < 120_000; waited += 1_000) {
    await sleep(1_000);
    const file = readdirSync(dir).find((f) => f.endsWith(".heapsnapshot"));
    if (!file) continue;
    const size = statSync(path.join(dir, file)).size;
    if (size > 0 && size === last) return path.join(dir, file);
    last = size;
  }
  throw new Error("no heap snapshot within 120 s");
}

interface Sample {
  start: string;
  incidents: number;
  seedS: number;
  readyS: number;
  rssAtReady: number;
  rssAfterCommands: number;
  rssEnd: number;
  rssPeak: number;
  heap: Record<string, number>;
  answered: string;
  gaveUp: number;
  snapshot?: string;
}

async function measure(start: "start" | "start:prod", incidents: number, snapshot = false): Promise<Sample> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-rss-"));
  const file = path.join(dir, "vigil.db");
  const [slack, discord, telegram] = await Promise.all([new FakeSlack({ token: "xoxb-rss" }).start(), newFakeDiscord().start(), new FakeTelegram({}, TELEGRAM_TOKEN).start()]);
  let child: ChildProcess | undefined;
  try {
    const seedS = seed(file, incidents);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The node flags `npm start` and `npm run start:prod` pass (package.json "config"), so this is the process they start.
    const flags = [...NODE_FLAGS, ...(snapshot ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${dir}`] : [])];
    const entry = [...flags, ...(start === "start" ? ["--import", "tsx", path.join(ROOT, "src/main.ts")] : [path.join(ROOT, "dist/main.js")])];
    const spawned = performance.now();
    child = spawn(process.execPath, entry, {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${file}`,
        VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml"),
        PORT: String(port),
        LOG_LEVEL: "error",
        SLACK_BOT_TOKEN: "xoxb-rss",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN,
        DISCORD_APPLICATION_ID: DISCORD_IDS.app,
        DISCORD_API_URL: discord.apiUrl,
        TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        TELEGRAM_API_URL: telegram.apiUrl,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    // Threads and nudges of seeded incidents whose cards were never posted are given up on (logged): counted, not shown.
    let gaveUp = 0;
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
      gaveUp += d.toString().split("giving up on outbox message").length - 1;
    });
    const pid = child.pid!;
    for (;;) {
      if ((await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) && telegram.callsTo("getUpdates").length > 0) break;
      if (child.exitCode !== null) throw new Error(`Vigil exited with ${child.exitCode}: ${stderr}`);
      if (performance.now() - spawned > 180_000) throw new Error("Vigil did not start within 180 s");
      await sleep(100);
    }
    const readyS = (performance.now() - spawned) / 1000;
    const rssAtReady = rssMb(pid);
    let peak = rssAtReady;
    // A few commands from each platform: open and ack from Slack, ack from Discord, help from Telegram.
    const slash = async (user: string, text: string, n: number) => {
      const fields = { ...slackFixture<Record<string, string>>("slash-command"), user_id: user, channel_id: "C0ACMEINC", text, trigger_id: `t.${n}`, response_url: slack.responseUrl(`T0001/${n}/rss`) };
      return (await sendSlashCommand(`${base}/slack/events`, SECRET, fields)).status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await slash("U0ANA", `open P2 RSS bench ${i} --org acme`, i));
    for (let i = 0; i < 5; i++) statuses.push(await slash("U0BEN", `ack ${incidents + 1 + i}`, 10 + i));
    discord.pushInteraction(slashInteraction("ben", "note", [{ name: "incident", value: `INC-${incidents + 1}` }, { name: "text", value: "From Discord" }]));
    telegram.say({ id: 5001, first_name: "Ana" }, "/incident show INC-1");
    await sleep(SAMPLE_MS);
    const rssAfterCommands = rssMb(pid);
    peak = Math.max(peak, rssAfterCommands);
    for (let waited = 0; waited < RUN_MS; waited += SAMPLE_MS) {
      await sleep(SAMPLE_MS);
      peak = Math.max(peak, rssMb(pid));
    }
    const rssEnd = rssMb(pid);
    const heap = await heapFigures(base);
    const slackPosts = slack.calls.filter((c) => c.method === "chat.postMessage").length;
    const answered = `Slack HTTP ${[...new Set(statuses)].join("/")}; ${slackPosts} Slack posts, ${telegram.callsTo("sendMessage").length} Telegram messages sent`;
    const summary = snapshot ? snapshotSummary(await takeSnapshot(child, dir), 8) : undefined;
    return { start, incidents, seedS, readyS, rssAtReady, rssAfterCommands, rssEnd, rssPeak: Math.max(peak, rssEnd), heap, answered, gaveUp, ...(summary ? { snapshot: summary } : {}) };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await Promise.all([slack.close(), discord.close(), telegram.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (x: number) => `${x.toFixed(0)} MB`;

/** RSS after loading each part of Vigil in a fresh node process (bench/lib/memory-probe.mjs), in MB. */
function loadCosts(): { name: string; rss: number; heapTotal: number }[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-probe-"));
  try {
    const out = execFileSync(process.execPath, ["--expose-gc", path.join(ROOT, "bench/lib/memory-probe.mjs"), ROOT, path.join(dir, "probe.db")], { cwd: ROOT, encoding: "utf8" });
    return out.trim().split("\n").map((line) => JSON.parse(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run the benchmark and describe it as Markdown lines. */
export async function run(): Promise<BenchResult> {
  const load = machineLoad();
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  const prod = await measure("start:prod", INCIDENTS);
  const tsx = await measure("start", INCIDENTS);
  const empty = await measure("start:prod", 0);
  // Its own run: writing a snapshot costs memory and time, so the figures above come without it.
  const snapshot = await measure("start:prod", INCIDENTS, true);
  const costs = loadCosts();
  const loaded = costs.map((c, i) => (i === 0 ? `${c.name} ${mb(c.rss)}` : `+ ${c.name} ${mb(c.rss - costs[i - 1].rss)}`)).join(", ");
  const how = (s: Sample) => `${s.start === "start" ? "`npm start` (tsx)" : "`npm run start:prod` (node dist/main.js)"}, ${s.incidents.toLocaleString("en")} incidents`;
  const row = (s: Sample) =>
    `| ${how(s)} | ${s.readyS.toFixed(1)} s | ${mb(s.rssAtReady)} | ${mb(s.rssAfterCommands)} | ${mb(s.rssEnd)} | ${mb(s.rssPeak)} | ${mb(s.heap.heapUsed)} / ${mb(s.heap.heapTotal)} (old ${mb(s.heap.old)}, code ${mb(s.heap.code)}, large ${mb(s.heap.large)}) | ${mb(s.heap.external)} | ${mb(s.rssEnd - s.heap.heapTotal - s.heap.external)} |`;
  return {
    name: "Memory with every adapter running after 100k incidents (RSS of the real process)",
    lines: [
      "| start | ready after | RSS ready | RSS after commands | RSS after 60 s of ticks | peak RSS | V8 heap used / total (spaces used) | external (ArrayBuffers) | rest of RSS (code, native, SQLite, WASM) |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
      row(prod),
      row(tsx),
      row(empty),
      "",
      `Goal: RSS ≤ ${GOAL_MB} MB with every adapter running after 100k incidents, production start, peak over the run: ${mb(prod.rssPeak)} — **${prod.rssPeak <= GOAL_MB ? "met" : "not met"}**` +
        ` (\`npm start\` through tsx: ${mb(tsx.rssPeak)} — ${tsx.rssPeak <= GOAL_MB ? "met" : "not met"}).` +
        (prod.rssPeak - empty.rssPeak >= 1
          ? ` The 100k incidents add ${mb(prod.rssPeak - empty.rssPeak)} to the peak over the same start on an empty file (${mb(empty.rssPeak)}).`
          : ` The 100k incidents add nothing measurable to the peak over the same start on an empty file (${mb(empty.rssPeak)}).`),
      `What the RSS is before any work (a fresh node importing the build a part at a time, RSS after a full GC): ${loaded}; ${mb(costs.at(-1)!.rss)} in all, ${mb(costs.at(-1)!.heapTotal)} of it V8's heap (bench/lib/memory-probe.mjs).`,
      `What the heap holds (production start, 100k incidents, a separate run with a snapshot at the end, RSS peak ${mb(snapshot.rssPeak)} before it): ${snapshot.snapshot}.`,
      `Setup: node flags of the start scripts: \`${NODE_FLAGS.join(" ")}\` (and \`--optimize-for-size\`, set by main.ts). ${INCIDENTS.toLocaleString("en")} incidents seeded with raw SQL in ${prod.seedS.toFixed(1)} s (${(INCIDENTS - OPEN).toLocaleString("en")} closed with 4 timeline rows and a finished timer holding its SLA facts each; ${OPEN.toLocaleString("en")} acknowledged with pending timers, ${DUE_AT_START} due at start), ` +
        `then Vigil on vigil.example.yaml with Slack (real Bolt on Vigil's HTTP server), Discord (real discord.js, fake gateway and REST) and Telegram (long polling) against the fakes; ` +
        `5 opens and 5 acks from Slack, a note from Discord, a /incident show from Telegram, then ${RUN_MS / 1000} s of 15-second scheduler ticks, VmRSS from /proc every ${SAMPLE_MS / 1000} s. ` +
        `Heap figures from the process's own /metrics at the end; "rest" is RSS minus V8's heap and external memory. Production run: ${prod.answered}; ${prod.gaveUp} thread and nudge messages of seeded incidents given up on (their cards were never posted). Node ${process.version}, ${load} at start.`,
    ],
  };
}

if (isMain(import.meta.url)) {
  printResult(await run());
}
