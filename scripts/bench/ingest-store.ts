// npx tsx scripts/bench/ingest-store.ts [--plans DIR of plan JSON files (a DATA_DIR/index/plans)] [--batch 25] [--defer]
// The store part of an ingest alone, in this process: parsed plans (JSON) written with ingestPlans
// in batches into a new embedded database; prints CPU and wall time per statement kind.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Plan } from "../../knowledge/types";
import { openDb } from "../../bot/storage/open-db";
import type { Db } from "../../bot/storage/db";
import { ingestPlans } from "../../bot/plans/library";
import { refreshUnitCoverage } from "../../bot/users/unit-links";
import { cliArgs } from "../cli";

const { values } = cliArgs(
  { options: { plans: { type: "string", default: "/work/wt/ingest2-data/b200-a/data/index/plans" }, batch: { type: "string", default: "25" }, defer: { type: "boolean", default: false }, help: { type: "boolean", default: false } } },
  "Usage: npx tsx scripts/bench/ingest-store.ts [--plans DIR] [--batch 25] [--defer (link units once at the end, as a folder ingest does)]",
);
const plans: Plan[] = readdirSync(values.plans!)
  .sort()
  .map((f) => JSON.parse(readFileSync(join(values.plans!, f), "utf8")) as Plan);
const base = await openDb({ dataDir: "memory" });
const per = new Map<string, { ms: number; n: number }>();
const timed = (q: Db["query"]): Db["query"] =>
  (async (sql: string, params?: unknown[]) => {
    const t = performance.now();
    try {
      return await q(sql, params);
    } finally {
      const k = sql.replace(/\s+/g, " ").trim().slice(0, 60);
      const e = per.get(k) ?? { ms: 0, n: 0 };
      e.ms += performance.now() - t;
      e.n++;
      per.set(k, e);
    }
  }) as Db["query"];
const db: Db = {
  ...base,
  query: timed(base.query),
  transaction: (fn) => base.transaction((tx) => fn({ ...tx, query: timed(tx.query) })),
} as Db;
const batch = Number(values.batch);
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < plans.length; i += batch) await ingestPlans(db, plans.slice(i, i + batch), new Date("2026-05-01T00:00:00Z"), { linkUnits: !values.defer });
if (values.defer) await refreshUnitCoverage(db);
const cpu = process.cpuUsage(c0);
process.stdout.write(`${plans.length} plans in batches of ${batch}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU\n`);
for (const [k, v] of [...per].sort((a, b) => b[1].ms - a[1].ms)) process.stdout.write(`${v.ms.toFixed(0).padStart(7)} ms ${String(v.n).padStart(4)}× ${k}\n`);
await base.close();
