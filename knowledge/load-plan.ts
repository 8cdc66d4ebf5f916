// Loading plans: a file (or text already read) becomes a Plan: normalised text with offsets back to
// the original, metadata, sections, sentences and obligations.
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { normalise } from "./normalise";
import { extractObligations } from "./obligations/extract";
import { planExtension, readPlanFile } from "./load/read-file";
import { structure } from "./structure";
import { PlanLoadError, type Plan } from "./types";
import { key } from "./vietnamese";

export { extractObligations } from "./obligations/extract";
export { PlanLoadError } from "./types";

export interface LoadProgress {
  file: string;
  plan?: Plan;
  error?: PlanLoadError;
  index: number;
  total: number;
}

/** The plan id of a file: its name without extension ("honglinh-2023"). */
export function planId(path: string): string {
  return basename(path, extname(path));
}

// A plan has Vietnamese words (with diacritics, or without them as in some PDF text layers).
const PLAN_WORDS = ["ke hoach", "bao cao", "uy ban", "thuc hien", "to chuc", "nhiem vu", "cong tac", "trien khai", "chuong trinh", "dinh ky"];
function looksLikePlan(text: string): boolean {
  if (text.length < 80) return false;
  const vi = text.match(/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/giu)?.length ?? 0;
  if (vi >= 20) return true;
  const folded = key(text.slice(0, 20000));
  return PLAN_WORDS.filter((w) => folded.includes(w)).length >= 3;
}

function build(id: string, file: string, raw: string, sha256: string, markdown: boolean): Plan {
  const norm = normalise(raw, { markdown });
  if (!looksLikePlan(norm.text)) {
    throw new PlanLoadError(file, "it has no Vietnamese plan text (too short or not Vietnamese); check that this is the right file, or that a scanned PDF has a text layer");
  }
  const { meta, sections, sentences } = structure(norm, id);
  const base = { id, file, sha256, meta, text: norm.text, offsetRuns: norm.offsetRuns, sections, sentences };
  return { ...base, obligations: extractObligations(base) };
}

/** Text pasted from a web page keeps Markdown marks ("## heading", "**bold**") even in a .txt file. */
function looksLikeMarkdown(text: string): boolean {
  return /^#{1,6}\s|\*\*[^*\n]+\*\*/mu.test(text.slice(0, 200000));
}

const sha = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A plan from .txt/.md text already read. Markdown is assumed when `file` ends in .md or the text has Markdown headings. */
export function planFromText(id: string, text: string, file = `${id}.txt`): Plan {
  const markdown = extname(file).toLowerCase() === ".md" || looksLikeMarkdown(text);
  return build(id, file, text.replace(/^\ufeff/u, ""), sha(text), markdown);
}

/** Loads one .txt, .md, .docx or .pdf file. Throws PlanLoadError naming the file. */
export async function loadPlanFile(path: string): Promise<Plan> {
  const { raw, format, bytes } = await readPlanFile(path);
  return build(planId(path), path, raw, sha(bytes), format === "markdown" || (format === "text" && looksLikeMarkdown(raw)));
}

/** The raw text a plan was built from (its offsets point into it): the file read again. */
export async function planSource(plan: Pick<Plan, "file">): Promise<string> {
  return (await readPlanFile(plan.file)).raw;
}

async function expand(path: string, out: string[], errors: PlanLoadError[]): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch {
    errors.push(new PlanLoadError(path, "no such file or folder; check the path"));
    return;
  }
  if (st.isDirectory()) {
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = join(path, e.name);
      if (e.isDirectory()) await expand(p, out, errors);
      else if (planExtension(p)) out.push(p);
    }
  } else out.push(path);
}

/**
 * Loads files and folders (recursively: .txt .md .docx .pdf). A file that fails is reported in
 * `errors` (and through onProgress) and the others still load.
 */
export async function loadPlans(paths: string[], onProgress?: (e: LoadProgress) => void): Promise<{ plans: Plan[]; errors: PlanLoadError[] }> {
  const files: string[] = [];
  const errors: PlanLoadError[] = [];
  for (const p of paths) await expand(p, files, errors);
  const plans: Plan[] = [];
  let index = 0;
  for (const file of files) {
    index++;
    try {
      const plan = await loadPlanFile(file);
      plans.push(plan);
      onProgress?.({ file, plan, index, total: files.length });
    } catch (e) {
      const error = e instanceof PlanLoadError ? e : new PlanLoadError(file, (e as Error).message);
      errors.push(error);
      onProgress?.({ file, error, index, total: files.length });
    }
  }
  return { plans, errors };
}
