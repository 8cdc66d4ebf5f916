// A restart's answer workers start before the store is open, on the last start's plans and saved
// index: kept when the plan list is unchanged, replaced (and the index updated) when it changed.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../../bot/answering/answerer";
import { startEarlyAnswerer } from "../../../bot/answering/early-answerer";
import { loadConfig } from "../../../bot/config";
import { buildEngine } from "../../../bot/plans/knowledge-engine";
import { planCacheDir } from "../../../bot/plans/plan-cache";
import { cachePlan } from "../../../bot/plans/plan-cache";
import type { DbQuery } from "../../../bot/storage/db";
import { planFromText } from "../../../knowledge/load-plan";
import { writeAtomic } from "../../../knowledge/search/persist";

const src = "knowledge/sample-plans";
const plans = readdirSync(src)
  .sort()
  .map((f) => planFromText(f.replace(/\.[^.]+$/, ""), readFileSync(join(src, f), "utf8"), f));
const dataDir = mkdtempSync(join(tmpdir(), "tlkh-early-"));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", ANSWER_WORKERS: "1" });
const cache = planCacheDir(config)!;
// No office dates: the answerer asks the store for none.
const db = { query: async () => [] } as unknown as DbQuery;
const now = new Date("2026-05-01T05:00:00Z");
const writeList = (ps: typeof plans) => writeAtomic(`${cache}.json`, JSON.stringify(ps.map((p) => ({ id: p.id, sha256: p.sha256 }))));
function recordingLog() {
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (l: string) => void lines.push(JSON.parse(l).msg) });
  return { log, lines };
}

beforeAll(async () => {
  // What a finished start leaves in DATA_DIR/index: the plan cache, its list and the saved index.
  for (const p of plans) cachePlan(cache, p);
  writeList(plans);
  await buildEngine(config, plans);
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("startEarlyAnswerer", () => {
  it("is kept when the plans are unchanged", async () => {
    const { log, lines } = recordingLog();
    const early = startEarlyAnswerer(config, log);
    expect(early).not.toBeNull();
    const answerer = await createAnswerer(config, [], db, log, early);
    try {
      expect(lines).toContain("answering on worker threads (started early)");
      const a = await answerer.answer("khi nào nộp báo cáo 6 tháng", { now });
      expect(a.answered).toBe(true);
    } finally {
      await answerer.close();
    }
  }, 120_000);

  it("is replaced by workers on the new plans when the list changed meanwhile", async () => {
    const { log, lines } = recordingLog();
    const early = startEarlyAnswerer(config, log);
    writeList(plans.slice(1)); // as loadPlansCached writes it after a plan file was removed
    const answerer = await createAnswerer(config, [], db, log, early);
    try {
      expect(lines).not.toContain("answering on worker threads (started early)");
      expect(lines).toContain("answering on worker threads");
      const a = await answerer.answer("khi nào nộp báo cáo 6 tháng", { now });
      expect(a.citations.map((c) => c.plan)).not.toContain(plans[0].id);
    } finally {
      await answerer.close();
    }
  }, 120_000);

  it("does not start again and again when the saved index does not match (a start that re-reads every plan)", async () => {
    const { log, lines } = recordingLog();
    // A plan the saved index does not hold: the early worker cannot load it.
    writeAtomic(`${cache}.json`, JSON.stringify([...plans.map((p) => ({ id: p.id, sha256: p.sha256 })), { id: "not-in-the-index", sha256: "0".repeat(64) }]));
    const early = startEarlyAnswerer(config, log);
    try {
      await expect(early!.pool.ready).rejects.toThrow(/could not build the engine/);
      await new Promise((r) => setTimeout(r, 1500));
      expect(early!.pool.restarts()).toBe(0);
      expect(lines).not.toContain("answer worker stopped; starting another");
    } finally {
      await early!.pool.close();
      writeList(plans);
    }
  }, 120_000);

  it("started by the caller (scripts/start.ts, before the app is imported) is closed when the app cannot open", async () => {
    const { openApp } = await import("../../../bot/app");
    const early = startEarlyAnswerer(config, pino({ level: "silent" }));
    expect(early).not.toBeNull();
    const missing = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", ANSWER_WORKERS: "1", PLANS_DIR: join(dataDir, "no-such-folder") });
    await expect(openApp(missing, { early })).rejects.toThrow(/no-such-folder/);
    await expect(early!.pool.answer("khi nào nộp báo cáo", { now })).rejects.toThrow(/closed/);
  }, 120_000);

  it("is not started without an earlier start's plan list", () => {
    const none = loadConfig({ DATA_DIR: join(dataDir, "fresh"), LOG_LEVEL: "silent", ANSWER_WORKERS: "1" });
    expect(startEarlyAnswerer(none, pino({ level: "silent" }))).toBeNull();
  });
});
