import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  formatDue,
  localDate,
  nextOccurrence,
  occurrences,
  previousOccurrence,
  validDate,
} from "../../knowledge/occurrences";
import type { ScheduleItem } from "../../knowledge/types";

const honglinh: ScheduleItem[] = [
  { period: "half_year", due: { day: 10, month: 6, before: true, text: "trước ngày 10/6" } },
  { period: "yearly", due: { day: 25, month: 11, before: true, text: "trước ngày 25/11" } },
  { period: "ad_hoc", due: null },
];

describe("occurrences", () => {
  it("'trước ngày 10/6' has its last day on 9/6, within the plan's year only", () => {
    const all = occurrences(honglinh, "2022-01-01", "2024-12-31", { from: 2023, to: 2023 });
    expect(all.map((o) => [o.periodKey, o.statedDate, o.lastDay])).toEqual([
      ["2023-H1", "2023-06-10", "2023-06-09"],
      ["2023", "2023-11-25", "2023-11-24"],
    ]);
  });

  it("finds the next and previous occurrence around a day", () => {
    expect(nextOccurrence(honglinh, "2023-06-09", { from: 2023, to: 2023 })?.lastDay).toBe("2023-06-09");
    expect(nextOccurrence(honglinh, "2023-06-10", { from: 2023, to: 2023 })?.lastDay).toBe("2023-11-24");
    expect(nextOccurrence(honglinh, "2023-11-25", { from: 2023, to: 2023 })).toBeNull();
    expect(previousOccurrence(honglinh, "2026-05-01", { from: 2023, to: 2023 })?.lastDay).toBe("2023-11-24");
    expect(nextOccurrence(honglinh, "2026-05-01")?.lastDay).toBe("2026-06-09");
  });

  it("monthly and quarterly dates relative to the period", () => {
    const monthly: ScheduleItem[] = [{ period: "monthly", due: { day: 15, before: true, text: "trước ngày 15 của tháng" } }];
    expect(occurrences(monthly, "2025-01-01", "2025-03-31").map((o) => o.lastDay)).toEqual(["2025-01-14", "2025-02-14", "2025-03-14"]);
    const quarterly: ScheduleItem[] = [{ period: "quarterly", due: { day: 5, monthInPeriod: "last", before: false, text: "ngày 05 tháng cuối cùng của mỗi quý" } }];
    expect(occurrences(quarterly, "2025-01-01", "2025-12-31").map((o) => `${o.periodKey} ${o.lastDay}`)).toEqual([
      "2025-Q1 2025-03-05",
      "2025-Q2 2025-06-05",
      "2025-Q3 2025-09-05",
      "2025-Q4 2025-12-05",
    ]);
  });

  it("a full date happens once; a period without a date produces nothing", () => {
    const once: ScheduleItem[] = [{ period: "once", due: { day: 29, month: 12, year: 2022, before: false, text: "ngày 29 tháng 12 năm 2022" } }];
    expect(occurrences(once, "2020-01-01", "2030-12-31").map((o) => o.lastDay)).toEqual(["2022-12-29"]);
    expect(occurrences([{ period: "half_year", due: null }], "2020-01-01", "2030-12-31")).toEqual([]);
  });

  it("date arithmetic and formatting", () => {
    expect(daysBetween("2026-05-01", "2026-06-09")).toBe(39);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(validDate(2026, 2, 31)).toBeNull();
    expect(validDate(2024, 2, 29)).toBe("2024-02-29");
    expect(formatDue({ day: 10, month: 6, before: true, text: "" })).toBe("10/6");
    expect(formatDue({ day: 29, month: 12, year: 2022, before: false, text: "" })).toBe("29/12/2022");
    // 23:30 UTC is already the next day in Hanoi (UTC+7).
    expect(localDate(new Date("2026-11-20T23:30:00Z"))).toBe("2026-11-21");
  });
});
