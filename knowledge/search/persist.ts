// Saving the search indexes between starts: typed arrays written as raw bytes (loaded without
// parsing), each file replaced atomically, and per-document content hashes so that an index
// over a changed corpus is updated from the saved one instead of rebuilt (see matchDocs).
import { createHash } from "node:crypto";
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { threadId } from "node:worker_threads";

/** Bytes of a document's content hash (sha1, truncated). */
export const HASH_BYTES = 16;

/** Hash of the texts in order: equal fingerprints mean the saved index is the index. */
export function fingerprint(texts: readonly string[] | ((i: number) => string), count?: number): string {
  const h = createHash("sha256");
  const n = typeof texts === "function" ? count! : texts.length;
  const at = typeof texts === "function" ? texts : (i: number) => texts[i];
  for (let i = 0; i < n; i++) h.update(at(i)).update("\u0000");
  return h.digest("hex");
}

/** One content hash per document, HASH_BYTES each, in order. */
export function docHashes(n: number, text: (i: number) => string): Buffer {
  const out = Buffer.alloc(n * HASH_BYTES);
  for (let i = 0; i < n; i++) createHash("sha1").update(text(i)).digest().copy(out, i * HASH_BYTES, 0, HASH_BYTES);
  return out;
}

/**
 * For each new document, the old document with the same content (each old one used once), or -1.
 * Identical sentences in several plans are matched in order.
 */
export function matchDocs(oldHashes: Buffer, newHashes: Buffer): Int32Array {
  const byHash = new Map<string, number[]>();
  const nOld = oldHashes.length / HASH_BYTES;
  for (let i = nOld - 1; i >= 0; i--) {
    const k = oldHashes.toString("latin1", i * HASH_BYTES, (i + 1) * HASH_BYTES);
    const list = byHash.get(k);
    if (list) list.push(i);
    else byHash.set(k, [i]);
  }
  const n = newHashes.length / HASH_BYTES;
  const from = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const list = byHash.get(newHashes.toString("latin1", i * HASH_BYTES, (i + 1) * HASH_BYTES));
    const old = list?.pop();
    if (old !== undefined) from[i] = old;
  }
  return from;
}

/**
 * Writes a file whole or not at all; owner-only, as everything under DATA_DIR. The temporary file
 * is the writer's own (process and thread), so two workers saving the same file at once each
 * replace it whole.
 */
export function writeAtomic(file: string, data: string | NodeJS.ArrayBufferView | readonly NodeJS.ArrayBufferView[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  if (!Array.isArray(data)) writeFileSync(tmp, data as string | NodeJS.ArrayBufferView, { mode: 0o600 });
  else {
    // Parts written one after the other: a large index is not copied into one buffer first.
    const fd = openSync(tmp, "w", 0o600);
    try {
      for (const part of data as readonly NodeJS.ArrayBufferView[]) writeAll(fd, part);
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, file);
}

/** Writes all of `data` at the file's current position (writeSync may write less than asked). */
export function writeAll(fd: number, data: NodeJS.ArrayBufferView): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Typed arrays in one file: a small JSON header line with their kinds and lengths, then the bytes. */
type ArrayKind = "i32" | "u16" | "u8";
type Arr = Int32Array | Uint16Array | Uint8Array;
const CTOR = { i32: Int32Array, u16: Uint16Array, u8: Uint8Array } as const;

export function writeArrays(file: string, arrays: Record<string, Arr>): void {
  const head: { name: string; kind: ArrayKind; length: number }[] = [];
  for (const [name, a] of Object.entries(arrays)) {
    head.push({ name, kind: a instanceof Int32Array ? "i32" : a instanceof Uint16Array ? "u16" : "u8", length: a.length });
  }
  const header = Buffer.from(JSON.stringify(head) + "\n");
  // Each array starts on an 8-byte boundary so it can be read as a view, without copying.
  const parts: Buffer[] = [header];
  let at = header.length;
  for (const a of Object.values(arrays)) {
    const pad = (8 - (at % 8)) % 8;
    parts.push(Buffer.alloc(pad));
    at += pad;
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    parts.push(bytes);
    at += bytes.length;
  }
  writeAtomic(file, parts);
}

export function readArrays(file: string): Record<string, Arr> {
  // The file's bytes straight into a fresh (so aligned) buffer; the arrays are views into it.
  const fd = openSync(file, "r");
  let ab: ArrayBuffer;
  try {
    ab = new ArrayBuffer(fstatSync(fd).size);
    for (let at = 0; at < ab.byteLength; ) {
      const n = readSync(fd, new Uint8Array(ab, at), 0, ab.byteLength - at, at);
      if (n === 0) throw new Error(`${file} is truncated`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  const buf = Buffer.from(ab);
  const nl = buf.indexOf(10);
  const head = JSON.parse(buf.toString("utf8", 0, nl)) as { name: string; kind: ArrayKind; length: number }[];
  const out: Record<string, Arr> = {};
  let at = nl + 1;
  for (const h of head) {
    at += (8 - (at % 8)) % 8;
    const C = CTOR[h.kind];
    const bytes = h.length * C.BYTES_PER_ELEMENT;
    if (at + bytes > buf.length) throw new Error(`${file} is truncated`);
    out[h.name] = new C(ab, at, h.length);
    at += bytes;
  }
  return out;
}

export function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

/** The saved index is not the index of these documents (a load asked for the saved index only). */
export class SavedIndexMismatch extends Error {
  constructor(what: string) {
    super(`the saved ${what} index is not the index of these documents`);
    this.name = "SavedIndexMismatch";
  }
}
