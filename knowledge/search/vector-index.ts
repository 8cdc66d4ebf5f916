// The vector side of search: an hnswlib-node graph (cosine) over document embeddings. When an
// index folder is given, the graph is saved with the embedder id and a fingerprint of the
// documents, and loaded instead of rebuilt while both still match.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import { z } from "zod";
import type { Embedder } from "./embedder";

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface VectorHit {
  doc: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

const metaSchema = z.object({
  embedderId: z.string(),
  fingerprint: z.string(),
  count: z.number().int().nonnegative(),
  dimensions: z.number().int().positive(),
});
type IndexMeta = z.infer<typeof metaSchema>;

export function fingerprint(texts: readonly string[]): string {
  const h = createHash("sha256");
  for (const t of texts) h.update(t).update("\u0000");
  return h.digest("hex");
}

export interface VectorBuildOptions {
  indexDir?: string;
  /** Name of the files in indexDir (one engine may keep several). */
  name?: string;
  log?: (msg: string) => void;
  /** Texts embedded per call, to bound memory and request size. */
  batch?: number;
}

export class VectorIndex {
  private constructor(
    private readonly graph: Graph | null,
    readonly embedder: Embedder,
    readonly count: number,
    /** "built" or "loaded" (from indexDir). */
    readonly origin: "built" | "loaded",
    /** Every vector, row by row, for exact search within a plan (graph.getPoint is slow). */
    private readonly rows: Float32Array,
    private readonly dims: number,
  ) {}

  static async build(texts: readonly string[], embedder: Embedder, opts: VectorBuildOptions = {}): Promise<VectorIndex> {
    const fp = fingerprint(texts);
    const files = opts.indexDir ? indexFiles(opts.indexDir, opts.name ?? "sentences") : null;
    if (files) {
      const loaded = tryLoad(files, embedder, fp, texts.length, opts.log);
      if (loaded) {
        const dims = loaded.getNumDimensions();
        const rows = new Float32Array(texts.length * dims);
        for (let i = 0; i < texts.length; i++) rows.set(loaded.getPoint(i), i * dims);
        return new VectorIndex(loaded, embedder, texts.length, "loaded", rows, dims);
      }
    }
    if (texts.length === 0) return new VectorIndex(null, embedder, 0, "built", new Float32Array(0), 0);
    const batch = opts.batch ?? 512;
    let graph: Graph | null = null;
    let dims = 0;
    let rows = new Float32Array(0);
    for (let i = 0; i < texts.length; i += batch) {
      const vectors = await embedder.embedDocuments(texts.slice(i, i + batch) as string[]);
      for (let j = 0; j < vectors.length; j++) {
        if (!graph) {
          dims = vectors[j].length;
          graph = new HierarchicalNSW("cosine", dims);
          graph.initIndex({ maxElements: texts.length, m: 12, efConstruction: 64, randomSeed: 42 });
          rows = new Float32Array(texts.length * dims);
        }
        if (vectors[j].length !== dims) throw new Error(`Embedder ${embedder.id} returned vectors of ${vectors[j].length} and ${dims} dimensions; use one model.`);
        graph.addPoint(vectors[j], i + j);
        rows.set(vectors[j], (i + j) * dims);
      }
    }
    if (graph) graph.setEf(64);
    if (files && graph) {
      mkdirSync(opts.indexDir!, { recursive: true });
      graph.writeIndexSync(files.graph + ".tmp");
      renameSync(files.graph + ".tmp", files.graph);
      const meta: IndexMeta = { embedderId: embedder.id, fingerprint: fp, count: texts.length, dimensions: dims };
      writeFileSync(files.meta, JSON.stringify(meta));
      opts.log?.(`vector index saved to ${files.graph} (${texts.length} vectors, embedder ${embedder.id})`);
    }
    return new VectorIndex(graph, embedder, texts.length, "built", rows, dims);
  }

  async search(query: string, k: number, accept?: (doc: number) => boolean): Promise<VectorHit[]> {
    if (!this.graph || this.count === 0) return [];
    const q = await this.embedder.embedQuery(query);
    return this.searchVector(q, k, accept);
  }

  /** Exact search over a few document ranges (a plan's sentences): faster than a selective filter on the graph. */
  async searchRanges(query: string, k: number, ranges: readonly (readonly [number, number])[]): Promise<VectorHit[]> {
    if (!this.graph || this.count === 0) return [];
    const q = await this.embedder.embedQuery(query);
    const qn = Math.hypot(...q) || 1;
    const hits: VectorHit[] = [];
    const { rows, dims } = this;
    for (const [from, to] of ranges) {
      for (let d = from; d < Math.min(to, this.count); d++) {
        let dot = 0;
        let vn = 0;
        for (let i = 0, o = d * dims; i < dims; i++, o++) {
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
    const r = accept ? this.graph.searchKnn(q, n, accept) : this.graph.searchKnn(q, n);
    return r.neighbors.map((doc, i) => ({ doc, similarity: 1 - r.distances[i] }));
  }
}

function indexFiles(dir: string, name: string) {
  return { graph: join(dir, `${name}.hnsw`), meta: join(dir, `${name}.json`) };
}

function tryLoad(files: { graph: string; meta: string }, embedder: Embedder, fp: string, count: number, log?: (m: string) => void): Graph | null {
  if (!existsSync(files.meta) || !existsSync(files.graph)) return null;
  try {
    const meta = metaSchema.parse(JSON.parse(readFileSync(files.meta, "utf8")));
    if (meta.embedderId !== embedder.id) {
      log?.(`vector index ${files.graph} was built by ${meta.embedderId}; rebuilding for ${embedder.id}`);
      return null;
    }
    if (meta.fingerprint !== fp || meta.count !== count) {
      log?.(`vector index ${files.graph} is for other documents; rebuilding`);
      return null;
    }
    const graph = new HierarchicalNSW("cosine", meta.dimensions);
    graph.readIndexSync(files.graph);
    graph.setEf(64);
    return graph;
  } catch (e) {
    log?.(`vector index ${files.graph} could not be read (${(e as Error).message}); rebuilding`);
    return null;
  }
}
