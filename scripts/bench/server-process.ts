// The real server (`npm start`'s command in package.json) in its own process for the benches, so the load
// generator does not share its event loop: spawned with its own PLANS_DIR and DATA_DIR (the
// embedded database, inside that process), polled on /healthz and /readyz, and stopped with
// SIGTERM. Every server started here is also killed when the bench exits by any path (an error,
// Ctrl-C, SIGTERM), so none is left behind holding a port and a database folder.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { freePort } from "../../test/support/free-port";

export interface ServerProcess {
  url: string;
  pid: number;
  /** ms from spawn to the first /healthz 200 and to the first /readyz 200. */
  healthzMs: number;
  readyzMs: number;
  /** Whether /readyz answered 503 with loading progress before it was ready. */
  sawProgress: boolean;
  /** Peak RSS of the process so far (kB, VmHWM from /proc), the embedded database included. */
  peakRssKb(): number | null;
  /** CPU time the process has used so far (ms, user + system, all its threads; from /proc). */
  cpuMs(): number | null;
  /** CPU time of the main thread alone (ms); the rest of cpuMs() is the answer workers, V8's and libuv's threads. */
  mainThreadCpuMs(): number | null;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const live = new Set<ChildProcess>();
let hooked = false;

/** Kills every server still running when this process ends, also on Ctrl-C and SIGTERM. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => {
    for (const c of live) c.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      for (const c of live) c.kill("SIGTERM");
      process.stderr.write(`\nbench: ${signal}, stopped ${live.size} server process(es)\n`);
      process.exit(130);
    });
  }
}

/** utime + stime of a process from /proc/PID/stat, in ms (clock ticks of 10 ms). */
export function cpuMs(pid: number, tid?: number): number | null {
  try {
    const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10; // fields 14 and 15 of proc(5), counted from the state
  } catch {
    return null;
  }
}

export function peakRssKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function status(url: string): Promise<{ code: number; body: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { code: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

/** The node arguments of the app's `npm start` (its package.json), so the bench runs the server as it is run. */
export function startArgs(app: string): string[] {
  const start = (JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as { scripts?: { start?: string } }).scripts?.start ?? "";
  const [cmd, ...args] = start.trim().split(/\s+/);
  if (cmd !== "node" || !args.length) throw new Error(`${join(app, "package.json")}: scripts.start should be "node <flags> <file>", not "${start}"`);
  return args;
}

/**
 * Starts the server of `app` (default: this checkout) with its `npm start` command in Teams Emulator mode and waits until
 * /readyz says 200. TRUST_PROXY is on so each simulated user can bring its own loopback address
 * (X-Forwarded-For 127.0.x.y): the per-address limits then count users, not the bench.
 */
export async function startServerProcess(o: {
  plansDir: string;
  dataDir: string;
  env?: Record<string, string>;
  app?: string;
  limitMs?: number;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** The server's stdout (its log lines), chunk by chunk; not read when absent. */
  onStdout?: (chunk: string) => void;
}): Promise<ServerProcess> {
  hookExit();
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), ...startArgs(o.app ?? ".")], {
    cwd: o.app ?? ".",
    env: {
      ...process.env,
      PORT: String(port),
      PLANS_DIR: o.plansDir,
      DATA_DIR: o.dataDir,
      DATABASE_URL: "",
      MicrosoftAppId: "",
      MicrosoftAppPassword: "",
      TRUST_PROXY: "true",
      NUDGES_ENABLED: "false",
      LOG_LEVEL: "warn",
      ZALO_CREDENTIALS_FILE: join(o.dataDir, "no-zalo.json"),
      ...o.env,
    },
    stdio: ["ignore", o.onStdout ? "pipe" : "ignore", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => o.onStdout?.(d.toString()));
  live.add(child);
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((r) =>
    child.once("exit", (code) => {
      live.delete(child);
      r(code);
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  const url = `http://127.0.0.1:${port}`;
  let healthzMs = -1;
  let readyzMs = -1;
  let sawProgress = false;
  const limit = o.limitMs ?? 1_800_000;
  try {
    while (readyzMs < 0) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${stderr}`);
      if (performance.now() - t0 > limit) throw new Error(`the server was not ready after ${limit} ms:\n${stderr}`);
      if (healthzMs < 0 && (await status(`${url}/healthz`))?.code === 200) healthzMs = performance.now() - t0;
      if (healthzMs >= 0) {
        const r = await status(`${url}/readyz`);
        if (r?.code === 200) readyzMs = performance.now() - t0;
        else if (r?.code === 503 && /"loaded"/.test(r.body)) sawProgress = true;
      }
      if (readyzMs < 0) await new Promise((r) => setTimeout(r, 25));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid!, healthzMs, readyzMs, sawProgress, peakRssKb: () => peakRssKb(child.pid!), cpuMs: () => cpuMs(child.pid!), mainThreadCpuMs: () => cpuMs(child.pid!, child.pid!), stop };
}
