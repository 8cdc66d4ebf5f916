// Answering on worker threads gives the same answers as on the main thread, and a worker that
// crashes or hangs costs only the question it was answering: it is replaced and the next is answered.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerPool, AnswerTimeoutError, type AnswerPool } from "../../../bot/answering/answer-pool";
import { answerWorkers } from "../../../bot/answering/answer-pool";
import { buildEngine } from "../../../bot/plans/knowledge-engine";
import { loadConfig } from "../../../bot/config";
import type { KnowledgeEngine } from "../../../knowledge/answer/engine";
import { planFromText } from "../../../knowledge/load-plan";
import { silentLog } from "../fixtures";

const dir = "knowledge/sample-plans";
const plans = readdirSync(dir)
  .sort()
  .map((f) => planFromText(f.replace(/\.[^.]+$/, ""), readFileSync(join(dir, f), "utf8"), f));
const now = new Date("2026-05-01T05:00:00Z");
const questions = [
  "khi nào nộp báo cáo 6 tháng",
  "when is the annual report due",
  "ai ký kế hoạch",
  "báo cáo gửi về đâu",
  "hạn nộp báo cáo quý",
  "thủ đô của Pháp là gì",
];
const dataDir = mkdtempSync(join(tmpdir(), "tlkh-answer-pool-"));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
const crashing = new URL("../../fakes/crashing-answer-worker.ts", import.meta.url);
let local: KnowledgeEngine;
const pools: AnswerPool[] = [];
const pool = (o: { entry?: URL; timeoutMs?: number; size?: number } = {}) => {
  const p = createAnswerPool({ size: o.size ?? 1, config, plans, timeoutMs: o.timeoutMs ?? 60_000, log: silentLog, entry: o.entry });
  pools.push(p);
  return p;
};

beforeAll(async () => {
  local = await buildEngine(loadConfig({ DATA_DIR: "memory", LOG_LEVEL: "silent" }), plans);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("answer pool", () => {
  it("answers each question as the engine on the main thread does, with two workers", async () => {
    const p = pool({ size: 2 });
    await p.ready;
    for (const q of questions) {
      const [there, here] = await Promise.all([p.answer(q, { now }), local.answer(q, { now })]);
      expect(there.text, q).toBe(here.text);
      expect(there.answered, q).toBe(here.answered);
      expect(there.citations, q).toEqual(here.citations);
    }
  });

  it("after a worker crashes, the question it had fails and the next one is answered by a new worker", async () => {
    const p = pool({ entry: crashing });
    await p.ready;
    await expect(p.answer("sập", { now })).rejects.toThrow(/stopped \(exit code 7\)/);
    expect(p.restarts()).toBe(1);
    await p.whenReady();
    const a = await p.answer(questions[0], { now });
    expect(a.text).toBe((await local.answer(questions[0], { now })).text);
  });

  it("a stuck worker: the question times out, the worker is replaced, the next question is answered", async () => {
    const p = pool({ entry: crashing, timeoutMs: 3_000 });
    await p.ready;
    await expect(p.answer("treo", { now })).rejects.toBeInstanceOf(AnswerTimeoutError);
    await p.whenReady();
    expect(p.restarts()).toBe(1);
    const a = await p.answer(questions[1], { now });
    expect(a.text).toBe((await local.answer(questions[1], { now })).text);
  });

  it("a closed pool refuses questions instead of leaving them hanging", async () => {
    const p = pool();
    await p.ready;
    await p.close();
    await expect(p.answer(questions[0], { now })).rejects.toThrow(/closed/);
  });
});

describe("answerWorkers", () => {
  it("leaves one core to the main thread, none with in-memory data, and follows ANSWER_WORKERS", () => {
    expect(answerWorkers({ ANSWER_WORKERS: undefined, DATA_DIR: "./data" }, 2)).toBe(1);
    expect(answerWorkers({ ANSWER_WORKERS: undefined, DATA_DIR: "./data" }, 1)).toBe(1);
    expect(answerWorkers({ ANSWER_WORKERS: undefined, DATA_DIR: "./data" }, 16)).toBe(4);
    expect(answerWorkers({ ANSWER_WORKERS: undefined, DATA_DIR: "memory" }, 8)).toBe(0);
    expect(answerWorkers({ ANSWER_WORKERS: 0, DATA_DIR: "./data" }, 8)).toBe(0);
    expect(answerWorkers({ ANSWER_WORKERS: 3, DATA_DIR: "memory" }, 2)).toBe(3);
  });
});
