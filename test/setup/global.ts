// Vitest global setup: what every test run needs, started once before the suites.
// - PostgreSQL: TEST_DATABASE_URL when set; otherwise an embedded PostgreSQL from npm in a child
//   process, stopped and removed at the end, and also when the run is interrupted or killed (the
//   child stops it when its standard input, held by this process, closes).
// - Chromium: chosen once (CHROMIUM_PATH, the system's, or the npm build, unpacked here so the
//   workers never unpack it at the same time); the npm build's fonts serve the PDF tests when the
//   machine has no Vietnamese TTF.
// - dist/: the bundle `npm start` runs (scripts/build.mjs), built once here when a source changed, so
//   the tests that start the server as a child process never build it at the same time.
import type { TestProject } from "vitest/node";
import { chooseBrowser, ensureNpmFonts } from "../support/browser";
import { startPostgresProcess, type PostgresProcess } from "../support/embedded-postgres-process";
import { makePgliteTemplate } from "./pglite-template";
import { ensureBuilt } from "../../scripts/build.mjs";
import { systemVietnameseFont } from "../support/fonts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    pgliteTemplate: string;
  }
}

interface Resources {
  url: string;
  template: string;
  stop(): Promise<void>;
}

// Vitest runs this once per project (vitest.config.ts has two): the first call starts everything and
// the others share it (on globalThis: each project may load this file as a module of its own); the
// last teardown stops it.
const shared = globalThis as typeof globalThis & { tlkhTestResources?: Promise<Resources>; tlkhTestUsers?: number };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.tlkhTestUsers = (shared.tlkhTestUsers ?? 0) + 1;
  shared.tlkhTestResources ??= start();
  const r = await shared.tlkhTestResources;
  project.provide("testDatabaseUrl", r.url);
  project.provide("pgliteTemplate", r.template);
  return async () => {
    shared.tlkhTestUsers = (shared.tlkhTestUsers ?? 1) - 1;
    if (shared.tlkhTestUsers === 0) await r.stop();
  };
}

async function start(): Promise<Resources> {
  let embedded: PostgresProcess | null = null;
  const started = Date.now();
  const postgres = (async () => {
    if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
    embedded = await startPostgresProcess();
    return embedded.url;
  })();
  const template = makePgliteTemplate();
  let url: string;
  let browser: Awaited<ReturnType<typeof chooseBrowser>>;
  let pglite: Awaited<typeof template>;
  try {
    [url, browser, pglite] = await Promise.all([postgres, chooseBrowser(), template, systemVietnameseFont() ? null : ensureNpmFonts(), ensureBuilt()]);
  } catch (err) {
    await postgres.then(() => (embedded as PostgresProcess | null)?.stop(), () => {});
    await template.then((t) => t.remove(), () => {});
    throw err;
  }
  const pgWhere = embedded ? `embedded PostgreSQL on ${new URL(url).host}` : "PostgreSQL from TEST_DATABASE_URL";
  console.log(`test setup (${Date.now() - started} ms): ${pgWhere}; Chromium: ${browser.source} ${browser.executablePath}`);
  return {
    url,
    template: pglite.file,
    async stop() {
      pglite.remove();
      await (embedded as PostgresProcess | null)?.stop();
    },
  };
}
