// The stored plans as JSON files in DATA_DIR, one per plan, named by its id and content hash: a
// restart reads them (about ten times faster than the same documents out of the database) and
// asks the store only for the plans it has no file of. The database stays the record. The ingest
// writes each plan's file as it stores it (never read back), and every load writes a list of the
// current plans beside the folder (`<dir>.json`), so a process without the store (a worker thread)
// reads the same plans with loadCachedPlans.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { Plan } from "../../knowledge/types";
import { EXTRACTOR_VERSION } from "../../knowledge/version";
import type { DbQuery } from "../storage/db";
import { writeAtomic } from "../../knowledge/search/persist";

function fileName(id: string, sha256: string): string {
  // The id is a file name (any characters); its hash keeps the cache's names short and safe.
  const key = createHash("sha1").update(`${id}\u0000${sha256}\u0000${EXTRACTOR_VERSION}`).digest("hex");
  return `${key}.json`;
}

/**
 * Every stored plan that is not retired, as it was ingested (like loadStoredPlans), read from the
 * cache folder where it has the plan's file; the others are read from the store and written there.
 * Files of plans no longer stored are removed. `shape` keeps only what the caller needs of each
 * plan as it is read (the rest is garbage at once, never all 1,000 plans whole in memory).
 */
export async function loadPlansCached(q: DbQuery, dir: string): Promise<Plan[]>;
export async function loadPlansCached<T extends { id: string; sha256: string }>(q: DbQuery, dir: string, shape: (p: Plan) => T): Promise<T[]>;
export async function loadPlansCached(q: DbQuery, dir: string, shape: (p: Plan) => { id: string; sha256: string } = (p) => p): Promise<{ id: string; sha256: string }[]> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const rows = await q.query<{ id: string; sha256: string }>("SELECT id, sha256 FROM plans WHERE retired_at IS NULL ORDER BY id");
  const out = new Map<string, { id: string; sha256: string }>();
  const missing: string[] = [];
  const wanted = new Set<string>();
  for (const r of rows) {
    const file = join(dir, fileName(r.id, r.sha256));
    wanted.add(fileName(r.id, r.sha256));
    if (!existsSync(file)) {
      missing.push(r.id);
      continue;
    }
    try {
      const plan = JSON.parse(readFileSync(file, "utf8")) as Plan;
      if (plan.id === r.id && plan.sha256 === r.sha256) out.set(r.id, shape(plan));
      else missing.push(r.id);
    } catch {
      missing.push(r.id);
    }
  }
  if (missing.length) {
    const docs = await q.query<{ id: string; doc: Plan }>("SELECT id, doc FROM plans WHERE id = ANY($1::text[])", [missing]);
    for (const d of docs) {
      out.set(d.id, shape(d.doc));
      writeAtomic(join(dir, fileName(d.id, d.doc.sha256)), JSON.stringify(d.doc));
    }
  }
  for (const f of readdirSync(dir)) if (f.endsWith(".json") && !wanted.has(f)) rmSync(join(dir, f), { force: true });
  const plans = rows.map((r) => out.get(r.id)).filter((p) => p !== undefined);
  writeAtomic(listFile(dir), JSON.stringify(plans.map((p) => ({ id: p.id, sha256: p.sha256 }))));
  return plans;
}

/** Writes a plan's cache file (the ingest, with the plan it has just stored). */
export function cachePlan(dir: string, plan: Plan): void {
  const file = join(dir, fileName(plan.id, plan.sha256));
  if (!existsSync(file)) writeAtomic(file, JSON.stringify(plan));
}

const listSchema = z.array(z.object({ id: z.string(), sha256: z.string() }));

/**
 * The plans of the last loadPlansCached, from the files alone (no store); null when the list or a
 * plan's file is missing or damaged (the caller waits for the next load).
 */
export function loadCachedPlans(dir: string, shape: (p: Plan) => Plan = (p) => p): Plan[] | null {
  try {
    const list = listSchema.parse(JSON.parse(readFileSync(listFile(dir), "utf8")));
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
