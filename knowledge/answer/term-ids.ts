// The terms of every sentence as sorted integer ids, made once per sentence (when a question first
// reaches it) and kept. A question
// then asks "does sentence i have term t" by a binary search, instead of tokenising the whole plan
// again on every question (which was most of the answering time at 1,000 plans).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readArrays, writeArrays } from "../search/persist";
import { termSet } from "./coverage";

export class TermIds {
  private readonly ids = new Map<string, number>();

  /** Ids as a saved list gives them (the term at position i has id i). */
  static of(terms: readonly string[]): TermIds {
    const t = new TermIds();
    for (const term of terms) t.ids.set(term, t.ids.size);
    return t;
  }

  /** Every term, in id order. */
  list(): string[] {
    return [...this.ids.keys()];
  }

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

/**
 * The term ids of every sentence, saved in the index folder beside the lexical index once the engine
 * has made them all (its warm-up on a first start), keyed by the documents' fingerprint: a restart
 * loads them as two arrays instead of tokenising 170,000 sentences again while the first questions
 * wait. Sentence i's ids are ids[offsets[i] .. offsets[i + 1]).
 */
export interface SentenceIds {
  terms: TermIds;
  offsets: Int32Array;
  ids: Int32Array;
}

const SAVED_VERSION = 1;
// One file holds all (its fingerprint, terms and ids), replaced whole: two workers saving at once
// (each numbers terms in the order questions reached them) cannot leave one's terms with the other's ids.
const savedFile = (dir: string) => join(dir, "term-ids.bin");

/** Saves the ids of every sentence, in document order; returns them as one pair of arrays. */
export function saveSentenceIds(dir: string, fingerprint: string, terms: TermIds, perSentence: readonly Int32Array[]): Omit<SentenceIds, "terms"> {
  const offsets = new Int32Array(perSentence.length + 1);
  for (let i = 0; i < perSentence.length; i++) offsets[i + 1] = offsets[i] + perSentence[i].length;
  const ids = new Int32Array(offsets[perSentence.length]);
  perSentence.forEach((a, i) => ids.set(a, offsets[i]));
  const head = new TextEncoder().encode(JSON.stringify({ version: SAVED_VERSION, fingerprint, sentences: perSentence.length }));
  writeArrays(savedFile(dir), { head, terms: new TextEncoder().encode(terms.list().join("\u0000")), offsets, ids });
  return { offsets, ids };
}

/** The saved ids of these documents (same fingerprint and count), or null. */
export function loadSentenceIds(dir: string, fingerprint: string, sentences: number): SentenceIds | null {
  const file = savedFile(dir);
  try {
    if (!existsSync(file)) return null;
    const a = readArrays(file);
    const decode = (x: Uint8Array) => new TextDecoder().decode(x);
    const head = JSON.parse(decode(a.head as Uint8Array)) as { version: number; fingerprint: string; sentences: number };
    if (head.version !== SAVED_VERSION || head.fingerprint !== fingerprint || head.sentences !== sentences) return null;
    const raw = decode(a.terms as Uint8Array);
    const offsets = a.offsets as Int32Array;
    const ids = a.ids as Int32Array;
    const list = raw.length ? raw.split("\u0000") : [];
    if (offsets.length !== sentences + 1 || ids.length !== offsets[sentences] || ids.some((id) => id >= list.length)) return null;
    return { terms: TermIds.of(list), offsets, ids };
  } catch {
    return null; // made again by the warm-up, and saved again
  }
}
