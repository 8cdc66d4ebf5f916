// The engine over labelled question sets, scored by the eval's rule (../shared/eval/score.py): real
// documents nobody on the team wrote (eval/own/: the dev split the rules were tuned on, and the
// held-out split scored once at its first run) and the team's own plans (regression only). Each
// floor is the score measured when the set was last scored, less a small margin, so a change
// that makes answers worse fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KnowledgeEngine } from "../../../knowledge/answer/engine";
import { loadPlans } from "../../../knowledge/load-plan";
import { parseQuestions, passes } from "../../../scripts/eval/score";

const SETS = [
  // name, plans, questions, today, floor (share right), floor for unanswerable questions refused
  { name: "real documents, dev split", dir: "eval/own/dev/docs", file: "eval/own/dev/questions.jsonl", now: "2026-05-01", floor: 0.66, refused: 0.7 },
  { name: "real documents, held-out split (scored once at its first run, 43/60)", dir: "eval/own/heldout/docs", file: "eval/own/heldout/questions.jsonl", now: "2026-05-01", floor: 0.68, refused: 0.6 },
  { name: "real documents, second held-out split (scored once at its first run, 44/60)", dir: "eval/own/heldout2/docs", file: "eval/own/heldout2/questions.jsonl", now: "2026-05-01", floor: 0.7, refused: 0.8 },
  { name: "team's own plans (regression)", dir: "test/fixtures/answer/heldout2", file: "test/fixtures/answer/heldout2-questions.jsonl", now: "2025-05-01", floor: 0.88, refused: 0.8 },
];

describe.each(SETS)("$name", ({ dir, file, now, floor, refused }) => {
  it(`passes at least ${Math.round(floor * 100)}% of the questions and refuses the unanswerable ones`, async () => {
    const { plans, errors } = await loadPlans([dir]);
    expect(errors).toEqual([]);
    const engine = await KnowledgeEngine.build(plans);
    const questions = parseQuestions(readFileSync(file, "utf8"), file);
    expect(questions.length).toBeGreaterThanOrEqual(50);
    const results = [];
    for (const q of questions) {
      const a = await engine.answer(q.question, { planId: q.plan, now: new Date(`${now}T03:00:00Z`) });
      results.push({ id: q.id, kind: q.kind, ok: passes(q, a) });
    }
    const failed = results.filter((r) => !r.ok).map((r) => r.id);
    expect(results.filter((r) => r.ok).length / results.length, `failed: ${failed.join(", ")}`).toBeGreaterThanOrEqual(floor);
    const unanswerable = results.filter((r) => r.kind === "unanswerable");
    expect(unanswerable.filter((r) => r.ok).length / unanswerable.length).toBeGreaterThanOrEqual(refused);
  }, 120_000);
});
