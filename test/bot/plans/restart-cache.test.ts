// What a restart with unchanged plans reuses: plan file hashes (by size, mtime and inode, so no
// file is read again) and the plan documents (JSON files by id and content hash, so the store is
// asked only for the plans it has no file of).
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileHashes } from "../../../bot/plans/file-hashes";
import { forAnswering, loadCachedPlans, loadPlansCached, loadPlanSummariesCached, planSummary } from "../../../bot/plans/plan-cache";
import type { DbQuery } from "../../../bot/storage/db";
import type { Plan } from "../../../knowledge/types";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "restart-cache-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("FileHashes", () => {
  it("hashes a file once; a restart with the same size and mtime reads nothing; a changed file is hashed again", () => {
    const dir = tempDir();
    const plan = join(dir, "a.txt");
    writeFileSync(plan, "Kế hoạch số 1");
    const store = join(dir, "index", "plan-files.json");
    const first = new FileHashes(store);
    const sha = first.sha(plan);
    expect(first.hashed).toBe(1);
    first.save([plan]);

    const again = new FileHashes(store);
    expect(again.sha(plan)).toBe(sha);
    expect(again.hashed, "unchanged size and mtime: not read").toBe(0);

    writeFileSync(plan, "Kế hoạch số 2");
    utimesSync(plan, new Date(), new Date(Date.now() + 5000));
    const changed = new FileHashes(store);
    expect(changed.sha(plan)).not.toBe(sha);
    expect(changed.hashed).toBe(1);
  });
});

function fakeStore(plans: Plan[]): DbQuery & { docReads: string[][] } {
  const docReads: string[][] = [];
  return {
    docReads,
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      if (sql.startsWith("SELECT id, sha256 FROM plans")) return plans.map((p) => ({ id: p.id, sha256: p.sha256 })) as T[];
      if (sql.startsWith("SELECT id, doc FROM plans")) {
        const ids = params![0] as string[];
        docReads.push(ids);
        return plans.filter((p) => ids.includes(p.id)).map((p) => ({ id: p.id, doc: p })) as T[];
      }
      throw new Error(`unexpected query: ${sql}`);
    },
  };
}

const plan = (id: string, sha256: string) => ({ id, sha256, file: `${id}.txt`, sentences: [], sections: [], obligations: [] }) as unknown as Plan;

describe("loadPlanSummariesCached", () => {
  it("reads the plans from the store once, then from their files; a changed plan is read again and the old file removed", async () => {
    const dir = tempDir();
    const a = { ...plan("a", "1111"), text: "Kế hoạch số 1", offsetRuns: [[0, 0]] } as unknown as Plan;
    const b = plan("b", "2222");
    const store = fakeStore([a, b]);
    expect(await loadPlanSummariesCached(store, dir)).toEqual([planSummary(a), planSummary(b)]);
    expect(store.docReads).toEqual([["a", "b"]]);
    // The worker's read of the same files: the plans as answering reads them, without the whole text.
    expect(loadCachedPlans(dir)).toEqual([forAnswering(a), forAnswering(b)]);
    expect(loadCachedPlans(dir)![0].text).toBe("");
    expect(await loadPlansCached(fakeStore([a, b]), dir), "an engine on the main thread reads the same").toEqual([forAnswering(a), forAnswering(b)]);

    const again = fakeStore([a, b]);
    const got = await loadPlanSummariesCached(again, dir);
    expect(got).toEqual([planSummary(a), planSummary(b)]);
    expect(got[0]).not.toHaveProperty("sentences");
    expect(again.docReads, "unchanged: nothing read from the store").toEqual([]);

    const b2 = plan("b", "3333");
    const changed = fakeStore([a, b2]);
    expect((await loadPlanSummariesCached(changed, dir)).map((p) => p.sha256)).toEqual(["1111", "3333"]);
    expect(changed.docReads).toEqual([["b"]]);
    // Each plan's file and its summary's; the old plan's two are gone.
    expect(readdirSync(dir)).toHaveLength(4);
  });
});

describe("reporting rules from the plans in memory", () => {
  it("are the rules read from the store's obligations", async () => {
    const { readdirSync: ls, readFileSync } = await import("node:fs");
    const { planFromText } = await import("../../../knowledge/load-plan");
    const { loadReportingRules, reportingRulesOfPlans } = await import("../../../bot/updates/period-rules");
    const dir = "knowledge/sample-plans";
    const plans = ls(dir)
      .sort()
      .reverse() // not in id order: the rules must not depend on the order given
      .map((f) => planFromText(f.replace(/\.[^.]+$/, ""), readFileSync(join(dir, f), "utf8"), f));
    const rows = [...plans]
      .sort((a, b) => a.id.localeCompare(b.id))
      .flatMap((p) => p.obligations.map((o) => ({ plan_id: p.id, task: o.task, schedule: o.schedule })));
    const fromStore = await loadReportingRules({ query: async <T>() => rows as T[] });
    expect(Object.keys(fromStore).length).toBeGreaterThan(0);
    expect(reportingRulesOfPlans(plans)).toEqual(fromStore);
  });
});
