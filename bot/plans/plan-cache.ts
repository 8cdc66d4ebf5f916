// The stored plans as JSON files in DATA_DIR, one per plan, named by its id and content hash: a
// restart reads them (about ten times faster than the same documents out of the database) and
// asks the store only for the plans it has no file of. The database stays the record. The ingest
// writes each plan's file as it stores it (never read back), and every load writes a list of the
// current plans beside the folder (`<dir>.json`), so a process without the store (a worker thread)
// reads the same plans with loadCachedPlans. Beside each plan's file, its summary (what the main
// thread keeps: metadata and obligations) is read by the main thread instead of the whole plan.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { Plan } from "../../knowledge/types";
import { EXTRACTOR_VERSION } from "../../knowledge/version";
import type { Config } from "../config";
import type { DbQuery } from "../storage/db";
import { writeAtomic } from "../../knowledge/search/persist";

/** Where the search index and the plan cache live; null for DATA_DIR=memory. */
export function indexDir(config: Pick<Config, "DATA_DIR">): string | null {
  return config.DATA_DIR === "memory" ? null : join(config.DATA_DIR, "index");
}

/** The plan cache folder: one JSON file per plan and its summary, and the list beside it (`<dir>.json`). */
export function planCacheDir(config: Pick<Config, "DATA_DIR">): string | null {
  const dir = indexDir(config);
  return dir && join(dir, "plans");
}

function fileName(id: string, sha256: string): string {
  // The id is a file name (any characters); its hash keeps the cache's names short and safe.
  const key = createHash("sha1").update(`${id}\u0000${sha256}\u0000${EXTRACTOR_VERSION}`).digest("hex");
  return `${key}.json`;
}

/** The summary's file beside the plan's. */
function summaryName(id: string, sha256: string): string {
  return fileName(id, sha256).replace(/\.json$/, ".summary.json");
}

/**
 * What the main thread keeps of a plan (reporting rules, App.plans): the engine, on a worker thread,
 * holds the sentences, sections and text. Cached in its own file, a quarter of the plan's bytes.
 */
export type PlanSummary = Pick<Plan, "id" | "file" | "sha256" | "meta" | "obligations">;
export const planSummary = ({ id, file, sha256, meta, obligations }: Plan): PlanSummary => ({ id, file, sha256, meta, obligations });

type Ref = { id: string; sha256: string };

/**
 * What a plan's cache file holds: the plan without its whole normalised text and offset map
 * (a third of its bytes). Answering reads sentences, sections, obligations and metadata only; the
 * text serves the obligation extraction at ingest, and the store keeps the whole plan.
 */
export function forAnswering(plan: Plan): Plan {
  return { ...plan, text: "", offsetRuns: [] };
}

/**
 * Every stored plan that is not retired, as answering reads it (forAnswering), from the cache folder
 * where it has the plan's file; the others are read from the store and written there. Files of plans
 * no longer stored are removed.
 */
export async function loadPlansCached(q: DbQuery, dir: string): Promise<Plan[]> {
  return loadCached(q, dir, (r) => {
    const plan = readPlan(join(dir, fileName(r.id, r.sha256)), r);
    return plan && forAnswering(plan); // a file written before the cache held this shape
  }, forAnswering);
}

/**
 * The summaries of every stored plan that is not retired, from their summary files (written from the
 * plan's file where missing); plans with neither are read from the store and both files written (the
 * plan's as forAnswering shapes it). Files of plans no longer stored are removed.
 */
export async function loadPlanSummariesCached(q: DbQuery, dir: string): Promise<PlanSummary[]> {
  return loadCached(
    q,
    dir,
    (r) => {
      const file = join(dir, summaryName(r.id, r.sha256));
      const saved = readPlan(file, r) as PlanSummary | null;
      if (saved) return saved;
      const plan = readPlan(join(dir, fileName(r.id, r.sha256)), r);
      if (!plan) return null;
      writeAtomic(file, JSON.stringify(planSummary(plan)));
      return planSummary(plan);
    },
    planSummary,
  );
}

/** A cached plan's (or summary's) file, or null when it is missing, damaged or of another plan. */
function readPlan(file: string, r: Ref): Plan | null {
  if (!existsSync(file)) return null;
  try {
    const plan = JSON.parse(readFileSync(file, "utf8")) as Plan;
    return plan.id === r.id && plan.sha256 === r.sha256 ? plan : null;
  } catch {
    return null;
  }
}

async function loadCached<T extends Ref>(q: DbQuery, dir: string, read: (r: Ref) => T | null, ofStored: (plan: Plan) => T): Promise<T[]> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const rows = await q.query<Ref>("SELECT id, sha256 FROM plans WHERE retired_at IS NULL ORDER BY id");
  const out = new Map<string, T>();
  const missing: string[] = [];
  const wanted = new Set<string>();
  for (const r of rows) {
    wanted.add(fileName(r.id, r.sha256)).add(summaryName(r.id, r.sha256));
    const got = read(r);
    if (got) out.set(r.id, got);
    else missing.push(r.id);
  }
  if (missing.length) {
    const docs = await q.query<{ id: string; doc: Plan }>("SELECT id, doc FROM plans WHERE id = ANY($1::text[])", [missing]);
    for (const d of docs) {
      out.set(d.id, ofStored(d.doc));
      writeAtomic(join(dir, fileName(d.id, d.doc.sha256)), JSON.stringify(forAnswering(d.doc)));
      writeAtomic(join(dir, summaryName(d.id, d.doc.sha256)), JSON.stringify(planSummary(d.doc)));
    }
  }
  for (const f of readdirSync(dir)) if (f.endsWith(".json") && !wanted.has(f)) rmSync(join(dir, f), { force: true });
  const plans = rows.map((r) => out.get(r.id)).filter((p) => p !== undefined);
  writeAtomic(listFile(dir), JSON.stringify(plans.map((p) => ({ id: p.id, sha256: p.sha256 }))));
  return plans;
}

/** Writes a plan's cache files, the plan and its summary (the ingest, with the plan it has just stored). */
export function cachePlan(dir: string, plan: Plan): void {
  const file = join(dir, fileName(plan.id, plan.sha256));
  if (!existsSync(file)) writeAtomic(file, JSON.stringify(forAnswering(plan)));
  const summary = join(dir, summaryName(plan.id, plan.sha256));
  if (!existsSync(summary)) writeAtomic(summary, JSON.stringify(planSummary(plan)));
}

const listSchema = z.array(z.object({ id: z.string(), sha256: z.string() }));
/** A plan as the list names it. */
export type PlanRef = z.infer<typeof listSchema>[number];

/** The list of the last loadPlansCached as written (compared as is), or null when there is none. */
export function cachedPlanList(dir: string): { text: string; plans: PlanRef[] } | null {
  try {
    const text = readFileSync(listFile(dir), "utf8");
    return { text, plans: listSchema.parse(JSON.parse(text)) };
  } catch {
    return null;
  }
}

/**
 * The plans of the last loadPlansCached (or those of `only`), from the files alone (no store); null
 * when the list or a plan's file is missing or damaged (the caller waits for the next load).
 */
export function loadCachedPlans(dir: string, shape: (p: Plan) => Plan = (p) => p, only?: PlanRef[]): Plan[] | null {
  try {
    const list = only ?? listSchema.parse(JSON.parse(readFileSync(listFile(dir), "utf8")));
    return list.map((r) => {
      const plan = JSON.parse(readFileSync(join(dir, fileName(r.id, r.sha256)), "utf8")) as Plan;
      if (plan.id !== r.id || plan.sha256 !== r.sha256) throw new Error(`${r.id}: cache file of another plan`);
      return shape(plan);
    });
  } catch {
    return null;
  }
}

function listFile(dir: string): string {
  return `${dir.replace(/[/\\]+$/, "")}.json`;
}
