// The schedule of a clause: each period it states, with the due date the text gives for that
// period ("Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11) hoặc đột xuất" ->
// half_year 10/6, yearly 25/11, ad_hoc none). A date is never invented.
import type { Period, ScheduleItem } from "../types";
import { findDates, findNamedTimes, type FoundDate } from "../time";
import { findPeriods, type FoundPeriod } from "../time";
import { SUMMATIVE_WORDS } from "./vocabulary";

export interface ClauseSchedule {
  items: ScheduleItem[];
  /** Spans of schedule words (periods and due dates), to keep them out of the task text. */
  spans: [number, number][];
  dates: FoundDate[];
}

const RECURRING: Period[] = ["monthly", "quarterly", "half_year", "nine_months", "yearly", "multi_year"];

function mask(s: string, spans: { start: number; end: number }[]): string {
  let out = s;
  for (const { start, end } of spans) out = out.slice(0, start) + " ".repeat(end - start) + out.slice(end);
  return out;
}

/**
 * "Định kỳ 6 tháng, năm báo cáo ... trước ngày 10/6 và 10/12": a list of dates after a list of as
 * many undated periods, with no date between them, goes to the periods in order.
 */
function pairLists(lower: string, periods: FoundPeriod[], dates: FoundDate[]): Map<FoundDate, number> {
  const out = new Map<FoundDate, number>();
  const due = dates.filter((d) => d.kind === "due" && !d.implied);
  for (let i = 0; i < due.length; ) {
    let j = i + 1;
    while (j < due.length && /^\s*(?:,|và|hoặc|;)\s*(?:ngày\s*)?$/u.test(lower.slice(due[j - 1].end, due[j].start))) j++;
    const group = due.slice(i, j);
    i = j;
    if (group.length < 2) continue;
    const before = periods.map((p, k) => ({ p, k })).filter(({ p }) => p.end <= group[0].start && !dates.some((d) => d.start >= p.end && d.start < group[0].start));
    const list = before.slice(-group.length);
    if (list.length !== group.length || before.length !== group.length) continue;
    group.forEach((d, n) => out.set(d, list[n].k));
  }
  return out;
}

// A clause is read more than once (splitting a sentence, then as a clause); the result is never
// mutated by its callers, so the last few are kept.
const recent = new Map<string, ClauseSchedule>();

export function clauseSchedule(clause: string): ClauseSchedule {
  const hit = recent.get(clause);
  if (hit) return hit;
  const got = readSchedule(clause);
  if (recent.size >= 64) recent.delete(recent.keys().next().value!);
  recent.set(clause, got);
  return got;
}

function readSchedule(clause: string): ClauseSchedule {
  const lower = clause.toLowerCase();
  const allDates = findDates(clause);
  const dates = allDates.filter((d) => d.kind === "due" || d.kind === "plain" || d.implied !== undefined);
  const named = findNamedTimes(lower);
  const periods: FoundPeriod[] = findPeriods(mask(lower, [...allDates, ...named]));
  const items: (ScheduleItem & { at: number })[] = periods.map((p) => ({ period: p.period, due: null, at: p.start }));

  const otherDateBetween = (d: FoundDate, a: number, b: number) => dates.some((o) => o !== d && o.start >= a && o.start < b);
  const paired = pairLists(lower, periods, dates);
  for (const d of dates) {
    const pair = paired.get(d);
    if (pair !== undefined) {
      items[pair].due = d.due;
      continue;
    }
    // Which period a date belongs to: the one just before it ("6 tháng (trước ngày 10/6)"), the one
    // right after it ("ngày 20 hằng tháng"), else the nearest before it that has no date yet,
    // else the period the date implies ("ngày 15 của tháng" is monthly), else a one-off task.
    let idx = -1;
    const beforeIdx = periods.reduce((best, p, i) => (p.end <= d.start ? i : best), -1);
    const afterIdx = periods.findIndex((p) => p.start >= d.end);
    // "trước ngày 15/6 (báo cáo 6 tháng)": a period in brackets right after the date.
    const bracketed = afterIdx >= 0 && !items[afterIdx].due && /^\s*\((?:[^()]{0,16}\s)?$/u.test(lower.slice(d.end, periods[afterIdx].start)) && /^\s*\)/u.test(lower.slice(periods[afterIdx].end));
    if (bracketed) idx = afterIdx;
    else if (beforeIdx >= 0 && !items[beforeIdx].due && /^[\s(:,]*$/u.test(lower.slice(periods[beforeIdx].end, d.start)) && d.start - periods[beforeIdx].end <= 4) idx = beforeIdx;
    else if (afterIdx >= 0 && !items[afterIdx].due && /^\s*$/u.test(lower.slice(d.end, periods[afterIdx].start))) idx = afterIdx;
    else if (beforeIdx >= 0 && !items[beforeIdx].due && d.start - periods[beforeIdx].end <= 120 && !otherDateBetween(d, periods[beforeIdx].end, d.start)) idx = beforeIdx;
    if (d.implied && (idx < 0 || items[idx].period !== d.implied)) {
      idx = items.findIndex((it) => it.period === d.implied && !it.due);
      if (idx < 0) {
        items.push({ period: d.implied, due: null, at: d.start });
        idx = items.length - 1;
      }
    }
    if (idx >= 0) items[idx].due = d.due;
    // A day without a month and no period to hold it says nothing on its own.
    else if (d.due.month === undefined) continue;
    else if (d.kind === "due" || (d.kind === "plain" && d.due.year !== undefined)) items.push({ period: "once", due: d.due, at: d.start });
  }

  // A named month or quarter ("vào quý IV/2025", "trong tháng 12") is a one-off task's time, with no
  // day to give; right after a period ("sơ kết 6 tháng vào tháng 7") it is that period's time.
  const recurring = items.some((it) => RECURRING.includes(it.period));
  for (const n of named) {
    // "mỗi năm một lần, vào quý III": a month or quarter with no year is when the recurring task falls.
    if (recurring && !/\d{4}/u.test(lower.slice(n.start, n.end))) continue;
    const prev = periods.reduce<FoundPeriod | null>((best, p) => (p.end <= n.start ? p : best), null);
    if (prev && /^[\s,(]*(?:vào|trong)?\s*$/u.test(lower.slice(prev.end, n.start))) continue;
    items.push({ period: "once", due: null, at: n.start });
  }

  // A summative task for a stated year or programme stage, with no recurrence, happens once.
  const undated = mask(lower, allDates);
  const stage = /năm\s+\d{4}|giai đoạn\s*\d{4}|nhiệm kỳ\s*\d{4}/u.exec(undated);
  if (stage && !items.some((it) => RECURRING.includes(it.period) || it.period === "once") && SUMMATIVE_WORDS.test(undated)) {
    items.push({ period: "once", due: null, at: stage.index });
  }

  // One item per period; a dated one wins over an undated duplicate.
  const byPeriod = new Map<Period, ScheduleItem & { at: number }>();
  const extra: (ScheduleItem & { at: number })[] = [];
  for (const it of items.sort((a, b) => a.at - b.at)) {
    const prev = byPeriod.get(it.period);
    if (!prev) byPeriod.set(it.period, it);
    else if (!prev.due && it.due) prev.due = it.due;
    else if (prev.due && it.due && (prev.due.day !== it.due.day || prev.due.month !== it.due.month)) extra.push(it);
  }
  const final = [...byPeriod.values(), ...extra].sort((a, b) => a.at - b.at).map(({ period, due }) => ({ period, due }));
  const spans: [number, number][] = [...periods.map((p) => [p.start, p.end] as [number, number]), ...dates.map((d) => [d.start, d.end] as [number, number])];
  return { items: final, spans, dates: allDates };
}
