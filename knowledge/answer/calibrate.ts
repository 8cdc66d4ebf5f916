// Setting the selection weights from labelled questions. Each question brings its candidates'
// features (coverage alone, with the plan's own name words weighed apart, and in context, search rank, evidence strength, period match, second
// ask) and whether each would give a right answer. A grid search picks the ranking weights, then
// the two thresholds, that answer the most questions right (an unanswerable question is right
// when nothing is accepted); k-fold cross-validation by document says how well that generalises.
import { ownShare, type CoverageParts } from "./coverage";
import type { Weights } from "./weights";

export interface CandidateFeatures {
  own: number;
  /** What `own` is made of; with it, the fit also tries weights for the plan's own name words. */
  ownParts?: CoverageParts;
  ctx: number;
  search: number;
  /** Evidence strength; 0 when the candidate lacks the fact asked for. */
  evidence: number;
  period: number;
  also: number;
  /** The answer built from this candidate holds every fact of the question. */
  right: boolean;
}

export interface Sample {
  id: string;
  /** Questions of one document share a fold. */
  group: string;
  answerable: boolean;
  candidates: CandidateFeatures[];
}

const GRID = {
  own: [0.2, 0.5, 0.8],
  ctx: [0.2, 0.5, 0.8],
  search: [0, 0.15, 0.3],
  evidence: [0.15, 0.3, 0.5, 0.7],
  period: [0, 0.2, 0.4, 0.7],
  also: [0, 0.1],
  named: [0, 0.3, 0.6],
};
const ANSWER_AT = Array.from({ length: 21 }, (_, i) => 0.2 + i * 0.08);
const SUPPORT_AT = [0, 0.1, 0.2, 0.3, 0.4];
const EVIDENCE_AT = [0, 0.35, 0.55, 0.75];

type Ranking = Omit<Weights, "answerAt" | "supportAt" | "evidenceAt">;

function score(w: Ranking, c: CandidateFeatures): number {
  const own = c.ownParts ? ownShare(c.ownParts, w.named) : c.own;
  return w.own * own + w.ctx * c.ctx + w.search * c.search + w.evidence * c.evidence + w.period * c.period + w.also * c.also;
}

/** The best candidate that carries the fact, by these weights. */
function pick(w: Ranking, s: Sample): { c: CandidateFeatures; score: number } | null {
  let best: { c: CandidateFeatures; score: number } | null = null;
  for (const c of s.candidates) {
    if (c.evidence <= 0) continue;
    const v = score(w, c);
    if (!best || v > best.score) best = { c, score: v };
  }
  return best;
}

export interface Outcome {
  right: number;
  total: number;
  /** "Not found" answers, and how many of them were for unanswerable questions. */
  abstained: number;
  abstainedRight: number;
  unanswerable: number;
}

export function evaluate(w: Weights, samples: Sample[]): Outcome {
  const o: Outcome = { right: 0, total: samples.length, abstained: 0, abstainedRight: 0, unanswerable: 0 };
  for (const s of samples) {
    const p = pick(w, s);
    const answered = !!p && p.score >= w.answerAt && p.c.ctx >= w.supportAt && p.c.evidence >= w.evidenceAt;
    if (!s.answerable) o.unanswerable++;
    if (!answered) {
      o.abstained++;
      if (!s.answerable) o.abstainedRight++;
    }
    if (s.answerable ? answered && p!.c.right : !answered) o.right++;
  }
  return o;
}

function* rankings(): Generator<Ranking> {
  for (const own of GRID.own)
    for (const ctx of GRID.ctx)
      for (const search of GRID.search)
        for (const evidence of GRID.evidence)
          for (const period of GRID.period)
            for (const also of GRID.also) for (const named of GRID.named) yield { own, named, ctx, search, evidence, period, also };
}

/** The weights that answer the most samples right; ties go to the simpler (smaller) weights. */
export function fit(samples: Sample[]): Weights {
  let best: { w: Weights; right: number } | null = null;
  for (const r of rankings()) {
    // The thresholds do not change the ranking: pick once, then sweep them.
    const picked = samples.map((s) => ({ s, p: pick(r, s) }));
    for (const answerAt of ANSWER_AT)
      for (const supportAt of SUPPORT_AT)
        for (const evidenceAt of EVIDENCE_AT) {
          let right = 0;
          for (const { s, p } of picked) {
            const answered = !!p && p.score >= answerAt && p.c.ctx >= supportAt && p.c.evidence >= evidenceAt;
            if (s.answerable ? answered && p!.c.right : !answered) right++;
          }
          if (!best || right > best.right) best = { w: { ...r, answerAt, supportAt, evidenceAt }, right };
        }
  }
  return best!.w;
}

/** Accuracy on each held-out fold when fitted on the others (folds by document group). */
export function crossValidate(samples: Sample[], k: number): { right: number; total: number } {
  const groups = [...new Set(samples.map((s) => s.group))].sort();
  let right = 0;
  for (let f = 0; f < k; f++) {
    const held = new Set(groups.filter((_, i) => i % k === f));
    const train = samples.filter((s) => !held.has(s.group));
    const test = samples.filter((s) => held.has(s.group));
    if (!test.length || !train.length) continue;
    right += evaluate(fit(train), test).right;
  }
  return { right, total: samples.length };
}
