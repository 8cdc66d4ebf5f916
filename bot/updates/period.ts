// The current reporting period and the period an update means. The keys ("2026-H1", "2026-Q2")
// and the words that name them are the knowledge's time grammar (knowledge/time).
import { daysInMonth, isoDate } from "../../knowledge/occurrences";
import { kindOf, periodKey, periodRange, type PeriodKind, type PeriodWords } from "../../knowledge/time";

/** The current half-year on a date (see currentPeriod): the default period of an update that names none. */
export function halfYearOf(date: string, rules: ReportingRules = installedRules): string {
  return currentPeriod("H", date, rules);
}

// ---- The one rule for "the current reporting period" -------------------------------------------
//
// The current period of a kind on a day is the earliest period of that kind whose report is not yet
// due: its deadline is the plan's own date for that report when the current plans state one
// ("trước ngày 10/6" for the 6-month report: from 10/6 on, updates belong to the second half),
// else the period's last day (the calendar period). Updates (sentence and form), listings,
// "chưa cập nhật", exports, nudges and answers all call this, so they agree.

/** Where a kind's report falls relative to the end of its period: months after the end month, and the last day. */
export interface ReportDeadline {
  /** Months after the period's last month (0: in that month; -1: the month before; 1: the month after). */
  monthOffset: number;
  /** The last allowed day of that month ("trước ngày 10" gives 9). */
  lastDay: number;
  /** The words of the plan, e.g. "trước ngày 10/6", and the plan that states them. */
  text: string;
  planId: string;
}

export type ReportingRules = Partial<Record<PeriodKind, ReportDeadline>>;

let installedRules: ReportingRules = {};

/** Installs the rules of the current plans (createApp, after loading them). */
export function setReportingRules(rules: ReportingRules): void {
  installedRules = rules;
}

export function reportingRules(): ReportingRules {
  return installedRules;
}

const KIND_MONTHS: Record<PeriodKind, number> = { H: 6, Q: 3, Y: 12, M: 1, "9M": 12 };

/** The last day on which a period's report may be sent (the plan's date, else the period's last day). */
export function reportDueDay(period: string, rules: ReportingRules = installedRules): string | null {
  const range = periodRange(period);
  if (!range) return null;
  const kind = kindOf(period);
  const rule = kind ? rules[kind] : undefined;
  if (!rule) return range[1];
  let y = Number(range[1].slice(0, 4));
  let m = Number(range[1].slice(5, 7)) + rule.monthOffset;
  while (m > 12) { m -= 12; y += 1; }
  while (m < 1) { m += 12; y -= 1; }
  return isoDate(y, m, Math.max(1, Math.min(rule.lastDay, daysInMonth(y, m))));
}

/** The current reporting period of a kind on a date (YYYY-MM-DD). */
export function currentPeriod(kind: PeriodKind, date: string, rules: ReportingRules = installedRules): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const per = KIND_MONTHS[kind];
  const perYear = kind === "9M" ? 1 : 12 / per;
  // Start one period before the calendar period holding the date, and take the first not yet due.
  let y = year;
  let i = kind === "9M" || kind === "Y" ? 1 : Math.ceil(month / per);
  i -= 1;
  if (i < 1) { y -= 1; i = perYear; }
  for (let n = 0; n < 2 * perYear + 2; n++) {
    const key = periodKey(kind, y, i);
    const due = reportDueDay(key, rules);
    if (due && due >= date) return key;
    i += 1;
    if (i > perYear) { i = 1; y += 1; }
  }
  return periodKey(kind, year, kind === "9M" || kind === "Y" ? 1 : Math.ceil(month / per));
}

/**
 * The period key an update or a command means: its words, else the current half-year on `date`.
 * Words that name a kind but not which one ("báo cáo 6 tháng", "báo cáo năm") give the current
 * period of that kind; a year in the words picks that year.
 */
export function periodFor(words: PeriodWords, date: string, rules: ReportingRules = installedRules): string {
  if (!words.kind) return words.year ? String(words.year) : currentPeriod("H", date, rules);
  if (words.kind === "Y") return words.year ? String(words.year) : currentPeriod("Y", date, rules);
  if (words.kind === "H") {
    if (!words.year) return currentPeriod("H", date, rules);
    // A half of a named year: the one current on the date when that is this year, else the first.
    const cur = currentPeriod("H", date, rules);
    return cur.startsWith(String(words.year)) ? cur : `${words.year}-H1`;
  }
  const y = words.year ?? Number(date.slice(0, 4));
  return `${y}-${words.kind}`;
}

// The key grammar, for adapters (which import bot/, not knowledge/).
export { isPeriodKey } from "../../knowledge/time";
