// npm run bench [-- name-filter]: runs every bench/*.bench.ts (each exports run(): { name, lines })
// one after another and writes BENCHMARKS.md with the machine and the date.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface BenchResult {
  name: string;
  lines: string[];
}

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;

const sections: string[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<BenchResult> };
  const started = performance.now();
  const result = await mod.run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  sections.push(`## ${result.name}\n\n_${file}, ${seconds} s, measured ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores_\n\n${result.lines.join("\n")}\n`);
  process.stderr.write(`done ${file} in ${seconds} s\n`);
}

const header = `# Benchmarks\n\nWritten by \`npm run bench\` (last run ${new Date().toISOString().slice(0, 10)}; \`npm run bench -- <name>\` re-measures only the matching sections and keeps the rest, each with its date and machine).\nMachine of the last run: ${machine}.\n\nEach section comes from one file under \`bench/\`; the goals are the issues' figures.\n`;
// A filtered run replaces only its own sections; every other section keeps its last measurement.
const target = path.join(dir, "..", "BENCHMARKS.md");
const previous = existsSync(target) ? readFileSync(target, "utf8").split(/^(?=## )/m).slice(1) : [];
const heading = (section: string) => section.split("\n")[0];
const kept = previous.filter((old) => !sections.some((fresh) => heading(fresh) === heading(old))).map((s) => s.trimEnd() + "\n");
writeFileSync(target, `${header}\n${[...kept, ...sections].join("\n")}`);
process.stderr.write(`wrote BENCHMARKS.md (${sections.length} benchmark(s))\n`);
