// npx tsx scripts/bench/first-start.ts [-- --plans DIR --n 200 --out DIR --prof --restarts 1]
// The server's first start from plan files, phase by phase: a fresh DATA_DIR, LOG_LEVEL=info read from
// the server's stdout ("store open", "knowledge ready" and the per-plan lines), /readyz 200, peak RSS;
// then restarts on the same DATA_DIR. --n copies the first N files of --plans into the run's folder;
// --prof writes CPU profiles (the server, its parsing process and its workers) into the run's folder.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startServerProcess } from "./server-process";
import { cliArgs } from "../cli";

const HELP = "Usage: npx tsx scripts/bench/first-start.ts [--plans DIR] [--n N] [--out DIR] [--prof] [--restarts N] [--app DIR (the checkout to start)]";

interface Line {
  time: number;
  msg?: string;
  [k: string]: unknown;
}

async function startOnce(plansDir: string, dataDir: string, profDir: string | null, app: string) {
  const lines: Line[] = [];
  let rest = "";
  const t0 = Date.now();
  const server = await startServerProcess({
    plansDir,
    dataDir,
    app,
    env: { LOG_LEVEL: "info" },
    nodeArgs: profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
    onStdout: (chunk) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const p of parts) {
        try {
          lines.push(JSON.parse(p) as Line);
        } catch {
          // not a log line
        }
      }
    },
  });
  const rssKb = server.peakRssKb();
  // CPU of the server process at ready (every thread; not the parsing child process), in seconds.
  const stat = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
  const cpuS = (Number(stat[11]) + Number(stat[12])) / 100;
  await server.stop();
  const at = (l: Line | undefined) => (l ? ((l.time - t0) / 1000).toFixed(1) + " s" : "-");
  const plans = lines.filter((l) => l.msg === "plan");
  const errors = lines.filter((l) => l.msg === "plan not ingested").length;
  const open = lines.find((l) => l.msg === "store open");
  const ready = lines.find((l) => l.msg === "knowledge ready");
  return {
    readyS: server.readyzMs / 1000,
    healthzS: server.healthzMs / 1000,
    cpuS,
    rssMb: rssKb === null ? null : Math.round(rssKb / 1024),
    storeOpen: open ? { openMs: open.openMs, at: at(open) } : null,
    firstPlanAt: at(plans[0]),
    lastPlanAt: at(plans.at(-1)),
    plans: plans.length,
    errors,
    ready: ready ? { followMs: ready.followMs, unitsMs: ready.unitsMs, readMs: ready.readMs, indexMs: ready.indexMs, at: at(ready) } : null,
  };
}

async function main(): Promise<void> {
  const { values } = cliArgs(
    {
      options: {
        plans: { type: "string", default: "/work/bench/p1000/plans" },
        n: { type: "string" },
        out: { type: "string", default: `/work/wt/ingest2-data/run-${Date.now()}` },
        prof: { type: "boolean", default: false },
        restarts: { type: "string", default: "1" },
        app: { type: "string", default: "." },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  );
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  let plansDir = resolve(values.plans);
  if (values.n) {
    const names = readdirSync(plansDir).sort().slice(0, Number(values.n));
    const copy = join(out, "plans");
    mkdirSync(copy, { recursive: true });
    for (const f of names) copyFileSync(join(plansDir, f), join(copy, f));
    plansDir = copy;
  }
  const n = readdirSync(plansDir).length;
  const dataDir = join(out, "data");
  const first = await startOnce(plansDir, dataDir, values.prof ? join(out, "prof-first") : null, values.app);
  process.stdout.write(`first start, ${n} files: ready ${first.readyS.toFixed(1)} s (${(n / first.readyS).toFixed(1)} plans/s)\n${JSON.stringify(first, null, 1)}\n`);
  for (let i = 0; i < Number(values.restarts); i++) {
    const r = await startOnce(plansDir, dataDir, values.prof ? join(out, `prof-restart${i}`) : null, values.app);
    process.stdout.write(`restart: ready ${r.readyS.toFixed(1)} s\n${JSON.stringify(r, null, 1)}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
