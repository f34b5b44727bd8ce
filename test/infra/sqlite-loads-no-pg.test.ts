import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { tempDatabaseUrl } from "../support/temp-db.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

// What an SQLite install loads: the modules main.ts starts from, and an SQLite store opened
// and closed. The `pg` driver (and the fleet election on it) is only for a postgres:// URL.
it("an SQLite install never loads the PostgreSQL driver", () => {
  const db = tempDatabaseUrl();
  const script = `
    const { createRequire } = await import("node:module");
    for (const m of ["src/infra/open-store.ts", "src/fleet.ts", "src/chat-adapters.ts", "src/operations-endpoints.ts"]) await import(${JSON.stringify(root)} + m);
    const { openStore } = await import(${JSON.stringify(root)} + "src/infra/open-store.ts");
    const store = await openStore(${JSON.stringify(db.url)});
    await store.close();
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/]pg[\\\\/]/.test(k));
    console.log(JSON.stringify(loaded));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  db.cleanup();
  expect(JSON.parse(out.trim().split("\n").at(-1)!)).toEqual([]);
});
