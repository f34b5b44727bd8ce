// Vitest global setup: every run has a real PostgreSQL for the suites that need one.
// CI (.ci/run) starts a cluster and exports VIGIL_TEST_PG_URL; it must work, or the run fails.
// Without it (a developer's `npm test`), a throwaway cluster is started here and stopped after.
import { execFileSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../../src/infra/prisma/migrate-postgres.js";

/** A migrated database each test database is copied from (CREATE DATABASE … TEMPLATE). */
export const PG_TEMPLATE = "vigil_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let startedDir: string | undefined;

async function reachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(`PostgreSQL for the tests is not reachable at ${url}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

// Migrating takes ~0.5 s, copying a migrated database a few milliseconds.
async function createTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${PG_TEMPLATE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${PG_TEMPLATE}`;
  await migratePostgres(u.toString());
}

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.VIGIL_TEST_PG_URL;
  if (!url) {
    let out: string;
    try {
      out = execFileSync("scripts/pg-test-cluster.sh", ["start"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        // `npm test` on a fresh Debian machine installs the package, as .ci/run does.
        env: { ...process.env, VIGIL_PG_INSTALL: process.env.VIGIL_PG_INSTALL ?? "1" },
      });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
      throw new Error(`The tests need PostgreSQL: set VIGIL_TEST_PG_URL or install Debian's postgresql package.\n${stderr}`);
    }
    const vars = Object.fromEntries(out.trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
    url = vars.VIGIL_TEST_PG_URL;
    startedDir = vars.VIGIL_TEST_PG_DIR;
    process.env.VIGIL_TEST_PG_URL = url;
  }
  await reachable(url!);
  await createTemplate(url!);
  project.provide("pgUrl", url!);
}

export function teardown(): void {
  if (startedDir) execFileSync("scripts/pg-test-cluster.sh", ["stop", startedDir], { stdio: "ignore" });
}
