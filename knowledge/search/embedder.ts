// Embedders turn texts into vectors for the vector index. The built-in one needs no model and no
// network: hashed features of folded syllables, syllable bigrams and character trigrams.
import { bigrams, tokenise } from "./tokens";

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

/** FNV-1a, 32 bits: stable across runs and machines. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class HashEmbedder implements Embedder {
  readonly id: string;
  readonly lexical = true;

  constructor(readonly dimensions = 256) {
    this.id = `hash-v1-${dimensions}`;
  }

  embed(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    const add = (feature: string, weight: number) => {
      const h = hash32(feature);
      // The top bit picks the sign so that collisions cancel out on average.
      v[h % this.dimensions] += h & 0x80000000 ? -weight : weight;
    };
    const { seq } = tokenise(text);
    for (const s of seq) add(`u:${s}`, 1);
    for (const b of bigrams(seq)) add(`b:${b}`, 1.5);
    for (const word of seq) {
      if (word.length < 3) continue;
      const w = ` ${word} `;
      for (let i = 0; i + 3 <= w.length; i++) add(`c:${w.slice(i, i + 3)}`, 0.4);
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
