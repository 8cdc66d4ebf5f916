// The server's plans follow PLANS_DIR: every plan file in the folder is ingested (identical content
// under two names once, with a warning), and a stored plan whose file is no longer there is retired:
// no longer answered from, offered in forms or nudged, while its report entries are kept and still
// exported under their period. A file put back brings its plan back.
import { existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import { planId } from "../../knowledge/load-plan";
import type { Plan } from "../../knowledge/types";
import { localDate } from "../../knowledge/occurrences";
import { ConfigError } from "../config";
import { audit } from "../audit";
import type { Db, DbQuery } from "../storage/db";
import { linkCoveredUnits } from "../users/unit-links";
import { FileHashes } from "./file-hashes";
import type { IngestOptions } from "./library";
import { expandPlanPaths, ingestFiles, type FileOutcome, type LoadPlanFile } from "./ingest-files";

export interface Duplicate {
  file: string;
  /** The file with the same content that is loaded instead. */
  sameAs: string;
}

export interface FolderSync {
  outcomes: FileOutcome[];
  duplicates: Duplicate[];
  /** Plans retired by this call (their file left the folder). */
  retired: string[];
}

/** Stops the start when PLANS_DIR is not a folder: the message names the variable and the fix. */
export function checkPlansDir(dir: string): void {
  const fix = "Create the folder and put the plan files (.txt, .md, .docx, .pdf) in it, or set PLANS_DIR to the folder that holds them (default ./knowledge/sample-plans).";
  if (!existsSync(dir)) throw new ConfigError(`PLANS_DIR: the folder "${dir}" does not exist. ${fix}`);
  if (!statSync(dir).isDirectory()) throw new ConfigError(`PLANS_DIR: "${dir}" is a file, not a folder. ${fix}`);
}

/** The plan files of the folder, one per distinct content (the first name in sorted order wins), with their sha256. */
export function distinctPlanFiles(dir: string, hashes: FileHashes = new FileHashes(null)): { files: string[]; duplicates: Duplicate[]; shas: Map<string, string> } {
  const seen = new Map<string, string>();
  const files: string[] = [];
  const duplicates: Duplicate[] = [];
  const shas = new Map<string, string>();
  const all = expandPlanPaths([dir]).files;
  for (const file of all) {
    let sha: string;
    try {
      sha = hashes.sha(file);
      shas.set(file, sha);
    } catch {
      files.push(file); // unreadable: ingest reports it by name
      continue;
    }
    const first = seen.get(sha);
    if (first) duplicates.push({ file, sameAs: first });
    else {
      seen.set(sha, file);
      files.push(file);
    }
  }
  hashes.save(all);
  return { files, duplicates, shas };
}

export async function followPlansDir(
  db: Db,
  dir: string,
  o: {
    load: LoadPlanFile;
    now: Date;
    onFile?: (r: FileOutcome) => void;
    onTotal?: (files: number) => void;
    hashes?: FileHashes;
    onStored?: (plan: Plan) => void;
    beforeStore?: () => void;
  } & IngestOptions,
): Promise<FolderSync> {
  checkPlansDir(dir);
  const { files, duplicates, shas } = distinctPlanFiles(dir, o.hashes);
  o.onTotal?.(files.length);
  const outcomes = await ingestFiles(db, files, { ...o, shas });
  const ids = [...new Set(files.map((f) => planId(f)))];
  // Nothing to retire or bring back (every restart with unchanged files): no transaction.
  const want = new Set(ids);
  const rows = await db.query<{ id: string; retired: boolean }>("SELECT id, retired_at IS NOT NULL AS retired FROM plans");
  if (!rows.some((r) => r.retired === want.has(r.id))) return { outcomes, duplicates, retired: [] };
  const retired = await db.transaction(async (tx) => {
    const back = await tx.query<{ id: string }>("UPDATE plans SET retired_at = NULL WHERE retired_at IS NOT NULL AND id = ANY($1::text[]) RETURNING id", [ids]);
    for (const p of back) {
      await linkCoveredUnits(tx, { planId: p.id });
      await audit(tx, { at: o.now, actorUserId: null, action: "plan.restore", entity: "plan", entityId: p.id, after: { dir } });
    }
    const gone = await tx.query<{ id: string; file: string }>(
      "UPDATE plans SET retired_at = $2 WHERE retired_at IS NULL AND NOT (id = ANY($1::text[])) RETURNING id, file",
      [ids, o.now],
    );
    for (const p of gone) {
      await audit(tx, { at: o.now, actorUserId: null, action: "plan.retire", entity: "plan", entityId: p.id, after: { file: basename(p.file), dir } });
    }
    await unlinkRetired(tx);
    return gone.map((p) => p.id).sort();
  });
  return { outcomes, duplicates, retired };
}

/** Drops the unit links of retired plans (forms, nudges and "chưa cập nhật" follow the links). */
export async function unlinkRetired(q: DbQuery): Promise<void> {
  await q.query("DELETE FROM obligation_units WHERE plan_id IN (SELECT id FROM plans WHERE retired_at IS NOT NULL)");
}

export interface PlanState {
  id: string;
  title: string;
  /** current: answered from; ended: its period (meta.period.to) is over, still answered from; retired: its file left PLANS_DIR. */
  state: "current" | "ended" | "retired";
  period: { from: number; to: number } | null;
}

/** planStates on the Hà Nội calendar day of an instant (for channels, which hold instants). */
export function planStatesAt(q: DbQuery, now: Date): Promise<PlanState[]> {
  return planStates(q, localDate(now));
}

/** Every stored plan with its state on `today` (YYYY-MM-DD): current ones first, then ended, then retired. */
export async function planStates(q: DbQuery, today: string): Promise<PlanState[]> {
  const rows = await q.query<{ id: string; title: string; period: { from?: unknown; to?: unknown } | null; retired: boolean }>(
    "SELECT id, title, meta->'period' AS period, retired_at IS NOT NULL AS retired FROM plans ORDER BY id",
  );
  const year = Number(today.slice(0, 4));
  const order = { current: 0, ended: 1, retired: 2 };
  return rows
    .map((r) => {
      const period = r.period && typeof r.period.from === "number" && typeof r.period.to === "number" ? { from: r.period.from, to: r.period.to } : null;
      const state: PlanState["state"] = r.retired ? "retired" : period && period.to < year ? "ended" : "current";
      return { id: r.id, title: r.title, state, period };
    })
    .sort((a, b) => order[a.state] - order[b.state] || a.id.localeCompare(b.id));
}
