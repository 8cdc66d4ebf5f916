// npm run bench:start [-- --plans 1000 --runs 3 --dir DIR]
// Times the server's start with N generated plan files: `npm start` as a child process with its own
// PLANS_DIR and DATA_DIR, polled on /healthz and /readyz. The first start ingests every file; each
// restart after it finds them unchanged. Prints time to the first /healthz 200 (listening) and to
// /readyz 200 (knowledge loaded), the median and spread of the restarts, and the child's peak RSS.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { makePlans, type SourcePlan } from "./bench/corpus";
import { startServerProcess } from "./bench/server-process";
import { cliArgs, UsageError, wholeNumber } from "./cli";
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

/** Starts the server once, waits for /readyz 200, stops it with SIGTERM; the timings of that start. */
export async function timeStart(o: { plansDir: string; dataDir: string; limitMs?: number; env?: Record<string, string>; app?: string }): Promise<StartTiming> {
  const server = await startServerProcess(o);
  const peakRssKb = server.peakRssKb(); // VmHWM: the high-water mark of the whole start
  const code = await server.stop();
  if (code !== 0) process.stderr.write(`server exited ${code} after SIGTERM\n`);
  return { healthz: server.healthzMs, readyz: server.readyzMs, sawProgress: server.sawProgress, peakRssKb };
}

async function main(): Promise<void> {
  const { values } = cliArgs(
    {
      options: {
        plans: { type: "string", default: "1000" },
        runs: { type: "string", default: "3" },
        dir: { type: "string" },
        source: { type: "string", default: "./knowledge/sample-plans" },
        app: { type: "string", default: "." },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  );
  const n = wholeNumber("plans", values.plans);
  const runs = wholeNumber("runs", values.runs);
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
    process.stderr.write(`bench:start: ${e.message}\n${e instanceof UsageError ? `${HELP}\n` : ""}`);
    process.exit(e instanceof UsageError ? 2 : 1);
  });
}
