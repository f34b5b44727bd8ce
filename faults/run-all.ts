// npm run faults [-- name-filter]: runs every faults/*.fault.ts (each exports run(): { name, lines })
// and writes its section into RELIABILITY.md with the machine and the date. Sections of fault
// runs not run this time are kept as they were, so each run only replaces its own section.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = import.meta.dirname;
const target = path.join(dir, "..", "RELIABILITY.md");
const filter = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith(".fault.ts") && (!filter || f.includes(filter))).sort();

// "## Name" sections of the current file, in order.
const kept = new Map<string, string>();
if (existsSync(target)) {
  for (const part of readFileSync(target, "utf8").split(/^(?=## )/m).slice(1)) kept.set(part.split("\n")[0], part.trimEnd() + "\n");
}
const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<{ name: string; lines: string[] }> };
  const started = performance.now();
  const result = await mod.run();
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const load = os.loadavg()[0].toFixed(1);
  kept.set(`## ${result.name}`, `## ${result.name}\n\n_${file}, ${new Date().toISOString().slice(0, 10)}, ${minutes} min; ${machine}; load average ${load} at the end_\n\n${result.lines.join("\n")}\n`);
  process.stderr.write(`done ${file} in ${minutes} min\n`);
}
const header = "# Reliability\n\nFault runs: `npm run faults:delivery` (delivery through platform faults and kill -9, one process, Slack), `npm run faults:telegram` and `npm run faults:discord` (the same for Telegram and Discord) and `npm run faults` (every `faults/*.fault.ts`, e.g. the PostgreSQL fleet failover). Each run replaces only its own section.\n";
writeFileSync(target, `${header}\n${[...kept.values()].join("\n")}`);
process.stderr.write(`wrote RELIABILITY.md\n`);
