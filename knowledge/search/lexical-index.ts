// A BM25 index over short documents (sentences). Postings live in typed arrays once `freeze()`
// is called, so a query over 150,000 sentences stays within a few milliseconds.
import { searchTerms, termWeight } from "./tokens";

export interface LexicalHit {
  doc: number;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

export class LexicalIndex {
  private termIds = new Map<string, number>();
  private building: { docs: number[]; tfs: number[] }[] = [];
  private postDocs: Int32Array[] = [];
  private postTfs: Float32Array[] = [];
  private docLen: number[] = [];
  private frozen = false;
  private avgLen = 1;
  private scores = new Float32Array(0);

  get size(): number {
    return this.docLen.length;
  }

  /** Adds a document; ids are consecutive from 0 in call order. */
  add(text: string): number {
    if (this.frozen) throw new Error("LexicalIndex.add after freeze(): build a new index instead.");
    const doc = this.docLen.length;
    const counts = new Map<string, number>();
    const terms = searchTerms(text);
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, c] of counts) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.building.length;
        this.termIds.set(t, id);
        this.building.push({ docs: [], tfs: [] });
      }
      this.building[id].docs.push(doc);
      this.building[id].tfs.push(c);
    }
    this.docLen.push(terms.length);
    return doc;
  }

  freeze(): void {
    if (this.frozen) return;
    this.postDocs = this.building.map((p) => Int32Array.from(p.docs));
    this.postTfs = this.building.map((p) => Float32Array.from(p.tfs));
    this.building = [];
    const n = this.docLen.length;
    this.avgLen = n ? this.docLen.reduce((a, b) => a + b, 0) / n : 1;
    this.scores = new Float32Array(n);
    this.frozen = true;
  }

  /** Number of documents containing the term (0 when unknown). */
  docFreq(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    return this.frozen ? this.postDocs[id].length : this.building[id].docs.length;
  }

  idf(term: string): number {
    const n = this.docLen.length;
    const df = this.docFreq(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Top-k documents for a query. `accept` restricts the documents (e.g. to one plan); `ranges`
   * ([start, end) of document ids) does the same by skipping straight to them in each posting list.
   */
  search(query: string, k: number, accept?: (doc: number) => boolean, ranges?: readonly (readonly [number, number])[]): LexicalHit[] {
    this.freeze();
    const weights = new Map<string, number>();
    for (const t of searchTerms(query)) weights.set(t, Math.max(weights.get(t) ?? 0, termWeight(t)));
    const scores = this.scores;
    const touched: number[] = [];
    const spans = ranges ?? [[0, Number.MAX_SAFE_INTEGER] as const];
    for (const [term, w] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const docs = this.postDocs[id];
      const tfs = this.postTfs[id];
      const idf = this.idf(term) * w;
      for (const [from, to] of spans) {
        for (let i = ranges ? lowerBound(docs, from) : 0; i < docs.length; i++) {
          const d = docs[i];
          if (d >= to) break;
          if (accept && !accept(d)) continue;
          const tf = tfs[i];
          const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.docLen[d]) / this.avgLen));
          if (scores[d] === 0) touched.push(d);
          scores[d] += s;
        }
      }
    }
    const hits = touched.map((d) => ({ doc: d, score: scores[d] }));
    for (const d of touched) scores[d] = 0;
    return topK(hits, k);
  }
}

/** The k best hits, best first; a bounded sorted buffer keeps 100,000 candidates cheap. */
export function topK<T extends { score: number }>(hits: T[], k: number): T[] {
  if (hits.length <= 256) return hits.sort((a, b) => b.score - a.score).slice(0, k);
  const best: T[] = [];
  for (const h of hits) {
    if (best.length === k && h.score <= best[k - 1].score) continue;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length === k) best.pop();
    while (i > 0 && best[i - 1].score < h.score) i--;
    best.splice(i, 0, h);
  }
  return best;
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
