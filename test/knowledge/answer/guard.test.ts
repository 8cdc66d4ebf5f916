import { describe, expect, it } from "vitest";
import { facts, unsupportedFacts } from "../../../knowledge/answer/guard";

describe("the number and date guard", () => {
  it("reads dates in their usual forms as one", () => {
    expect(facts("trước ngày 10/06")).toEqual(["10/6"]);
    expect(facts("ngày 10 tháng 6 năm 2023")).toEqual(["10/6/2023"]);
    expect(facts("by 10 June")).toEqual(["10/6"]);
    expect(facts("Quyết định số 1094/QĐ-UBND")).toEqual(["1094/qd-ubnd"]);
  });

  it("accepts what the sources state and flags the rest", () => {
    const sources = ["Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11)", "Hạn tới: ngày 9/6/2026 (còn 39 ngày)."];
    expect(unsupportedFacts("Nộp trước ngày 10 tháng 6; hạn cuối 9/6, còn 39 ngày.", sources)).toEqual([]);
    expect(unsupportedFacts("Nộp trước ngày 15/6.", sources)).toEqual(["15/6"]);
    expect(unsupportedFacts("Theo Quyết định 999/QĐ-UBND", sources)).toEqual(["999/qd-ubnd"]);
    expect(unsupportedFacts("Phạt 5 triệu đồng", sources)).toEqual(["5"]);
  });
});
