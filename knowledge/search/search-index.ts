// Hybrid search over plan sentences: BM25 on syllables and bigrams, the sentences' vectors (an
// hnswlib graph over them for a semantic embedder), and reciprocal rank fusion of the two rankings,
// optionally restricted to some plans.
import type { Embedder } from "./embedder";
import { reciprocalRankFusion } from "./fusion";
import type { LexicalIndex } from "./lexical-index";
import { loadOrBuildLexical } from "./lexical-store";
import { VectorIndex, type VectorBuildOptions } from "./vector-index";

export interface SearchDoc {
  planId: string;
  sectionId: string;
  /** The sentence (what is cited). */
  text: string;
  /** Extra words indexed with it, e.g. the titles of its section and parents. */
  context?: string;
}

export interface SearchHit {
  doc: number;
  /** Fused score (higher is better). */
  score: number;
  lexical: number | null;
  similarity: number | null;
}

export interface SearchOptions {
  k?: number;
  /** Only these plans; null or absent: all. */
  plans?: ReadonlySet<string> | null;
}

export class SearchIndex {
  private constructor(
    readonly docs: readonly SearchDoc[],
    readonly lexical: LexicalIndex,
    readonly vectors: VectorIndex,
    private readonly docPlan: Int32Array,
    private readonly planNo: Map<string, number>,
    private readonly log: (msg: string) => void,
    /** [start, end) of each plan's documents when they are contiguous. */
    private readonly planRange: Map<string, [number, number]>,
    /** The saved documents' fingerprint (with an index folder): what is saved beside it for them is keyed by it. */
    readonly fingerprint: string | null = null,
  ) {}

  static async build(docs: readonly SearchDoc[], embedder: Embedder, opts: VectorBuildOptions = {}): Promise<SearchIndex> {
    const planNo = new Map<string, number>();
    const docPlan = new Int32Array(docs.length);
    const planRange = new Map<string, [number, number]>();
    const counts = new Map<string, number>();
    docs.forEach((d, i) => {
      if (!planNo.has(d.planId)) planNo.set(d.planId, planNo.size);
      docPlan[i] = planNo.get(d.planId)!;
      const r = planRange.get(d.planId);
      if (r) r[1] = i + 1;
      else planRange.set(d.planId, [i, i + 1]);
      counts.set(d.planId, (counts.get(d.planId) ?? 0) + 1);
    });
    for (const [id, [a, b]] of planRange) if (b - a !== counts.get(id)) planRange.delete(id);
    // Saved in indexDir and loaded (or updated from the saved one) instead of tokenising every sentence again.
    const lex = loadOrBuildLexical(docs.length, (i) => (docs[i].context ? `${docs[i].text}\n${docs[i].context}` : docs[i].text), opts.indexDir, opts.log, opts.savedOnly);
    const vectors = await VectorIndex.build(
      docs.map((d) => d.text),
      embedder,
      opts,
    );
    return new SearchIndex(docs, lex.index, vectors, docPlan, planNo, opts.log ?? (() => {}), planRange, lex.fingerprint ?? null);
  }

  /** A document filter for a set of plans, or undefined for all. */
  filter(plans: ReadonlySet<string> | null | undefined): ((doc: number) => boolean) | undefined {
    if (!plans) return undefined;
    const allowed = new Uint8Array(this.planNo.size);
    for (const p of plans) {
      const n = this.planNo.get(p);
      if (n !== undefined) allowed[n] = 1;
    }
    return (doc) => allowed[this.docPlan[doc]] === 1;
  }

  /** Document ranges of the plans when every one is contiguous and they are few. */
  private ranges(plans: ReadonlySet<string> | null | undefined): [number, number][] | null {
    if (!plans || plans.size > 50) return null;
    const out: [number, number][] = [];
    for (const p of plans) {
      const r = this.planRange.get(p);
      if (r) out.push(r);
      else if (this.planNo.has(p)) return null; // not contiguous: filter instead

    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const k = opts.k ?? 20;
    const ranges = this.ranges(opts.plans);
    const accept = ranges ? undefined : this.filter(opts.plans);
    const lex = this.lexical.search(query, k * 2, accept, ranges ?? undefined);
    let vec: { doc: number; similarity: number }[] = [];
    try {
      // Without a graph (a lexical embedder) the library as a whole is ranked by BM25 alone.
      const exact = ranges && (!this.vectors.hasGraph || ranges.reduce((n, [a, b]) => n + b - a, 0) <= 4000);
      vec = exact ? await this.vectors.searchRanges(query, k * 2, ranges) : this.vectors.hasGraph ? await this.vectors.search(query, k * 2, accept) : [];
    } catch (e) {
      // An embeddings server that is down must not stop answers: lexical results still count.
      this.log(`vector search failed, using lexical results only: ${(e as Error).message}`);
      vec = [];
    }
    const fused = reciprocalRankFusion([lex.map((h) => h.doc), vec.map((h) => h.doc)], 60, [1, 0.6]);
    const lexScore = new Map(lex.map((h) => [h.doc, h.score]));
    const sim = new Map(vec.map((h) => [h.doc, h.similarity]));
    return [...fused]
      .map(([doc, score]) => ({ doc, score, lexical: lexScore.get(doc) ?? null, similarity: sim.get(doc) ?? null }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}
