// PostgreSQL for benchmarks: $VIGIL_BENCH_PG_URL (an existing server) or a throwaway cluster
// started with scripts/pg-test-cluster.sh (the same tuning the tests use: fsync off).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A server to create bench databases on; `stop()` ends a cluster this process started. */
export interface BenchPostgres {
  url: string;
  /** A new empty database; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
  /** What the figures ran on (for the report). */
  describe: string;
  /**
   * CPU milliseconds the server has spent so far (postmaster, live backends and the backends
   * it has reaped), when it runs on this machine: the cluster this process started, or the one
   * in $VIGIL_BENCH_PG_DIR. Undefined for a server elsewhere.
   */
  cpuMs(): number | undefined;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

// utime, stime, cutime, cstime of /proc/<pid>/stat (fields 14-17), and the parent pid (field 4).
function procTimes(pid: string): { ppid: string; own: number; reaped: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    const n = (i: number) => Number(fields[i - 3]);
    return { ppid: fields[1], own: (n(14) + n(15)) * TICK_MS, reaped: (n(16) + n(17)) * TICK_MS };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

function serverCpuMs(dataDir: string): number {
  const postmaster = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0].trim();
  const main = procTimes(postmaster);
  let total = main ? main.own + main.reaped : 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid) || pid === postmaster) continue;
    const t = procTimes(pid);
    if (t?.ppid === postmaster) total += t.own;
  }
  return total;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  let url = process.env.VIGIL_BENCH_PG_URL;
  let dir: string | undefined;
  if (!url) {
    const out = execFileSync(path.join(ROOT, "scripts/pg-test-cluster.sh"), ["start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const vars = Object.fromEntries(out.trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));
    url = vars.VIGIL_TEST_PG_URL;
    dir = vars.VIGIL_TEST_PG_DIR;
  }
  // A bench ended early (run-all's timeout, Ctrl-C) never reaches its finally: the cluster is
  // stopped on exit too, so no postgres outlives the run.
  const stopCluster = () => {
    if (dir) execFileSync(path.join(ROOT, "scripts/pg-test-cluster.sh"), ["stop", dir], { stdio: "ignore" });
    dir = undefined;
  };
  process.once("exit", stopCluster);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  await admin.end();
  return {
    url: url!,
    describe: `PostgreSQL ${version} on 127.0.0.1${dir ? " (throwaway cluster, fsync off)" : ""}`,
    async createDatabase() {
      const name = `vigil_bench_${randomBytes(4).toString("hex")}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE DATABASE "${name}"`);
      await c.end();
      const u = new URL(url!);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: stopCluster,
    cpuMs() {
      const local = dir ?? process.env.VIGIL_BENCH_PG_DIR;
      return local ? serverCpuMs(path.join(local, "data")) : undefined;
    },
  };
}
