import { describe, expect, it } from "vitest";
import { fold } from "../../scripts/eval/obligation-score";
import { factFound, parseQuestions, passes } from "../../scripts/eval/score";

describe("eval pass rule", () => {
  it("ignores case, diacritics and spacing, and reads dates in their usual forms", () => {
    expect(factFound("Văn phòng - thông kê", "… mục 1. VĂN PHÒNG-THÔNG KÊ phụ trách …")).toBe(true);
    expect(factFound("10/6", "trước ngày 10/06")).toBe(true);
    expect(factFound("10/6", "trước ngày 10 tháng 6")).toBe(true);
    expect(factFound("29 tháng 12 năm 2022", "ký ngày 29/12/2022")).toBe(true);
    expect(factFound("10/6", "trước ngày 10/7")).toBe(false);
    expect(fold("Ngày 01 tháng 7 năm 2023")).toBe("1/7/2023");
    expect(factFound("01 hàng năm", "trước ngày 30 tháng 01 hàng năm")).toBe(true);
  });

  it("an unanswerable question passes only with answered=false", () => {
    const q = { id: "x", plan: null, question: "?", answer_facts: [], kind: "unanswerable" };
    expect(passes(q, { answered: false, text: "Không tìm thấy" })).toBe(true);
    expect(passes(q, { answered: true, text: "…" })).toBe(false);
    const d = { ...q, kind: "deadline", answer_facts: ["10/6"] };
    expect(passes(d, { answered: true, text: "trước ngày 10/6" })).toBe(true);
    expect(passes(d, { answered: false, text: "trước ngày 10/6" })).toBe(false);
  });

  it("reports a bad line with its number", () => {
    expect(() => parseQuestions('{"id":"a","question":"q"}\nnot json', "q.jsonl")).toThrow(/q\.jsonl:2: not valid JSON/);
    expect(() => parseQuestions('{"question":"q"}', "q.jsonl")).toThrow(/q\.jsonl:1: id/);
    expect(parseQuestions('{"id":"a","question":"q"}\n\n', "q.jsonl")[0]).toMatchObject({ plan: null, answer_facts: [], kind: "content" });
  });
});
