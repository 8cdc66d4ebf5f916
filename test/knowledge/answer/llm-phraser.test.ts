import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnowledgeEngine } from "../../../knowledge/answer/engine";
import { startFakeOpenAI, type FakeOpenAI } from "../../fakes/openai-server";
import { districtPlan } from "./fixtures";

const now = new Date("2025-05-01T03:00:00Z");
const question = "khi nao nop bao cao 6 thang";
let fake: FakeOpenAI;
let engine: KnowledgeEngine;
const logs: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  engine = await KnowledgeEngine.build([districtPlan()], {
    llm: { baseURL: fake.baseURL, apiKey: "test-key", model: "fake-chat", timeoutMs: 1500 },
    log: (m) => logs.push(m),
  });
});
afterAll(() => fake.close());

describe("LLM phrasing (ChatOpenAI against a local OpenAI-compatible server)", () => {
  it("uses the model's wording when every date and number is in the sources", async () => {
    fake.chat = () => ({ text: "Báo cáo 6 tháng nộp trước ngày 10 tháng 6... xin lỗi, trước ngày 15/6; hạn cuối là 14/6 (còn 44 ngày)." });
    const a = await engine.answer(question, { planId: "xuantruong-2025", now });
    // "10 tháng 6" is not in the sources: the guard rejects this reply.
    expect(a.via).toBe("extractive");
    fake.chat = () => ({ text: "Anh/chị nộp báo cáo 6 tháng trước ngày 15/6, tức hạn cuối là ngày 14/6/2025 (còn 44 ngày)." });
    const b = await engine.answer(question, { planId: "xuantruong-2025", now });
    expect(b.via).toBe("llm");
    expect(b.text).toContain("14/6/2025");
    expect(b.citations.length).toBeGreaterThan(0);
    const req = fake.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!.body as { model: string; messages: { content: string }[] };
    expect(req.model).toBe("fake-chat");
    expect(req.messages.map((m) => m.content).join("\n")).toContain("trước ngày 15/6");
  });

  it("falls back to the extractive answer on an invented date", async () => {
    fake.chat = () => ({ text: "Hạn nộp là ngày 20/7." });
    const a = await engine.answer(question, { planId: "xuantruong-2025", now });
    expect(a.via).toBe("extractive");
    expect(a.text).toContain("trước ngày 15/6");
    expect(logs.join("\n")).toMatch(/not in the sources \(20\/7\)/);
  });

  it("falls back on a server error and on a timeout", async () => {
    fake.chat = () => ({ status: 500 });
    expect((await engine.answer(question, { planId: "xuantruong-2025", now })).via).toBe("extractive");
    fake.chat = () => ({ text: "trước ngày 15/6", delayMs: 3000 });
    const t0 = Date.now();
    const a = await engine.answer(question, { planId: "xuantruong-2025", now });
    expect(a.via).toBe("extractive");
    expect(Date.now() - t0).toBeLessThan(2900);
  });

  it("is not asked when the plans do not support an answer", async () => {
    const before = fake.requests.length;
    const a = await engine.answer("Kinh phí là bao nhiêu?", { planId: "xuantruong-2025", now });
    expect(a.answered).toBe(false);
    expect(fake.requests.length).toBe(before);
  });
});
