// The terms of every sentence as sorted integer ids, made once per sentence (when a question first
// reaches it) and kept. A question
// then asks "does sentence i have term t" by a binary search, instead of tokenising the whole plan
// again on every question (which was most of the answering time at 1,000 plans).
import { termSet } from "./coverage";

export class TermIds {
  private readonly ids = new Map<string, number>();

  /** The id of a term seen in some text, or -1 (no text has it). */
  get(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** The sorted, distinct ids of the terms of these texts (as `termSet` reads them). */
  encode(...texts: (string | null | undefined)[]): Int32Array {
    const terms = termSet(...texts);
    const out = new Int32Array(terms.size);
    let k = 0;
    for (const t of terms) {
      let id = this.ids.get(t);
      if (id === undefined) this.ids.set(t, (id = this.ids.size));
      out[k++] = id;
    }
    return out.sort();
  }
}

/** Whether sorted ids hold `id`. */
export function hasId(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * A question's view of the ids: each of its terms looked up once it is known. A term no text has
 * yet is asked again, since sentences are encoded as questions first reach them.
 */
export function lookup(ids: TermIds): (term: string) => number {
  const memo = new Map<string, number>();
  return (t) => {
    let id = memo.get(t);
    if (id === undefined) {
      id = ids.get(t);
      if (id >= 0) memo.set(t, id);
    }
    return id;
  };
}
