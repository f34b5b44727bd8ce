// The CPU profile that commands.bench.ts reads "where the CPU goes" from: work that is plainly
// SQLite's, or plainly Vigil's own, is given to that part.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Prisma } from "../../src/generated/prisma/client.js";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteRunner } from "../../src/infra/prisma/sql-runner.js";
import { cpuShares, PARTS } from "../../bench/lib/cpu-shares.js";

const dir = mkdtempSync(path.join(tmpdir(), "vigil-cpu-shares-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const largest = (shares: Record<string, number>) => PARTS.reduce((a, b) => (shares[a] >= shares[b] ? a : b));

describe("cpuShares", () => {
  it("gives statements run through the store's SQLite runner to SQLite", async () => {
    const db = new Database(path.join(dir, "shares.db"));
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
    const sql = sqliteRunner(db as never);
    const { shares, samples } = await cpuShares(async () => {
      for (let i = 0; i < 3000; i++) await sql.query(Prisma.sql`SELECT count(*) AS n, max(length(body)) AS m FROM t WHERE body LIKE ${"%x%"}`);
      for (let i = 0; i < 300; i++) await sql.execute(Prisma.sql`INSERT INTO t (body) VALUES (${"x".repeat(200)})`);
    });
    db.close();
    expect(samples).toBeGreaterThan(100);
    expect(largest(shares)).toBe("SQLite (better-sqlite3's native calls)");
  });

  it("gives a plain computation in Vigil's files to Vigil's own code, and the shares add up to one", async () => {
    let x = 0;
    const { shares } = await cpuShares(async () => {
      const until = performance.now() + 300;
      while (performance.now() < until) for (let i = 0; i < 10_000; i++) x = (x * 31 + i) % 1_000_003;
    });
    expect(x).toBeGreaterThanOrEqual(0);
    expect(largest(shares)).toBe("Vigil's own code");
    expect(Object.values(shares).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });
});
