import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCalendar, WorkingCalendar } from "../../../bot/nudges/calendar";
import { lunarNewYear } from "../../../bot/nudges/lunar";
import { ConfigError } from "../../../bot/config";
import { addDays } from "../../../knowledge/occurrences";

const cal = loadCalendar();

function daysOff(c: WorkingCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!c.isWorkingDay(d)) out.push(d);
  return out;
}

describe("working calendar", () => {
  it("weekends are days off, weekdays are working days", () => {
    expect(cal.dayOff("2023-06-10")).toBe("Thứ Bảy");
    expect(cal.dayOff("2023-06-11")).toBe("Chủ nhật");
    expect(cal.isWorkingDay("2023-06-09")).toBe(true);
  });

  it("2023: Tết 20-26/1, Giỗ Tổ + 30/4 + 1/5 with two days made up (29/4-3/5), 2/9 with 1/9 and 4/9", () => {
    expect(daysOff(cal, "2023-01-19", "2023-01-27")).toEqual([20, 21, 22, 23, 24, 25, 26].map((d) => `2023-01-${d}`));
    expect(daysOff(cal, "2023-04-28", "2023-05-04")).toEqual(["2023-04-29", "2023-04-30", "2023-05-01", "2023-05-02", "2023-05-03"]);
    expect(daysOff(cal, "2023-08-31", "2023-09-05")).toEqual(["2023-09-01", "2023-09-02", "2023-09-03", "2023-09-04"]);
    expect(cal.dayOff("2023-01-02")).toMatch(/Nghỉ bù Tết Dương lịch/);
    expect(cal.dayOff("2023-04-29")).toMatch(/Giỗ Tổ/);
  });

  it("swapped days: 2024 takes Monday 29/4 off and works Saturday 4/5; 2025 works Saturday 8/2 for Tết", () => {
    expect(cal.isWorkingDay("2024-04-29")).toBe(false);
    expect(cal.isWorkingDay("2024-05-04")).toBe(true);
    expect(cal.isWorkingDay("2025-01-27")).toBe(false);
    expect(cal.isWorkingDay("2025-02-08")).toBe(true);
  });

  it("each data year 2023-2030 gives Tết days off from the last day of the lunar year to mùng 3", () => {
    for (let y = 2023; y <= 2030; y++) {
      const tet = lunarNewYear(y);
      for (let i = 0; i < 3; i++) expect(cal.dayOff(addDays(tet, i)), `${y} mùng ${i + 1}`).not.toBeNull();
      expect(cal.dayOff(addDays(tet, -1)), `${y} the last day of the lunar year`).not.toBeNull();
    }
  });

  it("without data the rule applies: Tết = last day of the lunar year + 4 days, weekend holidays made up", () => {
    const ruled = new WorkingCalendar({});
    // 2031: Tết on Thursday 23/1 -> 22/1 to 26/1, with 25 (Sat) and 26 (Sun) made up on 27 and 28.
    expect(lunarNewYear(2031)).toBe("2031-01-23");
    expect(daysOff(ruled, "2031-01-21", "2031-01-29")).toEqual(["2031-01-22", "2031-01-23", "2031-01-24", "2031-01-25", "2031-01-26", "2031-01-27", "2031-01-28"]);
    // 2/9/2029 is a Sunday: 2/9 and 3/9 (Monday) off, the Sunday made up on Tuesday 4/9.
    expect(daysOff(ruled, "2029-08-31", "2029-09-05")).toEqual(["2029-09-01", "2029-09-02", "2029-09-03", "2029-09-04"]);
  });

  it("an admin's HOLIDAYS_FILE adds days off and make-up days", () => {
    const dir = mkdtempSync(join(tmpdir(), "holidays-"));
    const file = join(dir, "h.json");
    writeFileSync(
      file,
      JSON.stringify({
        years: {
          "2023": { daysOff: [{ date: "2023-06-09", name: "Nghỉ theo quyết định của UBND" }], workingDays: [{ date: "2023-06-10", name: "Làm bù" }] },
        },
      }),
    );
    const c = loadCalendar(file);
    expect(c.dayOff("2023-06-09")).toBe("Nghỉ theo quyết định của UBND");
    expect(c.isWorkingDay("2023-06-10")).toBe(true);
    expect(c.isWorkingDay("2023-01-23")).toBe(false); // built-in data kept
  });

  it("a bad HOLIDAYS_FILE is a ConfigError that names the variable and the problem", () => {
    const dir = mkdtempSync(join(tmpdir(), "holidays-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ years: { "2023": { daysOff: [{ date: "2023-02-30", name: "x" }] } } }));
    expect(() => loadCalendar(file)).toThrow(ConfigError);
    expect(() => loadCalendar(file)).toThrow(/HOLIDAYS_FILE.*\n.*daysOff.*YYYY-MM-DD/);
    expect(() => loadCalendar(join(dir, "missing.json"))).toThrow(/HOLIDAYS_FILE points to .* does not exist/);
  });

  it("moves to the working day before or after a day off", () => {
    expect(cal.workingDayOnOrBefore("2023-05-03")).toBe("2023-04-28");
    expect(cal.workingDayOnOrAfter("2023-04-29")).toBe("2023-05-04");
    expect(cal.workingDayOnOrBefore("2023-06-09")).toBe("2023-06-09");
  });
});
