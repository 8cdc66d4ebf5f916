import { describe, expect, it } from "vitest";
import { lunarNewYear, lunarToSolar, solarToLunar } from "../../../bot/nudges/lunar";

// Tết Nguyên đán (mùng 1 tháng Giêng) as published in Vietnamese calendars.
const TET: Record<number, string> = {
  2023: "2023-01-22",
  2024: "2024-02-10",
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  2030: "2030-02-02", // one day before China's Tết: Vietnam computes new moons at UTC+7
};

// Giỗ Tổ Hùng Vương (10/3 âm lịch) as the Government announced it.
const GIO_TO: Record<number, string> = { 2023: "2023-04-29", 2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26" };

describe("lunar calendar", () => {
  it.each(Object.entries(TET))("Tết %s is on %s", (year, date) => {
    expect(lunarNewYear(Number(year))).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
  });

  it.each(Object.entries(GIO_TO))("Giỗ Tổ %s is on %s", (year, date) => {
    expect(lunarToSolar(10, 3, Number(year))).toBe(date);
  });

  it("knows the leap month: 2023 has a leap 2nd month (22/3/2023 is mùng 1 tháng 2 nhuận)", () => {
    expect(solarToLunar("2023-03-22")).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarToSolar(1, 2, 2023, true)).toBe("2023-03-22");
    expect(lunarToSolar(1, 2, 2024, true)).toBeNull();
  });

  it("the day before Tết belongs to the previous lunar year", () => {
    const eve = solarToLunar("2024-02-09");
    expect(eve.year).toBe(2023);
    expect(eve.month).toBe(12);
    expect(eve.day).toBeGreaterThanOrEqual(29);
  });

  it("round-trips every day of 2020-2031", () => {
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2032, 0, 1); t += 86_400_000 * 3) {
      const date = new Date(t).toISOString().slice(0, 10);
      const l = solarToLunar(date);
      expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toBe(date);
    }
  });
});
