// One bench file in a process of its own, for run-all.ts: imports the file, awaits its run()
// and writes the result as JSON to the path given, so anything the bench prints cannot be
// mistaken for its result.
//
//   node --import tsx bench/lib/run-one.ts <bench file> <result.json>
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [file, resultPath] = process.argv.slice(2);
// run-all ends a bench that ran over its time with SIGTERM. Node's default would die without
// running 'exit' listeners; exiting here runs them (bench-postgres stops its cluster in one).
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(143));

const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<{ name: string; lines: string[] }> };
const result = await mod.run();
writeFileSync(resultPath, JSON.stringify(result));
// Benches may leave handles open (servers, pools); the result is written, so end here.
process.exit(0);
