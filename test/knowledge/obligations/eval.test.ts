// The obligation eval: the shared sample (13 obligations in 4 plans) and our own plans in other
// styles (Word-converted Markdown with tables, PDF text with page numbers and hyphenation, web-page
// pastes with whole sections on one line, a decision with Điều 1/2/3 and the attached plan, items
// with "Thời gian thực hiện:" lines, a task table).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlans } from "../../../knowledge/load-plan";
import { parseEval, score } from "../eval-obligations";

async function run(dir: string, evalFile: string) {
  const { plans, errors } = await loadPlans([dir]);
  expect(errors).toEqual([]);
  const items = parseEval(readFileSync(evalFile, "utf8"));
  return { items, results: score(items, plans), plans };
}

describe("obligation eval", () => {
  it("finds all 13 obligations of the shared eval with periods, dates, unit and recipient", async () => {
    const { items, results } = await run("test/fixtures/plans/shared", "test/fixtures/eval/obligations.jsonl");
    expect(items).toHaveLength(13);
    expect(results.map((r, i) => (r ? `${items[i].key}: ${r}` : null)).filter(Boolean)).toEqual([]);
  });

  it("finds the stated deadlines in plans of other styles and provinces", async () => {
    const { items, results, plans } = await run("test/fixtures/plans/own", "test/fixtures/eval/own-obligations.jsonl");
    expect(plans.map((p) => p.id).sort()).toEqual([
      "cchc-xa-an-binh-2025",
      "ctr-hoinongdan-nghean-2025",
      "de-an-06-baoloc-2025-web",
      "krongbuk-cchc-2025",
      "laocai-cds-2025-web",
      "moitruong-binhdinh-2025",
      "nhonbinh-pbgdpl-2024",
      "pccc-chithi-hatinh-2025",
      "pctn-huyen-dienban-2025",
      "pctt-xa-hoatien-2025",
      "thidua-badon-2025",
      "vanthu-luutru-quangngai-2025",
    ]);
    expect(items.length).toBeGreaterThanOrEqual(80);
    expect(results.map((r, i) => (r ? `${items[i].key}: ${r}` : null)).filter(Boolean)).toEqual([]);
  });

  it("never turns a cited document's date into a deadline", async () => {
    const { plans } = await run("test/fixtures/plans/shared", "test/fixtures/eval/obligations.jsonl");
    const cited = ["24/1/2022", "26/11/2021", "9/11/2021", "7/5/2024", "16/12/2021", "15/12/2021"];
    for (const o of plans.flatMap((p) => p.obligations)) {
      for (const s of o.schedule) if (s.due) expect(cited).not.toContain(`${s.due.day}/${s.due.month}/${s.due.year}`);
    }
    // The only dated items in the shared plans are honglinh's 10/6 and 25/11.
    const dated = plans.flatMap((p) => p.obligations.flatMap((o) => o.schedule.filter((s) => s.due).map((s) => `${p.id} ${s.due!.day}/${s.due!.month}`)));
    expect([...new Set(dated)].sort()).toEqual(["honglinh-2023 10/6", "honglinh-2023 25/11"]);
  });

  it("keeps the distribution list and notes out of obligations", async () => {
    const { plans } = await run("test/fixtures/plans/shared", "test/fixtures/eval/obligations.jsonl");
    for (const p of plans) for (const o of p.obligations) expect(o.section).not.toMatch(/^(?:Nơi nhận|Chú thích)/u);
    for (const p of plans) for (const o of p.obligations) expect(p.text.slice(o.span.start, o.span.end)).toBe(o.quote);
  });
});
