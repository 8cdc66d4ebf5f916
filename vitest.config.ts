import { defineConfig } from "vitest/config";

// Files that start the real server, spawn processes or kill connections run each in a fresh module
// graph; the other files share their worker's modules (botbuilder, langchain and the engine are
// imported once per worker, not once per file: about a quarter of the run's CPU). test/setup/env.ts
// resets the module state a file may leave behind.
const SYSTEM = ["test/e2e/**/*.test.ts", "test/faults/**/*.test.ts", "test/scripts/**/*.test.ts", "test/security/**/*.test.ts", "test/support/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A PostgreSQL server (TEST_DATABASE_URL or an embedded one from npm), the browser choice and
    // the migrated PGlite template, once per run; each worker then reads them.
    globalSetup: ["./test/setup/global.ts"],
    setupFiles: ["./test/setup/env.ts"],
    // PGlite instances and the real server are heavy on this 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: SYSTEM, isolate: false } },
      { extends: true, test: { name: "system", include: SYSTEM, isolate: true } },
    ],
  },
});
