// npm run db:migrate:new -- <name>
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql (SQLite) and the same-named
// prisma/pg/migrations/…/migration.sql (PostgreSQL), each from the difference between that
// provider's committed migrations and the schema. prisma/schema.prisma is the one file edited;
// prisma/pg/schema.prisma is derived from it first. (`migrate dev --create-only` crashes offline
// in Prisma 6.19.3 after writing, so the diff is taken directly.)
// The PostgreSQL diff replays migrations into a shadow database: it uses $VIGIL_TEST_PG_URL, or
// starts a throwaway cluster with scripts/pg-test-cluster.sh for the duration.
import { spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^A-Za-z0-9_]/g, "_");
if (!name) {
  console.error("usage: npm run db:migrate:new -- <name>");
  process.exit(64);
}
const prisma = path.resolve("node_modules/.bin/prisma");
execFileSync(process.execPath, ["scripts/sync-pg-schema.mjs"], { stdio: "inherit" });

function diff(config, dir, schema, env) {
  const from = existsSync(dir) ? ["--from-migrations", dir] : ["--from-empty"];
  const r = spawnSync(prisma, ["migrate", "diff", "--config", config, ...from, "--to-schema-datamodel", schema, "--script", "--exit-code"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  if (r.status === 0) return undefined;
  if (r.status !== 2) {
    console.error(`prisma migrate diff (${config}) failed with exit ${r.status}`);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
}

function withPostgres(work) {
  if (process.env.VIGIL_TEST_PG_URL) return work(process.env.VIGIL_TEST_PG_URL);
  const out = execFileSync("scripts/pg-test-cluster.sh", ["start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const vars = Object.fromEntries(out.trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));
  try {
    return work(vars.VIGIL_TEST_PG_URL);
  } finally {
    execFileSync("scripts/pg-test-cluster.sh", ["stop", vars.VIGIL_TEST_PG_DIR], { stdio: "inherit" });
  }
}

const sqlite = diff("prisma.config.ts", "prisma/migrations", "prisma/schema.prisma", process.env);
const postgres = withPostgres((url) => diff("prisma.pg.config.ts", "prisma/pg/migrations", "prisma/pg/schema.prisma", { ...process.env, DATABASE_URL: url }));
if (!sqlite && !postgres) {
  console.log("Schema and migrations agree; nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [dir, provider, sql] of [["prisma/migrations", "sqlite", sqlite], ["prisma/pg/migrations", "postgresql", postgres]]) {
  if (!sql) continue;
  const target = path.join(dir, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  const lock = path.join(dir, "migration_lock.toml");
  if (!existsSync(lock)) writeFileSync(lock, `provider = "${provider}"\n`);
  writeFileSync(path.join(target, "migration.sql"), sql);
  console.log(`wrote ${target}/migration.sql`);
}
