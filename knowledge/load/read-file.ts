// Reads one plan file into its raw text by extension, with the checks every format shares:
// size cap, empty file, binary content. Errors name the file and say the fix. The Word and PDF
// readers are imported when such a file comes (mammoth and unpdf cost a server's start otherwise).
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { PlanLoadError } from "../types";
import { MAX_PLAN_BYTES, PLAN_EXTENSIONS, type PlanExtension } from "./limits";
import { decodeText } from "./read-text";

export interface RawPlanText {
  /** The text as the file gives it, before normalisation: offsets point into this. */
  raw: string;
  format: "text" | "markdown" | "docx" | "pdf";
  bytes: Uint8Array;
}

export function planExtension(path: string): PlanExtension | null {
  const ext = extname(path).toLowerCase();
  return (PLAN_EXTENSIONS as readonly string[]).includes(ext) ? (ext as PlanExtension) : null;
}

async function readCapped(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new PlanLoadError(path, "it is not a file");
    size = st.size;
  } catch (e) {
    if (e instanceof PlanLoadError) throw e;
    throw new PlanLoadError(path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  if (size === 0) throw new PlanLoadError(path, "the file is empty");
  if (size > MAX_PLAN_BYTES) {
    throw new PlanLoadError(path, `the file is too large for a plan (${(size / 1048576).toFixed(1)} MB, limit ${MAX_PLAN_BYTES / 1048576} MB)`);
  }
  const fh = await open(path, "r");
  try {
    const buf = new Uint8Array(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Reads a .txt, .md, .docx or .pdf file; throws PlanLoadError naming the file. */
export async function readPlanFile(path: string): Promise<RawPlanText> {
  const ext = planExtension(path);
  if (!ext) throw new PlanLoadError(path, `unsupported file type "${extname(path) || "(none)"}"; use .txt, .md, .docx or .pdf`);
  const bytes = await readCapped(path);
  try {
    if (ext === ".docx") return { raw: await (await import("./read-docx")).readDocx(bytes), format: "docx", bytes };
    if (ext === ".pdf") return { raw: await (await import("./read-pdf")).readPdf(bytes), format: "pdf", bytes };
    return { raw: decodeText(bytes), format: ext === ".md" ? "markdown" : "text", bytes };
  } catch (e) {
    if (e instanceof PlanLoadError) throw e;
    throw new PlanLoadError(path, (e as Error).message);
  }
}
