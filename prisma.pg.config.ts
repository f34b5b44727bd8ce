// Prisma CLI configuration for PostgreSQL: the derived schema prisma/pg/schema.prisma (written
// by scripts/sync-pg-schema.mjs from prisma/schema.prisma) and its own migrations folder.
// Runs through the Wasm schema engine and @prisma/adapter-pg, so nothing is downloaded.
import { defineConfig } from "prisma/config";
import { postgresFactory } from "./prisma/cli-shims-pg.ts";

// If the CLI cannot resolve env("DATABASE_URL") it assumes the native engine and downloads it.
// A file: URL (the SQLite default of a shell) is not for this config: use a PostgreSQL default.
if (!/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vigil";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/pg/schema.prisma",
  migrations: { path: "prisma/pg/migrations" },
  adapter: async () => postgresFactory(process.env.DATABASE_URL!),
});
