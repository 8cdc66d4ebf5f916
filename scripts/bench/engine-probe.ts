// Probe (not a bench): the answer worker's engine load (loadEngine) on its own, with memory and
// time per phase. `--make <plansDir>` first writes a plan cache into DATA_DIR/index from the files
// (no store), as a start would leave it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { loadConfig } from "../../bot/config";
import { loadEngine } from "../../bot/plans/knowledge-engine";
import { planCacheDir } from "../../bot/plans/plan-cache";
import { cachePlan } from "../../bot/plans/plan-cache";
import { writeAtomic } from "../../knowledge/search/persist";
import { loadPlanFileGuarded } from "../../knowledge/load/guard";

const mb = (n: number) => Math.round(n / 1048576);
function mem(label: string, t0: number) {
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  const cpu = process.cpuUsage();
  console.log(`${label}: t=${Math.round(performance.now() - t0)}ms cpu=${Math.round((cpu.user + cpu.system) / 1000)}ms rss=${mb(m.rss)} heapUsed=${mb(m.heapUsed)} heapTotal=${mb(h.total_heap_size)} external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)} hwm=${Math.round(Number(hwm) / 1024)}`);
}

const config = loadConfig({ ...process.env, PLANS_DIR: process.env.PLANS_DIR ?? "." });
const make = process.argv.indexOf("--make");
if (make > 0) {
  const dir = planCacheDir(config)!;
  const src = process.argv[make + 1];
  const list: { id: string; sha256: string }[] = [];
  for (const f of readdirSync(src).sort()) {
    const plan = await loadPlanFileGuarded(join(src, f));
    cachePlan(dir, plan);
    list.push({ id: plan.id, sha256: plan.sha256 });
  }
  writeAtomic(`${dir}.json`, JSON.stringify(list));
  console.log(`cached ${list.length} plans`);
}
const t0 = performance.now();
mem("start", t0);
const engine = await loadEngine(config, (m) => console.log(`  ${m}`));
mem("engine", t0);
if (process.argv.includes("--warm")) {
  await (engine as unknown as { warmed: Promise<void> }).warmed;
  mem("warmed", t0);
}
globalThis.gc?.();
mem("after gc", t0);
const a = await engine!.answer("khi nào nộp báo cáo 6 tháng", { now: new Date("2026-05-01") });
console.log(a.text?.slice(0, 100));
mem("answered", t0);
