// The engine over plans and questions written apart from the shared eval (five plans of other
// provinces and topics: Word-converted Markdown, PDF text with broken lines, a web paste), scored
// by the eval's own rule. A change that makes answers worse on unseen plans fails here.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { KnowledgeEngine } from "../../../knowledge/answer/engine";
import { loadPlans } from "../../../knowledge/load-plan";
import { parseQuestions, passes } from "../../../scripts/eval/score";

const DIR = "test/fixtures/answer/heldout2";
const FILE = "test/fixtures/answer/heldout2-questions.jsonl";
const NOW = new Date("2025-05-01T03:00:00Z");

let results: { id: string; kind: string; ok: boolean; answered: boolean }[] = [];

beforeAll(async () => {
  const { plans, errors } = await loadPlans([DIR]);
  expect(errors).toEqual([]);
  const engine = await KnowledgeEngine.build(plans);
  const questions = parseQuestions(readFileSync(FILE, "utf8"), FILE);
  results = [];
  for (const q of questions) {
    const a = await engine.answer(q.question, { planId: q.plan, now: NOW });
    results.push({ id: q.id, kind: q.kind, ok: passes(q, a), answered: a.answered });
  }
}, 60_000);

describe("held-out plans and questions", () => {
  it("has a real set: 100+ questions of every kind, 15+ of them unanswerable", () => {
    expect(results.length).toBeGreaterThanOrEqual(100);
    for (const kind of ["deadline", "responsible", "recipient", "recurrence", "content"]) expect(results.filter((r) => r.kind === kind).length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => r.kind === "unanswerable").length).toBeGreaterThanOrEqual(15);
  });

  it("passes at least 90% of the questions, and at least 80% of each kind", () => {
    const failed = results.filter((r) => !r.ok).map((r) => r.id);
    expect(results.filter((r) => r.ok).length / results.length, `failed: ${failed.join(", ")}`).toBeGreaterThanOrEqual(0.9);
    for (const kind of new Set(results.map((r) => r.kind))) {
      const mine = results.filter((r) => r.kind === kind);
      expect(mine.filter((r) => r.ok).length / mine.length, `${kind}: ${failed.join(", ")}`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("answers most answerable questions (it does not pass by refusing)", () => {
    const answerable = results.filter((r) => r.kind !== "unanswerable");
    expect(answerable.filter((r) => r.answered).length / answerable.length).toBeGreaterThanOrEqual(0.95);
  });
});
