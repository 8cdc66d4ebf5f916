// The sentences' term ids saved by the warm-up beside the index and read back by the next start:
// the same answers as an engine that makes them, and a file that does not fit is made again.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KnowledgeEngine } from "../../../knowledge/answer/engine";
import { loadSentenceIds } from "../../../knowledge/answer/term-ids";
import { communePlan, districtPlan } from "./fixtures";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const now = new Date("2025-05-01T03:00:00Z");
const QUESTIONS: [string, string | null][] = [
  ["khi nao nop bao cao 6 thang", "xuantruong-2025"],
  ["When is the annual report due?", "xuantruong-2025"],
  ["bc 6 thang nop khi nao", null],
  ["ai chủ trì", "camquan-2024"],
];

async function answers(e: KnowledgeEngine): Promise<string[]> {
  const out: string[] = [];
  for (const [q, planId] of QUESTIONS) out.push((await e.answer(q, { planId, now })).text);
  return out;
}

describe("saved sentence term ids", () => {
  it("the warm-up saves them; a restart reads them and answers as an engine that makes them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "term-ids-"));
    dirs.push(dir);
    const plans = [districtPlan(), communePlan()];
    const sentences = plans.reduce((n, p) => n + p.sentences.length, 0);
    const fresh = await KnowledgeEngine.build(plans);
    const first = await KnowledgeEngine.build(plans, { indexDir: dir });
    await first.warmed;
    expect(existsSync(join(dir, "term-ids.bin"))).toBe(true);
    expect(await answers(first)).toEqual(await answers(fresh));

    const again = await KnowledgeEngine.build(plans, { indexDir: dir });
    const saved = loadSentenceIds(dir, again.index.fingerprint!, sentences);
    expect(saved?.offsets.length).toBe(sentences + 1);
    expect(await answers(again)).toEqual(await answers(fresh));
  });

  it("a damaged or foreign file is not used: the ids are made again and saved again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "term-ids-"));
    dirs.push(dir);
    const plans = [districtPlan(), communePlan()];
    const sentences = plans.reduce((n, p) => n + p.sentences.length, 0);
    const first = await KnowledgeEngine.build(plans, { indexDir: dir });
    await first.warmed;
    writeFileSync(join(dir, "term-ids.bin"), "not the arrays");
    expect(loadSentenceIds(dir, first.index.fingerprint!, sentences)).toBeNull();
    const again = await KnowledgeEngine.build(plans, { indexDir: dir });
    expect(await answers(again)).toEqual(await answers(await KnowledgeEngine.build(plans)));
    await again.warmed;
    expect(loadSentenceIds(dir, again.index.fingerprint!, sentences)).not.toBeNull();
    // Other documents (another fingerprint) do not take them.
    expect(loadSentenceIds(dir, "another", sentences)).toBeNull();
  });
});
