// What loading each part of Vigil costs in RSS: one fresh node process imports the compiled
// build (dist/, from `npm run build`) a part at a time, in the order main.ts needs them, and
// prints one JSON line per step with RSS and V8's heap after a full GC. Used by bench/rss.bench.ts.
//
//   node --expose-gc bench/lib/memory-probe.mjs <repository root> <sqlite file>
const [root, file] = process.argv.slice(2);
const mb = (bytes) => Math.round(bytes / 2 ** 20);

async function step(name, load) {
  await load();
  globalThis.gc();
  await new Promise((r) => setTimeout(r, 300));
  globalThis.gc();
  const m = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ name, rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external) })}\n`);
}

let store;
await step("bare node", async () => {});
let prismaStore;
await step("the store's modules imported (generated Prisma clients, better-sqlite3)", async () => {
  prismaStore = await import(`${root}/dist/src/infra/prisma/prisma-store.js`);
});
// Opening instantiates the query compiler's WebAssembly; the first query compiles through it.
await step("the store opened on SQLite, migrated, one query", async () => {
  store = await prismaStore.openSqliteStore(`file:${file}`);
  await store.incidents.findByNumber(1);
});
await step("@slack/bolt", () => import("@slack/bolt"));
await step("discord.js", () => import("discord.js"));
await step("node-telegram-bot-api", () => import("node-telegram-bot-api"));
// What src/main.ts imports besides the above (importing main.js itself would start Vigil).
const MAIN_IMPORTS = ["adapters/console/index.js", "src/app/vigil.js", "src/chat-adapters.js", "src/config/env.js", "src/config/load-policy.js", "src/operations-endpoints.js",
  "src/infra/http/http-server.js", "src/infra/http/readyz.js", "src/infra/http/alert-routes.js", "src/infra/metrics/prometheus-metrics.js", "src/infra/open-store.js",
  "src/infra/prisma/postgres-client.js", "src/fleet.js", "src/infra/scheduler/sla-scheduler.js", "src/infra/system/pino-logger.js", "src/infra/system/process-identity.js"];
await step("the rest of what main.ts imports (adapters, app, HTTP, metrics, PostgreSQL client, fleet)", async () => {
  for (const module of MAIN_IMPORTS) await import(`${root}/dist/${module}`);
});
await store.close();
