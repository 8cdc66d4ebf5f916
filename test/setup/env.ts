// Runs in every test worker before its file: the suites read the PostgreSQL test server from
// TEST_DATABASE_URL, which the global setup (test/setup/global.ts) provides.
import { inject } from "vitest";

process.env.TEST_DATABASE_URL ??= inject("testDatabaseUrl");
