// Runs embedded-postgres-main.ts in a child process of its own process group (a Ctrl-C reaches the
// test runner only): the server lives while this process holds the child's standard input open,
// and is stopped and removed when stop() closes it or this process ends.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface PostgresProcess {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL("./embedded-postgres-main.ts", import.meta.url));

export function startPostgresProcess(): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { stdio: ["pipe", "pipe", "pipe"], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      const { url, dir } = JSON.parse(out.slice(0, nl)) as { url: string; dir: string };
      // The child must not keep the test run alive; it ends with this process anyway.
      child.unref();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      let stopped: Promise<void> | null = null;
      resolve({
        url,
        dir,
        stop: () =>
          (stopped ??= (async () => {
            child.stdin.end();
            const code = await exited;
            if (code !== 0) throw new Error(`the embedded PostgreSQL process ended with ${code}: ${err}`);
          })()),
      });
    });
    void exited.then((code) => reject(new Error(`the embedded PostgreSQL did not start (exit ${code}):\n${err}`)));
  });
}
