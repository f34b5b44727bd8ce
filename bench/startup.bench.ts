// Start-up time and idle memory, the quick start (`npm start`, TypeScript through tsx) against
// the production start (`npm run start:prod`, node dist/main.js from `npm run build`).
// Each start is the console on vigil.example.yaml with a fresh SQLite file (migrations run),
// fed one command; "answers" is the time from spawning npm until the command's reply is on
// stdout. Idle RSS is read from /proc after 10 s of idling, summed over the process tree npm
// starts (npm, sh, tsx's launcher and node), and for Vigil's own node process alone.
// Goal (issue 14): the production start answers sooner and idles smaller than npm start,
// which the issue found at about 4 s and 240 MB.
//
//   npx tsx bench/startup.bench.ts
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = 3;
const IDLE_MS = 10_000;

/** A bench's result, as bench/run-all.ts writes it. */
export interface BenchResult {
  name: string;
  lines: string[];
}

interface Sample {
  answerMs: number;
  treeRssMb: number;
  vigilRssMb: number;
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Every descendant of `pid` (and itself) with its command line. */
function tree(pid: number): { pid: number; cmd: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    out.push({ pid: p, cmd: readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ") });
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

async function once(script: string): Promise<Sample> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-start-"));
  const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "vigil.db")}`, VIGIL_CONFIG: path.join(ROOT, "vigil.example.yaml"), LOG_LEVEL: "error" };
  const started = performance.now();
  const child = spawn("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["pipe", "pipe", "inherit"] });
  child.stdin.write("/as ana\n/incident open P3 Bench start --org acme\n");
  let out = "";
  const answerMs = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("✔ Opened INC-1")) resolve(performance.now() - started);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited ${code} before answering:\n${out}`)));
  });
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const procs = tree(child.pid!);
  const treeRssMb = procs.reduce((sum, p) => sum + rssKb(p.pid), 0) / 1024;
  const vigil = procs.filter((p) => /(src\/main\.ts|dist\/main\.js)/.test(p.cmd) && !/\bnpm\b/.test(p.cmd)).at(-1);
  const vigilRssMb = vigil ? rssKb(vigil.pid) / 1024 : NaN;
  const exited = new Promise((r) => child.once("exit", r));
  child.stdin.end();
  await exited;
  rmSync(dir, { recursive: true, force: true });
  return { answerMs, treeRssMb, vigilRssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<BenchResult> {
  const buildStarted = performance.now();
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  const buildS = (performance.now() - buildStarted) / 1000;
  const load = os.loadavg()[0].toFixed(1);
  const results: Record<string, Sample[]> = { start: [], "start:prod": [] };
  // Alternate, so a change in the machine's load hits both alike.
  for (let i = 0; i < RUNS; i++) for (const script of Object.keys(results)) results[script].push(await once(script));
  const row = (script: string, how: string) => {
    const s = results[script];
    return `| \`npm ${script === "start" ? "start" : "run start:prod"}\` | ${how} | ${(median(s.map((x) => x.answerMs)) / 1000).toFixed(2)} s | ${median(s.map((x) => x.treeRssMb)).toFixed(0)} MB | ${median(s.map((x) => x.vigilRssMb)).toFixed(0)} MB |`;
  };
  const faster = median(results["start:prod"].map((x) => x.answerMs)) < median(results.start.map((x) => x.answerMs));
  const leaner = median(results["start:prod"].map((x) => x.treeRssMb)) < median(results.start.map((x) => x.treeRssMb));
  return {
    name: "Start-up time and idle memory: npm start (tsx) vs npm run start:prod (node dist/main.js)",
    lines: [
      `| start | what runs | first command answered (median of ${RUNS}) | idle RSS, whole process tree | idle RSS, Vigil's node process |`,
      "|---|---|---:|---:|---:|",
      row("start", "TypeScript through tsx"),
      row("start:prod", "compiled JavaScript"),
      "",
      `Goal: the production start answers sooner and idles smaller than \`npm start\`. Answering sooner: **${faster ? "met" : "not met"}**; smaller idle tree: **${leaner ? "met" : "not met"}**.`,
      `Setup: console adapter on vigil.example.yaml, a fresh SQLite file per start (migrations applied), timed from spawning npm to the reply of \`/incident open\`; RSS after ${IDLE_MS / 1000} s idle. \`npm run build\` took ${buildS.toFixed(1)} s. Load average ${load} on ${os.cpus().length} cores at start.`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.log(`## ${result.name}\n\n${result.lines.join("\n")}`);
}
