// Prisma CLI configuration. Runs migrations through the WebAssembly schema engine and the
// better-sqlite3 driver adapter, so nothing is downloaded (these machines are offline).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { sqliteFactory } from "./prisma/cli-shims.ts";

// If the CLI cannot resolve env("DATABASE_URL") it assumes the native engine and downloads it.
process.env.DATABASE_URL ??= "file:./data/vigil.db";
const file = process.env.DATABASE_URL.replace(/^file:/, "");
// SQLite needs the folder to exist before a deploy, otherwise it fails with "External error id#0".
if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => sqliteFactory(process.env.DATABASE_URL!),
});
