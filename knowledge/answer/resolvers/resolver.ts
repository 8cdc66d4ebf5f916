// A resolver reads one kind of fact. It declares the evidence an answer of its kind must carry and
// finds it in a candidate; the engine ranks candidates and keeps the best one that carries it.
import type { Ask } from "../ask";
import type { Candidate } from "../candidates";
import type { Found } from "../evidence";
import type { Question } from "../question";
import type { Due } from "../../types";

/** The fact a resolver found: the words to show, how sure it is (0..1), and a due date when it gives one. */
export interface Fact extends Found {
  due?: Due;
}

export interface Resolver {
  ask: Ask;
  /** The fact an answer of this kind needs, found in the candidate (its sentence, list intro, heading or obligations), or null. */
  find(c: Candidate, q: Question): Fact | null;
  /**
   * For a candidate that speaks of what is asked without the fact ("Hằng năm ... báo cáo" asked for
   * a date): what the plan does say, so the answer can say the plan is silent on the rest.
   */
  silence?(c: Candidate, q: Question): Fact | null;
}

/** The first fact found among several readers, the strongest when several find one. */
export function strongest(...facts: (Fact | null | undefined)[]): Fact | null {
  let best: Fact | null = null;
  for (const f of facts) if (f && f.strength > 0 && (!best || f.strength > best.strength)) best = f;
  return best;
}

/** A fact read from another text than the sentence (list intro, heading), trusted a little less. */
export function from(f: Fact | null, factor: number): Fact | null {
  return f ? { ...f, strength: f.strength * factor } : null;
}
