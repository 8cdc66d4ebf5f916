// The LLM update parser, with a typed fake model in place of the server: its output is checked
// like user input, and numbers it did not read in the message are dropped.
import { describe, expect, it } from "vitest";
import { parserFromModel, type StructuredModel } from "../../../bot/updates/llm-parse";

const model = (out: unknown): StructuredModel & { prompts: string[] } => {
  const prompts: string[] = [];
  return { prompts, invoke: async (p: string) => (prompts.push(p), out) };
};

describe("LLM update parser", () => {
  it("turns structured output into an update, with the period from the message", async () => {
    const m = model({ isUpdate: true, topic: "hội nghị đối thoại", status: "hoàn thành", percent: null, note: "120 người dự", date: null });
    const p = await parserFromModel(m)("cập nhật hội nghị đối thoại quý 1 xong xuôi cả rồi, 120 người dự", "2026-03-15");
    expect(p).toEqual({ topic: "hội nghị đối thoại", status: "hoàn thành", percent: 100, note: "120 người dự", period: "2026-Q1", periodExplicit: true, doneOn: null });
    expect(m.prompts[0]).toContain("120 người dự");
  });

  it("drops a percent that is not in the message and rejects malformed output", async () => {
    const invented = model({ isUpdate: true, topic: "x", status: "đang thực hiện", percent: 70, note: "", date: null });
    expect((await parserFromModel(invented)("cập nhật x: gần xong", "2026-03-15"))?.percent).toBeNull();
    expect(await parserFromModel(model({ isUpdate: true, status: "xong" }))("cập nhật x", "2026-03-15")).toBeNull();
    expect(await parserFromModel(model({ isUpdate: false, topic: "", status: "hoàn thành", percent: null, note: "", date: null }))("cập nhật x", "2026-03-15")).toBeNull();
  });
});
