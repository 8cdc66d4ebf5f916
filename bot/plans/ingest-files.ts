// Ingesting files and folders: one progress line per file, a summary at the end. A file that
// fails is reported with its reason and the others go on.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkPlanFile, hashPlanFile } from "../../knowledge/load/guard";
import { planExtension } from "../../knowledge/load/read-file";
import { planId } from "../../knowledge/load-plan";
import type { Plan } from "../../knowledge/types";
import type { Db } from "../storage/db";
import { ingestPlan, storedShas, type IngestStatus } from "./library";

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

export async function ingestFiles(
  db: Db,
  paths: string[],
  o: { load: LoadPlanFile; now: Date; onFile?: (r: FileOutcome) => void; shas?: ReadonlyMap<string, string> },
): Promise<FileOutcome[]> {
  const { files, missing } = expandPlanPaths(paths);
  const out: FileOutcome[] = [];
  const report = (r: FileOutcome) => {
    out.push(r);
    o.onFile?.(r);
  };
  // Every stored plan's sha256 in one query, not one per file.
  const stored = await storedShas(db);
  for (const m of missing) report({ file: m, status: "error", reason: "không tìm thấy tệp hoặc thư mục (file or folder not found)" });
  for (const file of files) {
    // A start with many files must not hold the event loop: health checks are answered between files.
    await new Promise((r) => setImmediate(r));
    try {
      // Unchanged bytes: skip loading and extraction altogether.
      // A FIFO or an oversized file is refused unread; a sha256 known from the folder scan is not computed again.
      const known = o.shas?.get(file);
      const sha = known !== undefined ? (await checkPlanFile(file), known) : await hashPlanFile(file);
      const id = planId(file);
      if (stored.get(id) === sha) {
        report({ file, status: "unchanged", planId: id });
        continue;
      }
      const plan = await o.load(file);
      report({ file, status: await ingestPlan(db, plan, o.now), planId: plan.id });
    } catch (err) {
      report({ file, status: "error", reason: (err as Error).message });
    }
  }
  return out;
}
