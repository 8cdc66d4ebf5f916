// npm run bench:start [-- --plans 1000 --runs 3 --dir DIR]
// Times the server's start with N generated plan files: `npm start` as a child process with its own
// PLANS_DIR and DATA_DIR, polled on /healthz and /readyz. The first start ingests every file; each
// restart after it finds them unchanged. Prints time to the first /healthz 200 (listening) and to
// /readyz 200 (knowledge loaded), the median and spread of the restarts, and the child's peak RSS.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { freePort } from "../test/support/free-port";
import { makePlans, type SourcePlan } from "./bench/corpus";
import { median, spread } from "./bench/stats";

const HELP = "Usage: npm run bench:start [-- --plans 1000 --runs 3 --dir DIR (kept; default: a temporary folder) --source ./knowledge/sample-plans --app DIR (the checkout to start; default: this one)]";

export interface StartTiming {
  /** ms from spawn to the first /healthz 200. */
  healthz: number;
  /** ms from spawn to the first /readyz 200. */
  readyz: number;
  /** Whether /readyz gave a 503 with progress before it was ready. */
  sawProgress: boolean;
  /** Peak RSS of the server process (kB, from /proc when available). */
  peakRssKb: number | null;
}

/** Writes N generated plans into dir (once: an existing folder with N files is kept as is). */
export function writePlans(dir: string, n: number, source = "./knowledge/sample-plans"): void {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length === n) return;
  const sources: SourcePlan[] = readdirSync(source)
    .filter((f) => [".txt", ".md"].includes(extname(f)))
    .sort()
    .map((f) => ({ id: f.replace(/\.[^.]+$/, ""), text: readFileSync(join(source, f), "utf8"), ext: extname(f) }));
  for (const p of makePlans(sources, n)) writeFileSync(join(dir, `${p.id}${p.ext}`), p.text);
}

async function status(url: string): Promise<{ code: number; body: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { code: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

function rssOf(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Starts the server once, waits for /readyz 200, stops it with SIGTERM; the timings of that start. */
export async function timeStart(o: { plansDir: string; dataDir: string; limitMs?: number; env?: Record<string, string>; app?: string }): Promise<StartTiming> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: o.app ?? ".",
    env: {
      ...process.env,
      PORT: String(port),
      PLANS_DIR: o.plansDir,
      DATA_DIR: o.dataDir,
      NUDGES_ENABLED: "false",
      LOG_LEVEL: "warn",
      ZALO_CREDENTIALS_FILE: join(o.dataDir, "no-zalo.json"),
      ...o.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let healthz = -1;
  let readyz = -1;
  let sawProgress = false;
  let peak: number | null = null;
  const limit = o.limitMs ?? 1_800_000;
  try {
    while (readyz < 0) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${stderr}`);
      if (performance.now() - t0 > limit) throw new Error(`not ready after ${limit} ms`);
      peak = Math.max(peak ?? 0, rssOf(child.pid!) ?? 0) || null;
      if (healthz < 0 && (await status(`http://127.0.0.1:${port}/healthz`))?.code === 200) healthz = performance.now() - t0;
      if (healthz >= 0) {
        const r = await status(`http://127.0.0.1:${port}/readyz`);
        if (r?.code === 200) readyz = performance.now() - t0;
        else if (r?.code === 503 && /"loaded"/.test(r.body)) sawProgress = true;
      }
      if (readyz < 0) await new Promise((r) => setTimeout(r, 25));
    }
    peak = Math.max(peak ?? 0, rssOf(child.pid!) ?? 0) || null;
  } finally {
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0 && readyz >= 0) process.stderr.write(`server exited ${code} after SIGTERM:\n${stderr}\n`);
  }
  return { healthz, readyz, sawProgress, peakRssKb: peak };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      plans: { type: "string", default: "1000" },
      runs: { type: "string", default: "3" },
      dir: { type: "string" },
      source: { type: "string", default: "./knowledge/sample-plans" },
      app: { type: "string", default: "." },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const n = Number(values.plans);
  const runs = Number(values.runs);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(runs) || runs < 1) throw new Error("--plans and --runs must be whole numbers above 0.");
  const root = values.dir ?? mkdtempSync(join(tmpdir(), "tlkh-bench-start-"));
  const plansDir = join(root, "plans");
  const dataDir = join(root, "data");
  writePlans(plansDir, n, values.source);
  const fresh = !existsSync(dataDir);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (kb: number | null) => (kb === null ? "?" : `${Math.round(kb / 1024)} MB`);
  try {
    if (fresh) {
      const first = await timeStart({ plansDir, dataDir, app: values.app });
      process.stdout.write(
        `first start, ${n} plans: listening ${s(first.healthz)}, ready ${s(first.readyz)} (${(n / (first.readyz / 1000)).toFixed(1)} plans/s from files), progress on /readyz: ${first.sawProgress ? "yes" : "no"}, peak RSS ${mb(first.peakRssKb)}\n`,
      );
    }
    const times: StartTiming[] = [];
    for (let i = 0; i < runs; i++) {
      const t = await timeStart({ plansDir, dataDir, app: values.app });
      times.push(t);
      process.stdout.write(`restart ${i + 1}/${runs}, ${n} unchanged plans: listening ${s(t.healthz)}, ready ${s(t.readyz)}, peak RSS ${mb(t.peakRssKb)}\n`);
    }
    const ready = times.map((t) => t.readyz);
    const listen = times.map((t) => t.healthz);
    process.stdout.write(
      `restart with ${n} unchanged plans (median of ${runs}): listening ${s(median(listen))}, ready ${s(median(ready))} (spread ${s(spread(ready))}), peak RSS ${mb(median(times.map((t) => t.peakRssKb ?? 0)))}\n`,
    );
  } finally {
    if (!values.dir) rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && /bench-start\.ts$/.test(process.argv[1])) {
  main().catch((e: Error) => {
    process.stderr.write(`bench:start: ${e.message}\n`);
    process.exit(1);
  });
}
