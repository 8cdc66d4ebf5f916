// A BM25 index over short documents (sentences). Postings live in one typed array once `freeze()`
// is called, so a query over 150,000 sentences stays within a few milliseconds, and the index is
// saved and loaded as arrays (snapshot/fromSnapshot) or updated from an older one (merge).
import { searchTerms, termWeight } from "./tokens";

export interface LexicalHit {
  doc: number;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

/** A frozen index as plain arrays (postings of term t: docs/tfs[offsets[t] .. offsets[t+1]]), to save and load. */
export interface LexicalSnapshot {
  terms: string[];
  docLen: Int32Array;
  offsets: Int32Array;
  docs: Int32Array;
  tfs: Uint16Array;
}

export class LexicalIndex {
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  /** Before freeze(): every (term, doc, tf) added, in document order, and each term's document count. */
  private building = new Postings();
  // Frozen: one array for all postings (compact, and saved and loaded as is).
  private offsets: Int32Array = new Int32Array(1);
  private postDocs: Int32Array = new Int32Array(0);
  private postTfs: Uint16Array = new Uint16Array(0);
  private lens: number[] = [];
  private docLen: Int32Array = new Int32Array(0);
  private frozen = false;
  private avgLen = 1;
  private scores = new Float32Array(0);

  get size(): number {
    return this.frozen ? this.docLen.length : this.lens.length;
  }

  /** Adds a document; ids are consecutive from 0 in call order. */
  add(text: string): number {
    if (this.frozen) throw new Error("LexicalIndex.add after freeze(): build a new index instead.");
    const doc = this.lens.length;
    const terms = searchTerms(text);
    this.addCounts(doc, terms);
    this.lens.push(terms.length);
    return doc;
  }

  private addCounts(doc: number, terms: readonly string[]): void {
    // One map lookup per token (its term id), counted by id: a count map per document cost twice
    // the lookups and was most of a first start's keyword indexing.
    const touched = TOUCHED;
    touched.length = 0;
    for (const t of terms) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(t, id);
        this.terms.push(t);
        if (id >= COUNTS.length) COUNTS = grown(COUNTS, id + 1);
      }
      if (COUNTS[id]++ === 0) touched.push(id);
    }
    for (const id of touched) {
      this.building.add(id, doc, COUNTS[id]);
      COUNTS[id] = 0;
    }
  }

  freeze(): void {
    if (this.frozen) return;
    const { offsets, docs, tfs } = this.building.byTerm(this.terms.length);
    this.building = new Postings();
    this.install(offsets, docs, tfs, Int32Array.from(this.lens));
    this.lens = [];
  }

  private install(offsets: Int32Array, docs: Int32Array, tfs: Uint16Array, docLen: Int32Array): void {
    this.offsets = offsets;
    this.postDocs = docs;
    this.postTfs = tfs;
    this.docLen = docLen;
    const n = docLen.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += docLen[i];
    this.avgLen = n ? total / n : 1;
    this.scores = new Float32Array(n);
    this.frozen = true;
  }

  /** The frozen index as arrays (see fromSnapshot). */
  snapshot(): LexicalSnapshot {
    this.freeze();
    return { terms: this.terms, docLen: this.docLen, offsets: this.offsets, docs: this.postDocs, tfs: this.postTfs };
  }

  static fromSnapshot(s: LexicalSnapshot): LexicalIndex {
    if (s.offsets.length !== s.terms.length + 1 || s.docs.length !== s.tfs.length || s.offsets[s.terms.length] !== s.docs.length) {
      throw new Error("lexical index snapshot is inconsistent");
    }
    const ix = new LexicalIndex();
    ix.terms = s.terms;
    ix.termIds = new Map(s.terms.map((t, i) => [t, i]));
    ix.install(s.offsets, s.docs, s.tfs, s.docLen);
    return ix;
  }

  /**
   * A new index whose document i is old document `from[i]` (its postings reused, not tokenised
   * again) or, where from[i] is -1, the text texts[i] (tokenised now). Changing a few plans of a
   * large corpus costs the new sentences and one pass over the postings.
   */
  static merge(old: LexicalIndex, from: Int32Array, texts: (i: number) => string): LexicalIndex {
    old.freeze();
    const n = from.length;
    const newOfOld = new Int32Array(old.docLen.length).fill(-1);
    const docLen = new Int32Array(n);
    const fresh = new LexicalIndex();
    fresh.terms = [...old.terms];
    fresh.termIds = new Map(old.termIds);
    for (let i = 0; i < n; i++) {
      if (from[i] >= 0) {
        newOfOld[from[i]] = i;
        docLen[i] = old.docLen[from[i]];
      } else {
        const terms = searchTerms(texts(i));
        fresh.addCounts(i, terms);
        docLen[i] = terms.length;
      }
    }
    // Per term: the old postings renumbered (dropped when their document is gone) merged with the new ones.
    const T = fresh.terms.length;
    const added = fresh.building.byTerm(T);
    fresh.building = new Postings();
    const offsets = new Int32Array(T + 1);
    let docs = new Int32Array(old.postDocs.length + added.docs.length);
    let tfs = new Uint16Array(docs.length);
    let w = 0;
    const pairs: [number, number][] = [];
    for (let t = 0; t < T; t++) {
      pairs.length = 0;
      if (t < old.terms.length) {
        for (let i = old.offsets[t]; i < old.offsets[t + 1]; i++) {
          const d = newOfOld[old.postDocs[i]];
          if (d >= 0) pairs.push([d, old.postTfs[i]]);
        }
      }
      for (let i = added.offsets[t]; i < added.offsets[t + 1]; i++) pairs.push([added.docs[i], added.tfs[i]]);
      let sorted = true;
      for (let i = 1; i < pairs.length && sorted; i++) sorted = pairs[i - 1][0] < pairs[i][0];
      if (!sorted) pairs.sort((x, y) => x[0] - y[0]);
      for (const [d, tf] of pairs) {
        docs[w] = d;
        tfs[w++] = tf;
      }
      offsets[t + 1] = w;
    }
    docs = docs.slice(0, w);
    tfs = tfs.slice(0, w);
    // Terms whose postings are all gone stay with an empty list: harmless, and ids stay stable.
    fresh.install(offsets, docs, tfs, docLen);
    return fresh;
  }

  /** Number of documents containing the term (0 when unknown). */
  docFreq(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    return this.frozen ? this.offsets[id + 1] - this.offsets[id] : this.building.docFreq(id);
  }

  idf(term: string): number {
    const n = this.size;
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
    const { postDocs: docs, postTfs: tfs, docLen } = this;
    for (const [term, w] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const start = this.offsets[id];
      const end = this.offsets[id + 1];
      const idf = this.idf(term) * w;
      for (const [from, to] of spans) {
        for (let i = ranges ? lowerBound(docs, from, start, end) : start; i < end; i++) {
          const d = docs[i];
          if (d >= to) break;
          if (accept && !accept(d)) continue;
          const tf = tfs[i];
          const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * docLen[d]) / this.avgLen));
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

/** One document's term counts by term id (zero again after each document), and the ids it touched. */
let COUNTS = new Int32Array(1024);
const TOUCHED: number[] = [];

function grown(a: Int32Array, min: number) {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Postings as they are added, in chunks of typed arrays: a first start adds millions (150,000
 * sentences), and two number arrays per term held about twice the memory and made most of the
 * build's garbage; chunks need no copy to grow. byTerm() groups them per term, each list in
 * document order, dropping each chunk once it is copied.
 */
class Postings {
  private static readonly CHUNK = 1 << 18;
  private chunks: { term: Int32Array; doc: Int32Array; tf: Uint16Array }[] = [];
  private n = 0;
  private df = new Int32Array(256);

  add(term: number, doc: number, tf: number): void {
    const at = this.n % Postings.CHUNK;
    if (at === 0) this.chunks.push({ term: new Int32Array(Postings.CHUNK), doc: new Int32Array(Postings.CHUNK), tf: new Uint16Array(Postings.CHUNK) });
    const c = this.chunks[this.chunks.length - 1];
    c.term[at] = term;
    c.doc[at] = doc;
    c.tf[at] = Math.min(tf, 65535);
    this.n++;
    if (term >= this.df.length) this.df = grown(this.df, term + 1);
    this.df[term]++;
  }

  docFreq(term: number): number {
    return term < this.df.length ? this.df[term] : 0;
  }

  /** Postings of term t at docs/tfs[offsets[t] .. offsets[t + 1]) for terms 0 .. terms-1; empties this. */
  byTerm(terms: number): { offsets: Int32Array; docs: Int32Array; tfs: Uint16Array } {
    const offsets = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = offsets[t] + this.docFreq(t);
    const docs = new Int32Array(this.n);
    const tfs = new Uint16Array(this.n);
    const next = offsets.slice(0, terms);
    let left = this.n;
    for (let c = this.chunks.shift(); c; c = this.chunks.shift()) {
      const m = Math.min(left, Postings.CHUNK);
      for (let i = 0; i < m; i++) {
        const at = next[c.term[i]]++;
        docs[at] = c.doc[i];
        tfs[at] = c.tf[i];
      }
      left -= m;
    }
    this.n = 0;
    this.df = new Int32Array(256);
    return { offsets, docs, tfs };
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

function lowerBound(a: Int32Array, x: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
