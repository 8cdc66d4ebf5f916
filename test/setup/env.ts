// Runs in every test worker before its file: the suites read the PostgreSQL test server from
// TEST_DATABASE_URL, and new embedded databases start from PGLITE_TEMPLATE (also in the servers the
// suites spawn); the global setup (test/setup/global.ts) provides both.
import { inject } from "vitest";
import { setReportingRules } from "../../bot/updates/period";

process.env.TEST_DATABASE_URL ??= inject("testDatabaseUrl");
process.env.PGLITE_TEMPLATE ??= inject("pgliteTemplate");

// Files share a worker's modules (vitest.config.ts): a file starts with the default reporting rules,
// whatever the file before it installed through createApp.
setReportingRules({});
