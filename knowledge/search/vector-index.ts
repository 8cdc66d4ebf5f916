// The vector side of search: document embeddings and, for an embedder whose vectors are not hashed
// words (see Embedder.lexical), an hnswlib-node graph (cosine) over them. When an
// index folder is given, the graph is saved with the embedder id, a fingerprint of the documents
// and a content hash per document: it is loaded as is while the fingerprint matches, and updated
// (removed sentences marked deleted, new ones embedded and added) when some plans changed. The
// vectors in document order are saved beside it and read from there a plan at a time
// (vector-rows.ts), not kept in memory a second time.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import hnswlib from "hnswlib-node";
import { z } from "zod";
import type { Embedder } from "./embedder";
import { docHashes, fingerprint, HASH_BYTES, matchDocs, readArrays, SavedIndexMismatch, writeArrays, writeAtomic } from "./persist";
import { FileRows, MemoryRows, RowsWriter, type VectorRows } from "./vector-rows";

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface VectorHit {
  doc: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

/** The saved files' format; a folder saved by another (older) format is rebuilt. 2: the rows file; 3: the graph optional. */
const VERSION = 3;

const metaSchema = z.object({
  version: z.literal(VERSION),
  embedderId: z.string(),
  fingerprint: z.string(),
  count: z.number().int().nonnegative(),
  dimensions: z.number().int().positive(),
  /** Whether a graph file goes with the rows. */
  graph: z.boolean(),
  /** Labels handed out so far (a removed document's label is not reused). */
  nextLabel: z.number().int().nonnegative(),
});
type IndexMeta = z.infer<typeof metaSchema>;

export { fingerprint };

export interface VectorBuildOptions {
  indexDir?: string;
  /** Name of the files in indexDir (one engine may keep several). */
  name?: string;
  log?: (msg: string) => void;
  /** Texts embedded per call, to bound memory and request size (default: see batchSize). */
  batch?: number;
  /** Only load what indexDir holds: throw SavedIndexMismatch instead of building or updating. */
  savedOnly?: boolean;
  /** The saved graph's read, started earlier (preloadGraph) while the caller read its documents. */
  preloaded?: GraphPreload | null;
  /** Build a graph for search over all documents; default: unless the embedder is lexical. */
  graph?: boolean;
}

/** A saved graph being read on libuv's thread pool (hnswlib's readIndex) while this thread goes on. */
export interface GraphPreload {
  file: string;
  /** The graph, or the error of its read; never rejects. */
  graph: Promise<Graph | Error>;
}

/**
 * Starts reading the graph saved in indexDir, if there is one, off this thread: a restart reads its
 * documents (the plans) meanwhile instead of one after the other. build() takes it through
 * `preloaded`; a caller that ends before build() should await `graph` first (a worker stopped in
 * the middle of a native read can take the process down).
 */
export function preloadGraph(indexDir: string, name = "sentences"): GraphPreload | null {
  const files = indexFiles(indexDir, name);
  if (!existsSync(files.meta) || !existsSync(files.graph)) return null;
  try {
    const meta = metaSchema.parse(JSON.parse(readFileSync(files.meta, "utf8")));
    if (!meta.graph) return null;
    return { file: files.graph, graph: readGraph(files.graph, meta.dimensions).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))) };
  } catch {
    return null; // an unreadable meta file: build() says why and rebuilds
  }
}


/** A graph that has more deleted points than this share of its live ones is rebuilt, not updated. */
const MAX_DELETED_SHARE = 0.5;

export class VectorIndex {
  private readonly docOfLabel: Int32Array;

  private constructor(
    /** Null without a graph (a lexical embedder, or no documents): search() then compares every row. */
    private readonly graph: Graph | null,
    readonly embedder: Embedder,
    readonly count: number,
    /** "built", "loaded" (from indexDir) or "updated" (loaded, then the changed documents added and removed). */
    readonly origin: "built" | "loaded" | "updated",
    private readonly dims: number,
    /** The graph's label of each document. */
    private readonly labelOfDoc: Int32Array,
    nextLabel: number,
    /** The vectors by document, for exact search within a plan. */
    private readonly rows: VectorRows | null,
  ) {
    this.docOfLabel = new Int32Array(nextLabel).fill(-1);
    labelOfDoc.forEach((l, d) => (this.docOfLabel[l] = d));
  }

  static async build(texts: readonly string[], embedder: Embedder, opts: VectorBuildOptions = {}): Promise<VectorIndex> {
    const fp = fingerprint(texts);
    const files = opts.indexDir ? indexFiles(opts.indexDir, opts.name ?? "sentences") : null;
    const withGraph = opts.graph ?? !embedder.lexical;
    const saved = files ? await tryLoad(files, embedder, withGraph, opts.log, opts.preloaded) : null;
    if (saved && saved.meta.fingerprint === fp && saved.meta.count === texts.length) {
      return new VectorIndex(saved.graph, embedder, texts.length, "loaded", saved.meta.dimensions, saved.labels, saved.meta.nextLabel, saved.rows);
    }
    if (opts.savedOnly) throw new SavedIndexMismatch("vector");
    const hashes = docHashes(texts.length, (i) => texts[i]);
    if (saved && files) {
      const updated = await update(saved, texts, hashes, embedder, opts, files.rows);
      if (updated) {
        const meta = { version: VERSION, embedderId: embedder.id, fingerprint: fp, count: texts.length, dimensions: saved.meta.dimensions, graph: withGraph, nextLabel: updated.nextLabel } as const;
        save(files, updated.graph, updated.labels, hashes, meta, updated.rows);
        opts.log?.(`vector index ${files.rows} updated: ${updated.added} sentences added, ${updated.removed} removed`);
        const rows = FileRows.open(files.rows, texts.length, saved.meta.dimensions);
        return new VectorIndex(updated.graph, embedder, texts.length, "updated", saved.meta.dimensions, updated.labels, updated.nextLabel, rows);
      }
      opts.log?.(`vector index ${files.rows} is for other documents; rebuilding`);
    }
    if (texts.length === 0) return new VectorIndex(null, embedder, 0, "built", 0, new Int32Array(0), 0, null);
    const batch = batchSize(embedder, opts);
    let graph: Graph | null = null;
    let dims = 0;
    let started = false;
    // The rows go to the rows file as they are embedded (with an index folder) or stay in memory.
    let writer: RowsWriter | null = null;
    let memory: Float32Array | null = null;
    try {
      for (let i = 0; i < texts.length; i += batch) {
        const vectors = await embedder.embedDocuments(texts.slice(i, i + batch) as string[]);
        for (let j = 0; j < vectors.length; j++) {
          if (!started) {
            started = true;
            dims = vectors[j].length;
            if (withGraph) {
              graph = new HierarchicalNSW("cosine", dims);
              graph.initIndex({ maxElements: texts.length, m: 12, efConstruction: 64, randomSeed: 42 });
            }
            if (files) {
              mkdirSync(dirname(files.rows), { recursive: true, mode: 0o700 });
              writer = new RowsWriter(files.rows, dims);
            } else memory = new Float32Array(texts.length * dims);
          }
          if (vectors[j].length !== dims) throw new Error(`Embedder ${embedder.id} returned vectors of ${vectors[j].length} and ${dims} dimensions; use one model.`);
          graph?.addPoint(vectors[j], i + j);
          if (writer) writer.write(vectors[j]);
          else memory!.set(vectors[j], (i + j) * dims);
        }
        // A large build must not hold the event loop (health checks) for its whole length.
        await new Promise((r) => setImmediate(r));
      }
    } catch (e) {
      (writer as RowsWriter | null)?.abort();
      throw e;
    }
    const labels = Int32Array.from({ length: texts.length }, (_, i) => i);
    (graph as Graph | null)?.setEf(64);
    if (files && writer) {
      save(files, graph, labels, hashes, { version: VERSION, embedderId: embedder.id, fingerprint: fp, count: texts.length, dimensions: dims, graph: withGraph, nextLabel: texts.length }, writer);
      opts.log?.(`vector index saved to ${files.rows} (${texts.length} vectors, embedder ${embedder.id}${withGraph ? ", with a graph" : ""})`);
    }
    const rows = files ? FileRows.open(files.rows, texts.length, dims) : new MemoryRows(memory!, dims);
    return new VectorIndex(graph, embedder, texts.length, "built", dims, labels, texts.length, rows);
  }

  /** Whether search() walks a graph; without one it compares every row (for small indexes only). */
  get hasGraph(): boolean {
    return this.graph !== null;
  }

  async search(query: string, k: number, accept?: (doc: number) => boolean): Promise<VectorHit[]> {
    if (this.count === 0) return [];
    if (!this.graph) {
      const hits = await this.searchRanges(query, this.count, [[0, this.count]]);
      return (accept ? hits.filter((h) => accept(h.doc)) : hits).slice(0, k);
    }
    const q = await this.embedder.embedQuery(query);
    return this.searchVector(q, k, accept);
  }

  /** Exact search over a few document ranges (a plan's sentences): faster than a selective filter on the graph. */
  async searchRanges(query: string, k: number, ranges: readonly (readonly [number, number])[]): Promise<VectorHit[]> {
    if (!this.rows || this.count === 0) return [];
    const q = await this.embedder.embedQuery(query);
    const qn = Math.hypot(...q) || 1;
    const hits: VectorHit[] = [];
    const { dims } = this;
    for (const [from, to] of ranges) {
      const end = Math.min(to, this.count);
      if (end <= from) continue;
      const rows = this.rows.read(from, end);
      for (let d = from; d < end; d++) {
        let dot = 0;
        let vn = 0;
        for (let i = 0, o = (d - from) * dims; i < dims; i++, o++) {
          dot += rows[o] * q[i];
          vn += rows[o] * rows[o];
        }
        hits.push({ doc: d, similarity: dot / (qn * (Math.sqrt(vn) || 1)) });
      }
    }
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  searchVector(q: number[], k: number, accept?: (doc: number) => boolean): VectorHit[] {
    if (!this.graph || this.count === 0) return [];
    const n = Math.min(k, this.count);
    const docOf = this.docOfLabel;
    const r = accept ? this.graph.searchKnn(q, n, (label) => docOf[label] >= 0 && accept(docOf[label])) : this.graph.searchKnn(q, n);
    return r.neighbors.map((label, i) => ({ doc: docOf[label], similarity: 1 - r.distances[i] })).filter((h) => h.doc >= 0);
  }
}

function indexFiles(dir: string, name: string) {
  return { graph: join(dir, `${name}.hnsw`), meta: join(dir, `${name}.json`), arrays: join(dir, `${name}.bin`), rows: join(dir, `${name}.rows`) };
}

interface Saved {
  graph: Graph | null;
  meta: IndexMeta;
  labels: Int32Array;
  hashes: Buffer;
  rows: FileRows;
}

function save(files: ReturnType<typeof indexFiles>, graph: Graph | null, labels: Int32Array, hashes: Buffer, meta: IndexMeta, rows: RowsWriter): void {
  mkdirSync(dirname(files.graph), { recursive: true, mode: 0o700 });
  // The meta file goes last and names the fingerprint: a crash between the files leaves a mismatch, so a rebuild.
  rmSync(files.meta, { force: true });
  rows.commit();
  if (graph) {
    graph.writeIndexSync(files.graph + ".tmp");
    chmodSync(files.graph + ".tmp", 0o600);
    renameSync(files.graph + ".tmp", files.graph);
  } else rmSync(files.graph, { force: true });
  writeArrays(files.arrays, { labels, hashes: new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.length) });
  writeAtomic(files.meta, JSON.stringify(meta));
}

/** A saved graph read on libuv's thread pool (deleted points kept replaceable, as updates need). */
async function readGraph(file: string, dimensions: number): Promise<Graph> {
  const graph = new HierarchicalNSW("cosine", dimensions);
  await graph.readIndex(file, true);
  return graph;
}

async function tryLoad(files: ReturnType<typeof indexFiles>, embedder: Embedder, withGraph: boolean, log?: (m: string) => void, preloaded?: GraphPreload | null): Promise<Saved | null> {
  // Settled before anything else is decided, so no native read outlives this call.
  const early = preloaded?.file === files.graph ? await preloaded.graph : null;
  if (!existsSync(files.meta) || !existsSync(files.arrays) || !existsSync(files.rows)) return null;
  try {
    const meta = metaSchema.parse(JSON.parse(readFileSync(files.meta, "utf8")));
    if (meta.embedderId !== embedder.id) {
      log?.(`vector index ${files.rows} was built by ${meta.embedderId}; rebuilding for ${embedder.id}`);
      return null;
    }
    if (meta.graph !== withGraph) {
      log?.(`vector index ${files.rows} was saved ${meta.graph ? "with" : "without"} a graph; rebuilding`);
      return null;
    }
    const arrays = readArrays(files.arrays);
    const labels = arrays.labels as Int32Array;
    const h = arrays.hashes as Uint8Array;
    if (!(labels instanceof Int32Array) || labels.length !== meta.count || h.length !== meta.count * HASH_BYTES) throw new Error("label file does not match");
    const rows = FileRows.open(files.rows, meta.count, meta.dimensions);
    if (early instanceof Error) throw early;
    const graph = !meta.graph ? null : (early ?? (await readGraph(files.graph, meta.dimensions)));
    graph?.setEf(64);
    return { graph, meta, labels, hashes: Buffer.from(h.buffer, h.byteOffset, h.length), rows };
  } catch (e) {
    log?.(`vector index ${files.rows} could not be read (${(e as Error).message}); rebuilding`);
    return null;
  }
}

/**
 * The saved graph brought up to the new texts: sentences still there keep their vectors, removed
 * ones are marked deleted, new ones are embedded and added. Null when a rebuild is better.
 */
async function update(
  saved: Saved,
  texts: readonly string[],
  hashes: Buffer,
  embedder: Embedder,
  opts: VectorBuildOptions,
  rowsFile: string,
): Promise<{ graph: Graph | null; labels: Int32Array; nextLabel: number; added: number; removed: number; rows: RowsWriter } | null> {
  const from = matchDocs(saved.hashes, hashes);
  const kept = new Uint8Array(saved.meta.count);
  const labels = new Int32Array(texts.length);
  const todo: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (from[i] >= 0) {
      kept[from[i]] = 1;
      labels[i] = saved.labels[from[i]];
    } else todo.push(i);
  }
  const { graph } = saved;
  const removed = saved.meta.count - (texts.length - todo.length);
  const deletedBefore = graph ? graph.getCurrentCount() - saved.meta.count : 0;
  if (texts.length === 0 || deletedBefore + removed > MAX_DELETED_SHARE * texts.length) return null;
  if (graph) for (let d = 0; d < saved.meta.count; d++) if (!kept[d]) graph.markDelete(saved.labels[d]);
  let next = saved.meta.nextLabel;
  if (graph && graph.getCurrentCount() + todo.length > graph.getMaxElements()) graph.resizeIndex(graph.getCurrentCount() + todo.length + 1024);
  const batch = batchSize(embedder, opts);
  const fresh = new Map<number, Float32Array>();
  for (let i = 0; i < todo.length; i += batch) {
    const part = todo.slice(i, i + batch);
    const vectors = await embedder.embedDocuments(part.map((d) => texts[d]));
    vectors.forEach((v, j) => {
      if (v.length !== saved.meta.dimensions) throw new Error(`Embedder ${embedder.id} returned vectors of ${v.length} and ${saved.meta.dimensions} dimensions; use one model.`);
      labels[part[j]] = next;
      graph?.addPoint(v, next++);
      fresh.set(part[j], Float32Array.from(v));
    });
  }
  // The new rows file: kept documents' rows from the old one, in runs, and the new vectors.
  const rows = new RowsWriter(rowsFile, saved.meta.dimensions);
  try {
    for (let i = 0; i < texts.length; ) {
      const v = fresh.get(i);
      if (v) {
        rows.write(v);
        i++;
        continue;
      }
      let end = i + 1;
      while (end < texts.length && from[end] === from[end - 1] + 1 && end - i < 1024) end++;
      const block = saved.rows.read(from[i], from[i] + (end - i));
      for (let k = 0; k < end - i; k++) rows.write(block.subarray(k * saved.meta.dimensions, (k + 1) * saved.meta.dimensions));
      i = end;
    }
  } catch (e) {
    rows.abort();
    throw e;
  }
  return { graph, labels, nextLabel: next, added: todo.length, removed, rows };
}

/**
 * Texts embedded per call. A local (hashed) embedder's batch is small: its vectors then die young
 * instead of moving to the old generation as garbage (a build's memory grew by ~300 MB at 150,000
 * sentences with 512); a server's is larger, for fewer requests.
 */
function batchSize(embedder: Embedder, opts: VectorBuildOptions): number {
  return opts.batch ?? (embedder.lexical ? 64 : 512);
}
