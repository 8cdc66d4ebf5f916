import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A PostgreSQL server (TEST_DATABASE_URL or an embedded one from npm) and the browser choice,
    // once per run; each worker then reads TEST_DATABASE_URL.
    globalSetup: ["./test/setup/global.ts"],
    setupFiles: ["./test/setup/env.ts"],
    // PGlite instances and the real server are heavy on this 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
