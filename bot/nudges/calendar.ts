// The working calendar of Vietnam's public sector (Asia/Ho_Chi_Minh calendar dates "YYYY-MM-DD"):
// weekends, the Labour Code's public holidays (lunar ones included), and the Government's yearly
// announcements (holidays.json, extended by an admin's HOLIDAYS_FILE).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { addDays, isoDate, validDate } from "../../knowledge/occurrences";
import { ConfigError } from "../config";
import { lunarNewYear, lunarToSolar } from "./lunar";

const isoDateString = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}, "must be a calendar date written YYYY-MM-DD");
const namedDay = z.object({ date: isoDateString, name: z.string().min(1) });

const yearSchema = z.object({
  source: z.string().optional(),
  /** The Tết days off as announced (weekends and compensatory days included). */
  tet: z.array(isoDateString).optional(),
  /** The Quốc khánh (2/9) days off as announced. */
  quocKhanh: z.array(isoDateString).optional(),
  daysOff: z.array(namedDay).optional(),
  workingDays: z.array(namedDay).optional(),
});
export const holidayFileSchema = z.object({ years: z.record(z.string().regex(/^\d{4}$/, "years are keyed by a 4-digit year"), yearSchema) });
export type HolidayFile = z.infer<typeof holidayFileSchema>;
type YearData = z.infer<typeof yearSchema>;

const BUILT_IN = new URL("./holidays.json", import.meta.url);

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const WEEKDAY_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const WEEKDAY_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function weekdayName(date: string, language: "vi" | "en" = "vi"): string {
  return (language === "vi" ? WEEKDAY_VI : WEEKDAY_EN)[weekday(date)];
}

function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The 2/9 holiday's adjacent day when no announcement gives it: the one that joins a weekend. */
function quocKhanhAdjacent(year: number): string {
  const sep2 = isoDate(year, 9, 2);
  const w = weekday(sep2);
  // Mon, Thu, Sun: the day after (Tue, Fri, Mon); Tue, Wed, Fri, Sat: the day before.
  return [0, 1, 4].includes(w) ? addDays(sep2, 1) : addDays(sep2, -1);
}

/** Days off of one year by the Labour Code's rules, with an announcement's data applied. */
function yearDaysOff(year: number, data: YearData | undefined): Map<string, string> {
  const off = new Map<string, string>();
  const ruled: [string, string][] = [
    [isoDate(year, 1, 1), "Tết Dương lịch"],
    [lunarToSolar(10, 3, year) as string, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"],
    [isoDate(year, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước (30/4)"],
    [isoDate(year, 5, 1), "Ngày Quốc tế Lao động (1/5)"],
  ];
  if (!data?.tet) {
    const newYear = lunarNewYear(year);
    for (let i = -1; i <= 3; i++) ruled.push([addDays(newYear, i), "Tết Nguyên đán"]);
  }
  if (!data?.quocKhanh) ruled.push([isoDate(year, 9, 2), "Quốc khánh (2/9)"], [quocKhanhAdjacent(year), "Quốc khánh (2/9)"]);
  for (const [date, name] of ruled) if (!off.has(date)) off.set(date, name);
  for (const date of data?.tet ?? []) off.set(date, "Tết Nguyên đán");
  for (const date of data?.quocKhanh ?? []) off.set(date, "Quốc khánh (2/9)");
  // Labour Code art. 112(3): a ruled holiday on a weekend is made up on the next working day.
  for (const [date, name] of [...ruled].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!isWeekend(date)) continue;
    let d = addDays(date, 1);
    while (isWeekend(d) || off.has(d)) d = addDays(d, 1);
    off.set(d, `Nghỉ bù ${name}`);
  }
  for (const { date, name } of data?.daysOff ?? []) off.set(date, name);
  return off;
}

export class WorkingCalendar {
  private readonly years = new Map<number, { off: Map<string, string>; working: Set<string> }>();

  constructor(private readonly data: Record<string, YearData>) {}

  private year(y: number) {
    let entry = this.years.get(y);
    if (!entry) {
      // Announcements about early January can sit in the previous year's entry (Tết Dương lịch) and vice versa.
      const own = this.data[String(y)];
      const off = yearDaysOff(y, own);
      const working = new Set((own?.workingDays ?? []).map((d) => d.date));
      entry = { off, working };
      this.years.set(y, entry);
    }
    return entry;
  }

  /** Why `date` is a day off ("Thứ Bảy", "Tết Nguyên đán", ...), or null on a working day. */
  dayOff(date: string): string | null {
    const y = Number(date.slice(0, 4));
    const here = this.year(y);
    if (here.working.has(date)) return null;
    const named = here.off.get(date) ?? this.year(y - 1).off.get(date) ?? this.year(y + 1).off.get(date);
    if (named) return named;
    return isWeekend(date) ? weekdayName(date) : null;
  }

  isWorkingDay(date: string): boolean {
    return this.dayOff(date) === null;
  }

  /** `date` itself when it is a working day, else the nearest working day before it. */
  workingDayOnOrBefore(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** `date` itself when it is a working day, else the nearest working day after it. */
  workingDayOnOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }
}

function readHolidayFile(path: string, label: string): HolidayFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`${label} (${path}) is not readable JSON: ${(e as Error).message}. Fix the file or unset HOLIDAYS_FILE.`);
  }
  const parsed = holidayFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`${label} (${path}) has errors; expected {"years": {"2031": {"daysOff": [{"date": "2031-04-29", "name": "..."}], ...}}}:\n  ${lines.join("\n  ")}`);
  }
  return parsed.data;
}

/** Merges an admin's file into the built-in data: tet/quocKhanh replace, daysOff/workingDays add up. */
export function mergeHolidayData(base: HolidayFile, extra: HolidayFile): HolidayFile {
  const years: Record<string, YearData> = { ...base.years };
  for (const [y, add] of Object.entries(extra.years)) {
    const old = years[y] ?? {};
    years[y] = {
      source: [old.source, add.source].filter(Boolean).join("; ") || undefined,
      tet: add.tet ?? old.tet,
      quocKhanh: add.quocKhanh ?? old.quocKhanh,
      daysOff: [...(old.daysOff ?? []), ...(add.daysOff ?? [])],
      workingDays: [...(old.workingDays ?? []), ...(add.workingDays ?? [])],
    };
  }
  return { years };
}

/** The built-in calendar, extended by the admin's HOLIDAYS_FILE when given. Throws ConfigError naming the file. */
export function loadCalendar(holidaysFile?: string): WorkingCalendar {
  let data = readHolidayFile(fileURLToPath(BUILT_IN), "bot/nudges/holidays.json");
  if (holidaysFile) {
    if (!existsSync(holidaysFile)) throw new ConfigError(`HOLIDAYS_FILE points to ${holidaysFile}, which does not exist: create it or unset HOLIDAYS_FILE.`);
    data = mergeHolidayData(data, readHolidayFile(holidaysFile, "HOLIDAYS_FILE"));
  }
  return new WorkingCalendar(data.years);
}
