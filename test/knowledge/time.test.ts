// The one time grammar (knowledge/time): dates in clauses (deadlines in their many forms, and dates
// that are not deadlines), recurrences with and without marks, the periods questions, updates and
// commands name.
import { describe, expect, it } from "vitest";
import { findDates, findNamedTimes, findPeriods, numericDates, periodsNamedIn, periodWords, reportPeriodIn, yearSpanIn } from "../../knowledge/time";

const one = (s: string) => {
  const d = findDates(s);
  expect(d).toHaveLength(1);
  return d[0];
};

describe("findDates", () => {
  it("reads 'trước ngày 10/6' and '10/06' as day/month before", () => {
    expect(one("báo cáo trước ngày 10/6").due).toEqual({ day: 10, month: 6, before: true, text: "trước ngày 10/6" });
    expect(one("gửi trước ngày 10/06 hằng năm").due).toMatchObject({ day: 10, month: 6, before: true });
  });
  it("reads a long date with its year", () => {
    expect(one("tổ chức hội nghị vào ngày 29 tháng 12 năm 2022").due).toMatchObject({ day: 29, month: 12, year: 2022, before: false });
  });
  it("reads numbers followed by their words", () => {
    expect(one("chậm nhất ngày 06 (sáu) tháng 06 (sáu)").due).toEqual({ day: 6, month: 6, before: false, text: "chậm nhất ngày 06 (sáu) tháng 06 (sáu)" });
  });
  it("reads a day of every month and a day of the last month of each quarter", () => {
    const m = one("báo cáo trước ngày 15 của tháng");
    expect(m.due).toMatchObject({ day: 15, before: true });
    expect(m.due.month).toBeUndefined();
    expect(m.implied).toBe("monthly");
    const q = one("báo cáo vào ngày 05 tháng cuối cùng của mỗi quý");
    expect(q.due).toMatchObject({ day: 5, monthInPeriod: "last" });
    expect(q.implied).toBe("quarterly");
  });
  it("tells document citations and effective dates from deadlines", () => {
    expect(one("Thực hiện Chỉ thị số 03/CT-UBND ngày 24/01/2022 của Ủy ban nhân dân tỉnh").kind).toBe("citation");
    expect(one("Quyết định số 1094/QĐ-UBND, ngày 07/5/2024 của UBND tỉnh").kind).toBe("citation");
    expect(one("Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022").kind).toBe("citation");
    expect(one("Luật thực hiện dân chủ ở cơ sở (có hiệu lực từ 01/7/2023)").kind).toBe("effective");
    expect(one("gửi về Phòng Nội vụ trước ngày 31/01/2025").kind).toBe("due");
  });
  it("does not read document numbers or year ranges as dates", () => {
    expect(findDates("Nghị định số 64/2014/NĐ-CP; Chỉ thị 33/TTg; giai đoạn 2021-2025; 4079/QĐ-UBND")).toEqual([]);
  });
  it("rejects impossible dates", () => {
    expect(findDates("trước ngày 32/13")).toEqual([]);
  });
});

describe("findNamedTimes", () => {
  const named = (s: string) => findNamedTimes(s.toLocaleLowerCase("vi")).map((n) => s.slice(n.start, n.end));
  it("finds a month or quarter given without a day", () => {
    expect(named("hoàn thành trong tháng 8/2025")).toEqual(["trong tháng 8/2025"]);
    expect(named("tổng kết vào quý IV/2025")).toEqual(["vào quý IV/2025"]);
    expect(named("Quý II/2025")).toEqual(["Quý II/2025"]);
    expect(named("gửi về Phòng Nội vụ trong tháng 12 để thẩm định")).toEqual(["trong tháng 12"]);
    expect(named("tổng kết vào tháng 12 năm 2025")).toEqual(["vào tháng 12 năm 2025"]);
  });
  it("leaves out full dates, starting times and cited documents' months", () => {
    expect(named("Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022")).toEqual([]);
    expect(named("áp dụng từ tháng 7/2025")).toEqual([]);
    expect(named("báo cáo 6 tháng đầu năm")).toEqual([]);
    expect(named("chậm nhất ngày 06 (sáu) tháng 06 (sáu) năm 2025")).toEqual([]);
  });
});

describe("one grammar for plans, questions, updates and commands", () => {
  const periods = (s: string) => findPeriods(s.toLowerCase()).map((p) => p.period);

  it("reads the same recurrences typed with and without marks", () => {
    expect(periods("Định kỳ hàng quý, 6 tháng và năm báo cáo kết quả")).toEqual(["quarterly", "half_year", "yearly"]);
    expect(periods("Dinh ky hang quy, 6 thang va nam bao cao ket qua")).toEqual(["quarterly", "half_year", "yearly"]);
    // With marks, "Nam" of a place is not the year; "năm 2025" is a year, not "yearly".
    expect(periods("Báo cáo gửi Sở Nội vụ tỉnh Quảng Nam")).toEqual([]);
    expect(periods("báo cáo năm 2025")).toEqual([]);
  });

  it("a question names the recurrences of the plans' words, and a named quarter asks about the quarterly report", () => {
    expect(periodsNamedIn("bao cao 6 thang gui truoc ngay nao")).toEqual(["half_year"]);
    expect(periodsNamedIn("báo cáo quý II nộp khi nào").sort()).toEqual(["quarterly"]);
    expect(periodsNamedIn("Sở Tài chính tổng hợp báo cáo đấu thầu 6 tháng và năm").sort()).toEqual(["half_year", "yearly"]);
    // A date's year is not a recurrence ("ngày 06 tháng 11 năm 2025" is not "6 tháng").
    expect(periodsNamedIn("Tờ trình số 252/TTr-SNV ngày 06 tháng 11 năm 2025".replace(/ngày \d+ tháng \d+ năm \d+/u, " "))).toEqual([]);
  });

  it("an update and a command name their period in the same words", () => {
    expect(periodWords("cập nhật báo cáo 6 tháng đầu năm 2026: đã xong")).toEqual({ kind: "H1", year: 2026 });
    expect(periodWords("sua quy 2")).toEqual({ kind: "Q2", year: null });
    expect(reportPeriodIn("bao cao 6 thang")).toBe("half_year");
    expect(reportPeriodIn("báo cáo quý")).toBe("quarterly");
    expect(reportPeriodIn("semi-annual report")).toBe("half_year");
  });

  it("numeric dates: documents take '/' only (section 1.2 is no date), chat also '.' and '-'", () => {
    expect(numericDates("mục 1.2 trước ngày 10/6/2025").map((d) => [d.day, d.month, d.year])).toEqual([[10, 6, 2025]]);
    expect(numericDates("đã gửi 20.11.25", true).map((d) => [d.day, d.month, d.year])).toEqual([[20, 11, 2025]]);
    expect(numericDates("đã gửi 20-11", true).map((d) => [d.day, d.month, d.year])).toEqual([[20, 11, undefined]]);
  });
});

describe("yearSpanIn", () => {
  it("reads the years a title covers, not a document number", () => {
    expect(yearSpanIn("Kế hoạch thực hiện giai đoạn 2021 - 2025")).toEqual({ from: 2021, to: 2025 });
    expect(yearSpanIn("Kế hoạch công tác dân vận năm 2024")).toEqual({ from: 2024, to: 2024 });
    expect(yearSpanIn("cv-6397-2025-ubnd-ha-noi")).toBeNull();
    expect(yearSpanIn("Công văn 6397/UBND-KGVX")).toBeNull();
  });
});
