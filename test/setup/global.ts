// Vitest global setup: what every test run needs, started once before the suites.
// - PostgreSQL: TEST_DATABASE_URL when set; otherwise an embedded PostgreSQL from npm in a child
//   process, stopped and removed at the end, and also when the run is interrupted or killed (the
//   child stops it when its standard input, held by this process, closes).
// - Chromium: chosen once (CHROMIUM_PATH, the system's, or the npm build, unpacked here so the
//   workers never unpack it at the same time); the npm build's fonts serve the PDF tests when the
//   machine has no Vietnamese TTF.
import type { TestProject } from "vitest/node";
import { chooseBrowser, ensureNpmFonts } from "../support/browser";
import { startPostgresProcess, type PostgresProcess } from "../support/embedded-postgres-process";
import { systemVietnameseFont } from "../support/fonts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: PostgresProcess | null = null;
  const started = Date.now();
  const postgres = (async () => {
    if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
    embedded = await startPostgresProcess();
    return embedded.url;
  })();
  let url: string;
  let browser: Awaited<ReturnType<typeof chooseBrowser>>;
  try {
    [url, browser] = await Promise.all([postgres, chooseBrowser(), systemVietnameseFont() ? null : ensureNpmFonts()]);
  } catch (err) {
    await postgres.then(() => (embedded as PostgresProcess | null)?.stop(), () => {});
    throw err;
  }
  project.provide("testDatabaseUrl", url);
  const pgWhere = embedded ? `embedded PostgreSQL on ${new URL(url).host}` : "PostgreSQL from TEST_DATABASE_URL";
  console.log(`test setup (${Date.now() - started} ms): ${pgWhere}; Chromium: ${browser.source} ${browser.executablePath}`);
  return async () => {
    await (embedded as PostgresProcess | null)?.stop();
  };
}
