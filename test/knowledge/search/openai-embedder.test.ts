import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIEmbedder } from "../../../knowledge/search/openai-embedder";
import { SearchIndex } from "../../../knowledge/search/search-index";
import { startFakeOpenAI, type FakeOpenAI } from "../../fakes/openai-server";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

describe("OpenAI-compatible embeddings (langchain) against a local server", () => {
  it("embeds documents and queries through /v1/embeddings and names itself by server and model", async () => {
    const e = createOpenAIEmbedder({ baseURL: fake.baseURL, apiKey: "test", model: "fake-embed" });
    expect(e.id).toBe(`openai:${fake.baseURL}:fake-embed`);
    const vs = await e.embedDocuments(["báo cáo 6 tháng", "thủ tục hành chính"]);
    expect(vs).toHaveLength(2);
    expect(vs[0]).toHaveLength(8);
    const q = await e.embedQuery("báo cáo");
    expect(q).toHaveLength(8);
    const calls = fake.requests.filter((r) => r.path === "/v1/embeddings");
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect((calls[0].body as { model: string }).model).toBe("fake-embed");
  });

  it("a search index built on it still answers when the server goes away (lexical side)", async () => {
    const local = await startFakeOpenAI();
    const e = createOpenAIEmbedder({ baseURL: local.baseURL, apiKey: "test", model: "m", timeoutMs: 2000, maxRetries: 0 });
    const ix = await SearchIndex.build(
      [
        { planId: "p", sectionId: "s0", text: "Định kỳ 6 tháng gửi báo cáo về Phòng Nội vụ." },
        { planId: "p", sectionId: "s1", text: "Tổ chức tập huấn cho cán bộ." },
      ],
      e,
    );
    await local.close();
    const hits = await ix.search("bao cao 6 thang", { k: 2 });
    expect(hits[0].doc).toBe(0);
    expect(hits[0].similarity).toBeNull();
  });
});
