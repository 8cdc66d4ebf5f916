// The lexical index between starts: saved as arrays in the index folder with a fingerprint of the
// documents and a content hash per document. Same documents: loaded as is (no tokenising). Some
// plans changed: the saved postings are renumbered and only the new sentences tokenised.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { LexicalIndex } from "./lexical-index";
import { docHashes, fingerprint, HASH_BYTES, matchDocs, readArrays, SavedIndexMismatch, writeArrays, writeAtomic } from "./persist";

const VERSION = 1;
const metaSchema = z.object({ version: z.literal(VERSION), fingerprint: z.string(), count: z.number().int().nonnegative(), terms: z.number().int().nonnegative() });

export interface LexicalBuild {
  index: LexicalIndex;
  origin: "built" | "loaded" | "updated";
  /** The documents' fingerprint when saved in a folder (what else is saved for them is keyed by). */
  fingerprint?: string;
}

function files(dir: string) {
  return { meta: join(dir, "lexical.json"), terms: join(dir, "lexical.terms"), arrays: join(dir, "lexical.bin") };
}

/** The lexical index of n documents, loaded, updated or built (and then saved) in `dir`. */
export function loadOrBuildLexical(n: number, text: (i: number) => string, dir?: string, log?: (m: string) => void, savedOnly = false): LexicalBuild {
  if (!dir) return { index: buildLexical(n, text), origin: "built" };
  const f = files(dir);
  const fp = fingerprint(text, n);
  const saved = tryLoad(f, log);
  if (saved && saved.meta.fingerprint === fp && saved.meta.count === n) return { index: saved.index, origin: "loaded", fingerprint: fp };
  if (savedOnly) throw new SavedIndexMismatch("lexical");
  const hashes = docHashes(n, text);
  let out: LexicalBuild;
  if (saved) {
    const from = matchDocs(saved.hashes, hashes);
    const reused = from.reduce((a, x) => a + (x >= 0 ? 1 : 0), 0);
    out = { index: LexicalIndex.merge(saved.index, from, text), origin: "updated" };
    log?.(`lexical index updated: ${reused} sentences kept, ${n - reused} added, ${saved.meta.count - reused} removed`);
  } else out = { index: buildLexical(n, text), origin: "built" };
  const snap = out.index.snapshot();
  rmSync(f.meta, { force: true }); // a crash while writing the others leaves no meta: a rebuild, never a mismatch
  writeAtomic(f.terms, snap.terms.join("\u0000"));
  writeArrays(f.arrays, { docLen: snap.docLen, offsets: snap.offsets, docs: snap.docs, tfs: snap.tfs, hashes: new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.length) });
  // The meta file goes last: it names what the other two files hold.
  writeAtomic(f.meta, JSON.stringify({ version: VERSION, fingerprint: fp, count: n, terms: snap.terms.length }));
  return { ...out, fingerprint: fp };
}

function buildLexical(n: number, text: (i: number) => string): LexicalIndex {
  const ix = new LexicalIndex();
  for (let i = 0; i < n; i++) ix.add(text(i));
  ix.freeze();
  return ix;
}

function tryLoad(f: ReturnType<typeof files>, log?: (m: string) => void): { index: LexicalIndex; meta: z.infer<typeof metaSchema>; hashes: Buffer } | null {
  if (!existsSync(f.meta) || !existsSync(f.terms) || !existsSync(f.arrays)) return null;
  try {
    const meta = metaSchema.parse(JSON.parse(readFileSync(f.meta, "utf8")));
    const raw = readFileSync(f.terms, "utf8");
    const terms = raw.length ? raw.split("\u0000") : [];
    const a = readArrays(f.arrays);
    const h = a.hashes as Uint8Array;
    if (terms.length !== meta.terms || a.docLen.length !== meta.count || h.length !== meta.count * HASH_BYTES) throw new Error("the files do not match");
    const index = LexicalIndex.fromSnapshot({ terms, docLen: a.docLen as Int32Array, offsets: a.offsets as Int32Array, docs: a.docs as Int32Array, tfs: a.tfs as Uint16Array });
    return { index, meta, hashes: Buffer.from(h.buffer, h.byteOffset, h.length) };
  } catch (e) {
    log?.(`lexical index in ${f.meta} could not be read (${(e as Error).message}); rebuilding`);
    return null;
  }
}
