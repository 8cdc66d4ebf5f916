// Embedders turn texts into vectors for the vector index. The built-in one needs no model and no
// network: hashed features of folded syllables, syllable bigrams and character trigrams.
import { tokenise } from "./tokens";

export interface Embedder {
  /** Names the embedder and its settings; an index built by another id is rebuilt. */
  readonly id: string;
  /**
   * Its vectors are hashed words, as the built-in one's: a graph over every sentence of the library
   * then finds what BM25 finds (no plan chosen: 264 vs 263 of 441 answers without it; 61 of 147 at
   * 1,000 bench plans either way), so none is built; a plan's own sentences are still compared exactly.
   */
  readonly lexical?: boolean;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/** FNV-1a (32 bits: stable across runs and machines) over s[from, to), continuing from h (a hash of what comes before). */
function fnv(s: string, from: number, to: number, h: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

// The hashes of the features' prefixes: unigram, bigram, character trigram.
const U = fnv("u:", 0, 2, 0x811c9dc5);
const B = fnv("b:", 0, 2, 0x811c9dc5);
const C = fnv("c:", 0, 2, 0x811c9dc5);

export class HashEmbedder implements Embedder {
  readonly id: string;
  readonly lexical = true;

  constructor(readonly dimensions = 256) {
    this.id = `hash-v1-${dimensions}`;
  }

  embed(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    // Each feature is hashed as the string `${prefix}${text}` would be (FNV-1a runs over it char by
    // char) without making that string: most of the index build's time and garbage went there.
    const add = (h: number, weight: number) => {
      h >>>= 0;
      // The top bit picks the sign so that collisions cancel out on average.
      v[h % this.dimensions] += h & 0x80000000 ? -weight : weight;
    };
    const { seq } = tokenise(text);
    for (const s of seq) add(fnv(s, 0, s.length, U), 1);
    for (let i = 1; i < seq.length; i++) add(fnv(seq[i], 0, seq[i].length, fnv(" ", 0, 1, fnv(seq[i - 1], 0, seq[i - 1].length, B))), 1.5);
    for (const word of seq) {
      if (word.length < 3) continue;
      const w = ` ${word} `;
      for (let i = 0; i + 3 <= w.length; i++) add(fnv(w, i, i + 3, C), 0.4);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
