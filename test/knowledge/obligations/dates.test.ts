// Dates in clauses: deadlines in their many forms, and dates that are not deadlines.
import { describe, expect, it } from "vitest";
import { findDates, findNamedTimes } from "../../../knowledge/obligations/dates";

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
