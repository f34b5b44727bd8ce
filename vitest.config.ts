import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: more workers only add contention on SQLite and the process spawns.
    maxWorkers: 2,
    // A real PostgreSQL for the suites that run on it (started here unless CI gives one).
    globalSetup: ["test/support/pg-global-setup.ts"],
    // Core's country holiday sets load date-holidays through the loader the config layer
    // installs; core tests build calendars without a policy file.
    setupFiles: ["src/config/date-holidays-loader.ts"],
  },
});
