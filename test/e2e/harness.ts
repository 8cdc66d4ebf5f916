// Starts the real server (createApp + startServer, the code path of `npm start`) on a free port
// with a fresh data folder, the committed sample plans and no nudge scheduler.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { startServer, type RunningServer, type ServerOptions } from "../../adapters/server";
import { createApp, type App } from "../../bot/app";
import { loadConfig } from "../../bot/config";

export interface Harness {
  app: App;
  server: RunningServer;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, extra: Partial<ServerOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), "tlkh-e2e-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PLANS_DIR: "./knowledge/sample-plans",
    NUDGES_ENABLED: "false",
    LOG_LEVEL: "silent",
    ZALO_CREDENTIALS_FILE: join(dataDir, "no-zalo.json"),
    ...env,
  });
  const log = pino({ level: "silent" });
  const app = await createApp(config, { log });
  const server = await startServer({ config, app, log, port: 0, host: "127.0.0.1", ...extra });
  return {
    app,
    server,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
