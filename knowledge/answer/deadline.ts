// Deadline answers from the extracted obligations: the date as stated, what it means ("trước
// ngày 10/6": last day 9/6), the next occurrence with days left, the recipient and the source.
import { daysBetween, nextOccurrence, previousOccurrence } from "../occurrences";
import type { AnswerCitation, Obligation, Period, Plan, ScheduleItem } from "../types";
import { citationLine, dayMonth, T, type Lang } from "./compose";
import { coverage, termSet, type Idf } from "./coverage";
import { officeItemsThatApply } from "./office-dates";
import type { Question } from "./question";

export interface ObligationMatch {
  plan: Plan;
  obligation: Obligation;
  /** The schedule items the question asks about (all when it names no period). */
  items: ScheduleItem[];
  /** Dates the office set for periods of `items` the plan leaves undated. */
  officeItems: ScheduleItem[];
  support: number;
  score: number;
}

const RECURRING: ReadonlySet<Period> = new Set(["monthly", "quarterly", "half_year", "nine_months", "yearly"]);
// Words that name the schedule rather than the task; the period is matched on its own.
const SCHEDULE_WORDS = ["thang", "nam", "quy", "hang", "dinh", "ky", "han", "ngay", "nop", "gui", "truoc", "cuoi", "lan"];

function ignoredTerms(q: Question): Set<string> {
  const out = new Set(SCHEDULE_WORDS);
  for (const m of q.folded.matchAll(/\b0*(\d+) (thang|nam)\b/g)) out.add(m[1]);
  return out;
}

/** Obligations that support the question, best first. `office`: office-set dates by `${plan}|${obligation}`. */
export function matchObligations(
  q: Question,
  candidates: { plan: Plan; obligation: Obligation }[],
  idf: Idf,
  office: Map<string, ScheduleItem[]> = new Map(),
): ObligationMatch[] {
  const ignore = ignoredTerms(q);
  const out: ObligationMatch[] = [];
  for (const { plan, obligation: o } of candidates) {
    const items = q.periods.length ? o.schedule.filter((s) => q.periods.includes(s.period)) : o.schedule;
    if (items.length === 0) continue;
    const cov = coverage(q, termSet(o.quote, o.task, o.responsible.join(" "), o.recipient, o.section, plan.meta.title, plan.meta.issuer, plan.meta.place), idf, ignore);
    // The obligation's own words break ties that the plan title's words make ("gửi kế hoạch CCHC").
    const own = coverage(q, termSet(o.quote, o.task, o.responsible.join(" "), o.recipient), idf, ignore).score;
    if (!cov.numbersOk) continue;
    const officeItems = officeItemsThatApply(o.schedule, office.get(`${plan.id}|${o.id}`) ?? []).filter((i) => items.some((s) => s.period === i.period));
    // A month or quarter without a day ("vào quý IV/2025") still answers "khi nào".
    const dated = items.some((s) => s.due) || officeItems.length > 0 || timeWords(o.quote) !== null;
    out.push({ plan, obligation: o, items, officeItems, support: cov.score, score: cov.score + 0.2 * own + (dated ? 0.3 : 0) + (q.periods.length ? 0.1 : 0) });
  }
  return out.sort((a, b) => b.score - a.score);
}

export interface DeadlineText {
  lines: string[];
  citation: AnswerCitation;
  /** Further sources the block quotes (a "how often" answer citing several obligations). */
  extra: AnswerCitation[];
  next: { date: string; daysLeft: number } | null;
}

/** The answer block for one matched obligation. */
export function deadlineBlock(m: ObligationMatch, today: string, lang: Lang, quote: string): DeadlineText {
  const { plan, obligation: o } = m;
  const lines: string[] = [T.according(plan.meta.title, lang)];
  const dated = m.items.filter((s) => s.due);
  for (const item of dated) {
    lines.push(T.dueLine(item.period, item.due!.text, lastDayLabel(item, today, lang), lang));
  }
  const office = m.officeItems;
  for (const item of office) {
    lines.push(T.officeDueLine(item.period, item.due!.text, lastDayLabel(item, today, lang), lang));
  }
  const undated = m.items.filter((s) => !s.due && !office.some((i) => i.period === s.period)).map((s) => s.period);
  const when = dated.length === 0 && office.length === 0 ? timeWords(o.quote) : null;
  if (when) lines.push(T.timeOnly(when, lang));
  else if (dated.length === 0 && office.length === 0) lines.push(T.noDate([...new Set(undated)], lang));
  let next: DeadlineText["next"] = null;
  if (dated.length || office.length) {
    const validity = plan.meta.period;
    const own = dated.length ? nextOccurrence(dated, today, validity) : null;
    const set = office.length ? nextOccurrence(office, today, validity) : null;
    const bySet = set !== null && (own === null || set.lastDay < own.lastDay);
    const n = bySet ? set : own;
    if (n) {
      next = { date: n.lastDay, daysLeft: daysBetween(today, n.lastDay) };
      lines.push(T.next(n.lastDay, next.daysLeft, lang, bySet));
    } else if (dated.length && validity && Number(today.slice(0, 4)) > validity.to) {
      lines.push(T.expired(validity, previousOccurrence(dated, today, validity)?.lastDay ?? null, lang));
      const recurring = dated.filter((s) => RECURRING.has(s.period) && s.due?.year === undefined);
      const cont = recurring.length ? nextOccurrence(recurring, today) : null;
      if (cont) lines.push(T.continued(cont.lastDay, daysBetween(today, cont.lastDay), lang));
    }
  }
  if (o.recipient) lines.push(T.recipient(o.recipient, lang));
  if (o.responsible.length) lines.push(T.responsible(o.responsible, lang));
  lines.push(citationLine(plan.meta.title, o.section, quote, lang));
  return { lines, citation: { plan: plan.id, planTitle: plan.meta.title, section: o.section, quote }, extra: [], next };
}

const YEAR = String.raw`(?:\s*(?:\/|năm)\s*\d{4})?`;
const MONTH_OR_QUARTER = new RegExp(String.raw`(?:(?:vào|trong|từ)\s+)?(?:quý\s+(?:IV|I{1,3}|[1-4])|tháng\s+\d{1,2})(?![\p{L}\d])${YEAR}`, "iu");
const YEAR_ONLY = /(?:(?:vào|trong)\s+)năm\s+\d{4}/iu;

/** A time the plan gives without a day: "vào quý IV/2025", "trong tháng 8/2025", "vào năm 2027". */
export function timeWords(quote: string): string | null {
  return (quote.match(MONTH_OR_QUARTER) ?? quote.match(YEAR_ONLY))?.[0].trim() ?? null;
}

/**
 * The last allowed day of a "trước ngày D" date, in words: "9/6" (English "9 June"), or for a
 * date within each period "19 hằng tháng", "14 của tháng cuối quý" ("the 14th of the last month
 * of each quarter"). Null when the stated day is itself the last day.
 */
function lastDayLabel(item: ScheduleItem, today: string, lang: Lang): string | null {
  const due = item.due!;
  if (!due.before) return null;
  if (due.month !== undefined) {
    const occ = nextOccurrence([item], today) ?? previousOccurrence([item], today);
    if (!occ) return null;
    return lang === "vi" ? dayMonth(occ.lastDay) : englishDate(occ.lastDay);
  }
  if (due.day <= 1) return null;
  const day = due.day - 1;
  const where = withinPeriod(item.period, due.monthInPeriod, lang);
  return lang === "vi" ? `${day} ${where}` : `the ${ordinal(day)} ${where}`;
}

const PERIOD_NOUN: Partial<Record<Period, [string, string]>> = {
  quarterly: ["quý", "quarter"],
  half_year: ["6 tháng", "half-year"],
  nine_months: ["kỳ 9 tháng", "9-month period"],
  yearly: ["năm", "year"],
};

function withinPeriod(period: Period, month: "first" | "last" | undefined, lang: Lang): string {
  const noun = PERIOD_NOUN[period];
  if (period === "monthly" || !noun) return lang === "vi" ? (period === "monthly" ? "hằng tháng" : "của kỳ") : period === "monthly" ? "of each month" : "of the period";
  if (lang === "vi") return month ? `của tháng ${month === "first" ? "đầu" : "cuối"} ${noun[0]}` : `của ${noun[0]}`;
  return month ? `of the ${month} month of each ${noun[1]}` : `of each ${noun[1]}`;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "9 June" from "2025-06-09". */
function englishDate(date: string): string {
  const [, m, d] = date.split("-").map(Number);
  return `${d} ${MONTHS_EN[m - 1]}`;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}
