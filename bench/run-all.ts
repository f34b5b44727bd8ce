// npm run bench [-- name-filter]: runs every bench/*.bench.ts (each exports run(): { name, lines })
// one after another, each in a process of its own, and writes BENCHMARKS.md with the machine,
// the date and the load average. A file still running after BENCH_TIMEOUT_S seconds (default
// 900) is ended with its children and gets a section saying it timed out, with no figures:
// one stuck bench must not hang the whole run.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

interface BenchResult {
  name: string;
  lines: string[];
}

const dir = import.meta.dirname;
const filter = process.argv[2];
const timeoutS = Number(process.env.BENCH_TIMEOUT_S ?? 900);
// After SIGTERM, how long a bench gets to stop what it started (a PostgreSQL cluster) before SIGKILL.
const GRACE_MS = 20_000;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
const load = () => os.loadavg()[0].toFixed(1);

type Outcome = { result: BenchResult } | { timedOut: true } | { failed: string };

let running: number | undefined;
// The bench runs in its own process group (it may start workers); Ctrl-C here ends it too.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (running) process.kill(-running, "SIGTERM");
    process.exit(130);
  });
}

function runApart(file: string): Promise<Outcome> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-"));
  const resultPath = path.join(scratch, "result.json");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(dir, "lib/run-one.ts"), path.join(dir, file), resultPath], {
    stdio: ["ignore", process.stderr, process.stderr],
    detached: true,
  });
  running = child.pid;
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    process.stderr.write(`${file}: still running after ${timeoutS} s, ending it\n`);
    process.kill(-child.pid!, "SIGTERM");
    killer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), GRACE_MS);
  }, timeoutS * 1000);
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      running = undefined;
      // Workers of the bench that outlived it (same group) go with it.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group is already empty
      }
      const written = existsSync(resultPath) ? (JSON.parse(readFileSync(resultPath, "utf8")) as BenchResult) : undefined;
      rmSync(scratch, { recursive: true, force: true });
      if (written) resolve({ result: written });
      else if (timedOut) resolve({ timedOut: true });
      else resolve({ failed: signal ? `killed by ${signal}` : `exited with code ${code}` });
    });
  });
}

// The sections a file wrote before carry "_<file>, <seconds> s, …" or "_<file>, timed out …" under
// their heading. Sections kept by hand (another wording after the file name) are never replaced.
const writtenBy = (section: string, file: string) => {
  const stamp = section.split("\n").find((l) => l.startsWith("_")) ?? "";
  return stamp.startsWith(`_${file}, `) && /^(\d+(\.\d+)? s|timed out)/.test(stamp.slice(file.length + 3));
};
const heading = (section: string) => section.split("\n")[0];
const target = path.join(dir, "..", "BENCHMARKS.md");
const previous = existsSync(target) ? readFileSync(target, "utf8").split(/^(?=## )/m).slice(1) : [];

const sections: string[] = [];
const failures: string[] = [];
for (const file of files) {
  process.stderr.write(`running ${file} (load average ${load()})…\n`);
  const loadAtStart = load();
  const started = performance.now();
  const outcome = await runApart(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const stamp = `measured ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores, load average ${loadAtStart} at start`;
  if ("result" in outcome) {
    sections.push(`## ${outcome.result.name}\n\n_${file}, ${seconds} s, ${stamp}_\n\n${outcome.result.lines.join("\n")}\n`);
    process.stderr.write(`done ${file} in ${seconds} s\n`);
  } else if ("timedOut" in outcome) {
    // Its own heading if it ever wrote a section, so the timed-out note replaces that one.
    const name = previous.find((s) => writtenBy(s, file))?.split("\n")[0].slice(3) ?? file;
    sections.push(`## ${name}\n\n_${file}, timed out after ${timeoutS} s, ${stamp}_\n\nTimed out after ${timeoutS} s — no figures (\`BENCH_TIMEOUT_S\` sets the limit).\n`);
    failures.push(`${file} timed out after ${timeoutS} s`);
  } else {
    // A bench that fails keeps its last section: its error is on stderr, not a measurement.
    failures.push(`${file} failed (${outcome.failed})`);
  }
}

const header = `# Benchmarks\n\nWritten by \`npm run bench\` (last run ${new Date().toISOString().slice(0, 10)}; \`npm run bench -- <name>\` re-measures only the matching sections and keeps the rest, each with its date and machine).\nMachine of the last run: ${machine}.\n\nEach section comes from one file under \`bench/\`; the goals are the issues' figures.\n`;
// A filtered run replaces only its own sections; every other section keeps its last measurement.
const ran = files.filter((f) => sections.some((s) => s.includes(`\n_${f}, `)));
const kept = previous
  .filter((old) => !sections.some((fresh) => heading(fresh) === heading(old)) && !ran.some((f) => writtenBy(old, f)))
  .map((s) => s.trimEnd() + "\n");
writeFileSync(target, `${header}\n${[...kept, ...sections].join("\n")}`);
process.stderr.write(`wrote BENCHMARKS.md (${sections.length} section(s))\n`);
for (const f of failures) process.stderr.write(`${f}\n`);
process.exitCode = failures.length ? 1 : 0;
