import { describe, expect, it } from "vitest";
import { frequencyWords, scheduleSummary } from "../../../knowledge/answer/recurrence";
import type { Obligation } from "../../../knowledge/types";

function obligation(quote: string, schedule: Obligation["schedule"], start: number): Obligation {
  return { id: `o-${start}`, sectionId: "s1", section: "III", responsible: [], task: quote, recipient: null, schedule, quote, span: { start, end: start + quote.length } };
}

describe("how often, in words", () => {
  it("takes the frequency from the clause about the question", () => {
    const s = "Ủy ban Mặt trận hướng dẫn Ban Thanh tra nhân dân hằng năm xây dựng chương trình; Ban Thanh tra nhân dân báo cáo kết quả 6 tháng một lần.";
    expect(frequencyWords(s, ["bao", "cao", "ket", "qua"])).toBe("6 tháng một lần");
  });

  it.each([
    ["Các ấp tổ chức họp dân mỗi quý một lần.", "mỗi quý một lần"],
    ["Hướng dẫn người dân cài đặt ứng dụng mỗi tháng một đợt.", "mỗi tháng một đợt"],
    ["Tuyên truyền trên hệ thống truyền thanh xã hằng tuần.", "hằng tuần"],
    ["Các thôn tổ chức hội nghị thôn, mỗi năm ít nhất 02 lần.", "mỗi năm ít nhất 02 lần"],
    ["Hằng năm, Ủy ban nhân dân huyện tổ chức khảo sát.", "hằng năm"],
  ])("%s", (s, want) => {
    expect(frequencyWords(s, [])).toBe(want);
  });

  it("has none when the sentence states no frequency", () => {
    expect(frequencyWords("Phòng Nội vụ chủ trì rà soát thủ tục.", [])).toBeNull();
  });

  it("sums up the periods of several obligations in plan order, once each, multi-year in the plan's words", () => {
    const list = [
      obligation("Báo cáo định kỳ 6 tháng (trước ngày 05/6) và năm (trước ngày 05/12).", [
        { period: "half_year", due: { day: 5, month: 6, before: true, text: "trước ngày 05/6" } },
        { period: "yearly", due: { day: 5, month: 12, before: true, text: "trước ngày 05/12" } },
      ], 10),
      obligation("Tổng kết 05 năm thực hiện kế hoạch vào quý IV năm 2030.", [{ period: "multi_year", due: null }], 90),
      obligation("Báo cáo đột xuất khi có yêu cầu.", [{ period: "ad_hoc", due: null }, { period: "yearly", due: null }], 200),
    ];
    expect(scheduleSummary(list, "vi")).toBe("Định kỳ: 6 tháng, hằng năm, đột xuất; tổng kết 05 năm.");
    expect(scheduleSummary(list, "en")).toBe("Schedule: 6-month, annual, ad hoc; “Tổng kết 05 năm”.");
    expect(scheduleSummary([obligation("Hoàn thành trước ngày 30/6/2025.", [{ period: "once", due: null }], 0)], "vi")).toBeNull();
  });
});
