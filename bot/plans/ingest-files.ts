// Ingesting files and folders: one progress line per file, a summary at the end. A file that
// fails is reported with its reason and the others go on.
import { readdirSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { hashPlanFile } from "../../knowledge/load/guard";
import { planExtension } from "../../knowledge/load/read-file";
import { planId } from "../../knowledge/load-plan";
import type { Plan } from "../../knowledge/types";
import type { Db } from "../storage/db";
import { ingestPlan, ingestPlans, storedShas, type IngestOptions, type IngestStatus } from "./library";

export type LoadPlanFile = (file: string) => Promise<Plan>;

export interface FileOutcome {
  file: string;
  status: IngestStatus | "error";
  planId?: string;
  /** Why it failed, for "error". */
  reason?: string;
}

/** The plan files named: files as given, folders expanded (sorted, not recursive into dot-folders). */
export function expandPlanPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      const inner = readdirSync(p)
        .filter((n) => !n.startsWith("."))
        .sort()
        .map((n) => join(p, n));
      files.push(...expandPlanPaths(inner.filter((f) => statSync(f).isDirectory() || planExtension(f) !== null)).files);
    } else files.push(p);
  }
  return { files, missing };
}

/** Plans written to the store per transaction; files read ahead by the parsing process meanwhile. */
const BATCH = 25;
/** Health checks are answered between slices of this many milliseconds of work. */
const SLICE_MS = 20;

export async function ingestFiles(
  db: Db,
  paths: string[],
  o: {
    load: LoadPlanFile;
    now: Date;
    onFile?: (r: FileOutcome) => void;
    shas?: ReadonlyMap<string, string>;
    /** Each plan once it is stored (or found stored unchanged after loading), e.g. to cache it. */
    onStored?: (plan: Plan) => void;
    /** Called once before the first plan is written (not at all when every file is unchanged). */
    beforeStore?: () => void;
  } & IngestOptions,
): Promise<FileOutcome[]> {
  const { files, missing } = expandPlanPaths(paths);
  const out: FileOutcome[] = [];
  const report = (r: FileOutcome) => {
    out.push(r);
    o.onFile?.(r);
  };
  // Outcomes come as files finish (unchanged ones first); they are returned in the files' order.
  const order = new Map([...missing, ...files].map((f, i) => [f, i]));
  const inOrder = () => out.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  let since = performance.now();
  const pause = async () => {
    // A start with many files must not hold the event loop: health checks are answered between slices.
    if (performance.now() - since < SLICE_MS) return;
    await new Promise((r) => setImmediate(r));
    since = performance.now();
  };
  // Every stored plan's sha256 in one query, not one per file.
  const stored = await storedShas(db);
  for (const m of missing) report({ file: m, status: "error", reason: "không tìm thấy tệp hoặc thư mục (file or folder not found)" });
  const changed: string[] = [];
  for (const file of files) {
    await pause();
    try {
      // Unchanged bytes: skip loading and extraction altogether. A sha256 known from the folder
      // scan (which stat'ed the file and refuses anything but a regular file) is not computed again;
      // otherwise a FIFO or an oversized file is refused unread.
      const sha = o.shas?.get(file) ?? (await hashPlanFile(file));
      const id = planId(file);
      if (stored.get(id) === sha) report({ file, status: "unchanged", planId: id });
      else changed.push(file);
    } catch (err) {
      report({ file, status: "error", reason: (err as Error).message });
    }
  }
  // The parsing process reads ahead while the store writes a batch: the two use both cores.
  const loads = new Map<number, { plan: Promise<Plan>; settled: boolean }>();
  const startLoad = (i: number) => {
    if (i >= changed.length || loads.has(i)) return;
    const load = { plan: o.load(changed[i]), settled: false };
    load.plan.then(
      () => (load.settled = true),
      () => (load.settled = true), // observed below, in order
    );
    loads.set(i, load);
  };
  let batch: { file: string; plan: Plan }[] = [];
  let storing = false;
  const flush = async () => {
    if (batch.length === 0) return;
    const todo = batch;
    batch = [];
    let statuses: IngestStatus[] | null = null;
    if (!storing) {
      storing = true;
      o.beforeStore?.();
    }
    try {
      statuses = await ingestPlans(db, todo.map((b) => b.plan), o.now, { linkUnits: o.linkUnits });
    } catch {
      // One bad plan must not cost the others: the batch again, one plan a transaction.
    }
    for (const [i, { file, plan }] of todo.entries()) {
      try {
        const status = statuses ? statuses[i] : await ingestPlan(db, plan, o.now, { linkUnits: o.linkUnits });
        o.onStored?.(plan);
        report({ file, status, planId: plan.id });
      } catch (err) {
        report({ file, status: "error", reason: (err as Error).message });
      }
    }
  };
  for (let i = 0; i < BATCH; i++) startLoad(i);
  for (let i = 0; i < changed.length; i++) {
    startLoad(i + BATCH);
    const file = changed[i];
    const load = loads.get(i)!;
    // The next plan is still being read: store what is read meanwhile (progress moves, and a slow
    // file does not hold the plans before it).
    if (!load.settled) await flush();
    try {
      const plan = await load.plan;
      // Two files of one plan id (a.txt and a.md) go in separate transactions, in folder order.
      if (batch.some((b) => b.plan.id === plan.id)) await flush();
      batch.push({ file, plan });
    } catch (err) {
      report({ file, status: "error", reason: (err as Error).message });
    } finally {
      loads.delete(i);
    }
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return inOrder();
}
