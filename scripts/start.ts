// npm start: the bot server (Teams, Zalo, web chat) on PORT with the embedded store and PLANS_DIR.
// This is the edge that reads the environment and the clock; SIGTERM/SIGINT shut down gracefully.
import pino from "pino";
import { openApp } from "../bot/app";
import { ConfigError, loadConfig, loadDotEnvIfPresent } from "../bot/config";
import { startServer } from "../adapters/server";

const SHUTDOWN_LIMIT_MS = 25_000;

async function main(): Promise<void> {
  let config;
  try {
    loadDotEnvIfPresent();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = pino({ level: config.LOG_LEVEL });
  // Listen at once: /healthz answers while the plans load, /readyz says 503 with progress until then.
  const app = await openApp(config, { log });
  const server = await startServer({ config, app, log });

  let stopping = false;
  const shutdown = (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "signal received");
    const limit = setTimeout(() => {
      log.error(`shutdown took longer than ${SHUTDOWN_LIMIT_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    server.close().then(
      () => {
        clearTimeout(limit);
        process.exit(code);
      },
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  app.ready.then(
    () => log.info("ready"),
    (err: unknown) => {
      log.error({ err }, "could not load the plans");
      shutdown("load-failed", 1);
    },
  );
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
