// Writes prisma/pg/schema.prisma from prisma/schema.prisma, the one schema people edit.
// Only the datasource provider and the generated client's folder differ; models are copied.
// `--check` exits 1 when the committed derived schema is out of date (CI).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";

const TARGET = "prisma/pg/schema.prisma";
const source = readFileSync("prisma/schema.prisma", "utf8");
const derived =
  "// GENERATED from prisma/schema.prisma by scripts/sync-pg-schema.mjs; edit that file instead.\n" +
  source
    .replace(/provider(\s*)=(\s*)"sqlite"/, 'provider$1=$2"postgresql"')
    .replace(/output(\s*)=(\s*)"\.\.\/src\/generated\/prisma"/, 'output$1=$2"../../src/generated/prisma-pg"');
if (!derived.includes('"postgresql"') || !derived.includes("generated/prisma-pg")) {
  console.error("sync-pg-schema: the provider or output line of prisma/schema.prisma was not found");
  process.exit(1);
}
if (process.argv.includes("--check")) {
  const current = existsSync(TARGET) ? readFileSync(TARGET, "utf8") : "";
  if (current !== derived) {
    console.error(`sync-pg-schema: ${TARGET} is out of date; run npm run db:generate`);
    process.exit(1);
  }
  process.exit(0);
}
mkdirSync("prisma/pg", { recursive: true });
writeFileSync(TARGET, derived);
