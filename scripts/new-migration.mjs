// npm run db:migrate:new -- <name>
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql from the difference between
// the committed migrations and prisma/schema.prisma. (`migrate dev --create-only` crashes
// offline in Prisma 6.19.3 after writing, so the diff is taken directly.)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^A-Za-z0-9_]/g, "_");
if (!name) {
  console.error("usage: npm run db:migrate:new -- <name>");
  process.exit(64);
}
const dir = "prisma/migrations";
const from = existsSync(dir) ? ["--from-migrations", dir] : ["--from-empty"];
const result = spawnSync(
  path.resolve("node_modules/.bin/prisma"),
  ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--exit-code"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (result.status === 0) {
  console.log("Schema and migrations agree; nothing to write.");
  process.exit(0);
}
if (result.status !== 2) process.exit(result.status ?? 1);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
const lock = path.join(dir, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "sqlite"\n');
writeFileSync(path.join(target, "migration.sql"), result.stdout);
console.log(`wrote ${target}/migration.sql`);
