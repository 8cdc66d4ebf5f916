import { describe, expect, it } from "vitest";
import { dateNextToQuestion, excerpt } from "../../../knowledge/answer/passages";
import { understand } from "../../../knowledge/answer/question";

describe("choosing what to quote", () => {
  it("a date right after the question's words marks the answer", () => {
    const q = understand("Luật Tiếp công dân ban hành ngày nào?");
    expect(dateNextToQuestion(q, "theo các quy định của Luật Tiếp công dân ngày 25 tháng 11 năm 2013; Luật Khiếu nại")).toBe(true);
    expect(dateNextToQuestion(q, "Luật Khiếu nại ngày 11 tháng 11 năm 2011; một số điều của Luật Tiếp công dân;")).toBe(false);
  });

  it("quotes a long sentence by the clauses that hold the question's terms", () => {
    const q = understand("căn cứ quyết định nào của UBND tỉnh");
    const long = `${"Thực hiện nhiều nhiệm vụ khác nhau của các cơ quan; ".repeat(12)}Căn cứ Quyết định số 1094/QĐ-UBND ngày 07/5/2024 của UBND tỉnh; ${"các nội dung khác; ".repeat(10)}`;
    const quote = excerpt(long, q, 200);
    expect(quote).toContain("1094/QĐ-UBND");
    expect(quote.length).toBeLessThanOrEqual(210);
    expect(quote.startsWith("…")).toBe(true);
    expect(excerpt("Câu ngắn.", q)).toBe("Câu ngắn.");
  });
});
