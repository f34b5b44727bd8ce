// Patches for the Prisma 6.19.3 CLI on PostgreSQL through @prisma/adapter-pg (engine "js",
// Wasm schema engine). Loaded only by prisma.pg.config.ts inside the CLI process; the bot's
// runtime never imports this file (it applies migrations itself, see migrate-postgres.ts).
import "./cli-shims.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { randomUUID } from "node:crypto";

// The schema engine introspects pg_catalog columns of type `name` (oid 19) and `"char"`
// (oid 18), which the adapter cannot deserialize: report them to it as text (oid 25).
let catalogTypesPatched = false;
function reportCatalogTypesAsText(): void {
  if (catalogTypesPatched) return;
  catalogTypesPatched = true;
  const textish = new Set([18, 19]);
  type Result = { fields?: { dataTypeID: number }[] };
  const fix = (res: Result | Result[]) => {
    for (const r of Array.isArray(res) ? res : [res]) for (const f of r?.fields ?? []) if (textish.has(f.dataTypeID)) f.dataTypeID = 25;
    return res;
  };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: Result) => (last as (e: unknown, r: unknown) => void)(err, err ? res : fix(res));
      return query.apply(this, args);
    }
    const out = query.apply(this, args) as Promise<Result> | undefined;
    return out && typeof out.then === "function" ? out.then(fix) : out;
  };
}

// pg lets `connectionString` override `database`, so the adapter's own shadow database would be
// the real one: connect with discrete fields. allowExitOnIdle: the CLI never ends its pools.
function poolConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
    allowExitOnIdle: true,
  };
}

// The adapter splits scripts on every ";" (breaking literals and $$ bodies): send them whole.
function wholeScripts<T extends { executeScript(script: string): Promise<void> }>(adapter: T): T {
  const a = adapter as unknown as { underlyingDriver(): pg.Pool; onError(e: unknown): never; executeScript(s: string): Promise<void> };
  a.executeScript = async (script: string) => {
    try {
      await a.underlyingDriver().query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

/** Driver adapter factory for the CLI with the fixes above; the shadow DB is a fresh temporary database. */
export function postgresFactory(url: string) {
  reportCatalogTypesAsText();
  const config = poolConfig(url);
  const main = new PrismaPg(config);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    async connectToShadowDb() {
      const admin = await main.connect();
      const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = wholeScripts(await new PrismaPg({ ...config, database: name }).connect());
      const dispose = shadow.dispose.bind(shadow);
      // Close the shadow pool before dropping its database ("being accessed by other users").
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}
