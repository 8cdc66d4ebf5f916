// npm start: the bot server (Teams, Zalo, web chat) on PORT with the embedded store and PLANS_DIR.
// This is the edge that reads the environment and the clock; SIGTERM/SIGINT shut down gracefully.
import { createServer, type Server } from "node:http";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { ConfigError, loadConfig, loadDotEnvIfPresent } from "../bot/config";
import { STARTING } from "../bot/starting";

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
  // Listen first thing: /healthz answers while the application loads and opens the store; the
  // server takes this listener over, and /readyz says 503 with progress until the plans are in.
  const early = await listenEarly(config.PORT);
  const at = { listening: performance.now() };
  // A restart's answer workers load the saved engine while this thread loads the application's code.
  // botbuilder (seconds to load, and /readyz waits for it) loads beside the application's code:
  // its files are read while this thread evaluates others and waits for the store.
  void import("../adapters/teams/channel").catch(() => {}); // the server's import reports a failure
  const { startEarlyAnswerer } = await import("../bot/answering/early-answerer");
  const answerers = startEarlyAnswerer(config, log);
  const { openApp } = await import("../bot/app");
  const { startServer } = await import("../adapters/server");
  const imported = performance.now();
  const app = await openApp(config, { log, early: answerers });
  const opened = performance.now();
  log.info({ listeningMs: Math.round(at.listening), importMs: Math.round(imported - at.listening), openMs: Math.round(opened - imported) }, "store open");
  const server = await startServer({ config, app, log, listener: early });

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

function listenEarly(port: number): Promise<Server> {
  const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    if (req.url === "/healthz") return json(res, 200, { ok: true });
    if (req.url === "/readyz") return json(res, 503, { ok: false, starting: true, phase: "opening", loaded: 0, total: 0 });
    // Bodies are not read: the client is told to come back, and the connection closed.
    res.shouldKeepAlive = false;
    json(res, 503, { error: STARTING }, { "retry-after": "5" });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "0.0.0.0", () => resolve(server));
  });
}

main().catch((err: unknown) => {
  console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
