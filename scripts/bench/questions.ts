// Questions officials would ask of the generated plans, of every kind the engine answers, phrased
// from templates filled with an obligation's unit, report and period (shortened, with synonyms and
// abbreviations, a share typed without diacritics or in English), not copied from sentences. A
// fifth name no plan (the whole corpus, as every unregistered user's question does) and say the
// place instead. Where the plan states the fact asked (a due date, a responsible unit, a recipient,
// the date of issue) the question carries it, and `isCorrect` checks an answer against it.
import type { Answer, Obligation, Plan } from "../../knowledge/types";
import { fold, key } from "../../knowledge/vietnamese";
import { pick, rng } from "./corpus";

export type Fact = { kind: "date"; day: number; month: number } | { kind: "name"; words: string };

export interface BenchQuestion {
  /** null: no plan chosen, the whole corpus is searched. */
  planId: string | null;
  question: string;
  kind: string;
  fact: Fact | null;
}

// Words that carry no meaning of their own in a task phrase; dropped when it is shortened.
const FILLER = new Set(
  "chủ trì phối hợp thực hiện kết quả công tác việc các những về của cho và tình hình định kỳ xây dựng tổ chức triển khai nội dung đối với theo trên địa bàn nhằm để được có đã sẽ phải"
    .split(" ")
    .map(key),
);
const SYNONYMS: [RegExp, string[]][] = [
  [/^Ủy ban nhân dân\b/iu, ["UBND", "Ủy ban"]],
  [/^Sở\b/u, ["sở"]],
  [/^Phòng\b/u, ["phòng", "P."]],
  [/\bbáo cáo\b/giu, ["báo cáo", "bc", "báo cáo"]],
];
const PERIOD_WORDS: Record<string, string[]> = {
  half_year: ["6 tháng", "sáu tháng", "6 tháng đầu năm", "giữa năm"],
  yearly: ["năm", "cuối năm", "hằng năm", "tổng kết năm"],
  quarterly: ["quý", "hằng quý", "mỗi quý"],
  monthly: ["tháng", "hằng tháng", "mỗi tháng"],
  nine_months: ["9 tháng", "chín tháng"],
  once: ["", "lần này"],
};

function swap(s: string, r: () => number): string {
  let out = s;
  for (const [re, alts] of SYNONYMS) out = out.replace(re, () => pick(r, alts));
  return out;
}

/** A task phrase cut to a few words that carry its meaning, as someone would type it. */
function shortTask(task: string, r: () => number, max = 5): string {
  const words = task
    .replace(/[.,;:()"“”]/g, " ")
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(key(w)));
  const n = Math.min(words.length, 2 + Math.floor(r() * (max - 1)));
  return swap(words.slice(0, n).join(" "), r).toLowerCase();
}

/** The head of a unit name ("Phòng Nội vụ" of "Phòng Nội vụ thị xã (chủ trì)"), shortened. */
function shortUnit(name: string, r: () => number): string {
  return swap(name.replace(/\(.*$/u, "").split(/[,;]/)[0].trim(), r);
}

/** As officials often type: no diacritics, lower case, sometimes no question mark. */
function casual(q: string, r: () => number): string {
  const roll = r();
  if (roll < 0.25) return fold(q).toLowerCase().replace(/\?$/, r() < 0.5 ? "" : "?");
  if (roll < 0.35) return q.replace(/\?$/, "");
  return q;
}

const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? "").replace(/\s+/g, " ").replace(/\s+\?/, "?").trim();

const DEADLINE = [
  "{unit} phải gửi {report} {period} trước ngày nào?",
  "Hạn nộp {report} {period} là khi nào?",
  "khi nào {unit} nộp {report} {period}?",
  "{report} {period} chậm nhất ngày mấy phải gửi?",
  "Cho hỏi deadline {report} {period}?",
];
const DEADLINE_EN = ["When is the {period} {report} due?", "What is the deadline for {report}?"];
const RESPONSIBLE = ["Ai phụ trách {task}?", "Đơn vị nào chịu trách nhiệm {task}?", "{task} do cơ quan nào chủ trì?", "việc {task} giao cho ai?"];
const RECIPIENT = ["{report} gửi về đâu?", "Nộp {report} cho cơ quan nào?", "{unit} gửi {report} cho ai?"];
const RECURRENCE = ["Bao lâu thì {unit} báo cáo {report} một lần?", "{report} có định kỳ không, mấy lần một năm?"];
const ISSUED = ["Văn bản này ban hành ngày nào?", "{kind} này ký ngày mấy?", "{kind} số mấy, ngày nào?"];
const OTHER: [string, string[]][] = [
  ["person", ["Ai ký {kind} này?", "Người ký văn bản là ai?"]],
  ["funding", ["Kinh phí thực hiện lấy từ đâu?", "Tiền làm việc này lấy ở nguồn nào?"]],
  ["quantity", ["Có bao nhiêu nhiệm vụ được giao?", "Tổ chức mấy lớp tập huấn?"]],
  ["method", ["{task} thực hiện bằng hình thức nào?", "Làm {task} theo cách nào?"]],
  ["content", ["Mục đích của {kind} này là gì?", "{kind} này yêu cầu những gì?", "Nội dung chính về {task}?"]],
  ["duration", ["{task} kéo dài bao lâu?", "Thời gian thực hiện {task} là bao lâu?"]],
  ["contact", ["Có vướng mắc thì liên hệ ai?", "Số điện thoại đầu mối là gì?"]],
  ["annex", ["Phụ lục kèm theo gồm những gì?", "Mẫu báo cáo ở phụ lục nào?"]],
];

function dateOf(o: Obligation): { day: number; month: number; period: string } | null {
  for (const s of o.schedule) if (s.due?.month && s.due.day) return { day: s.due.day, month: s.due.month, period: s.period };
  return null;
}

const kindWord = (p: Plan) => (p.meta.kind ?? "Kế hoạch").toLowerCase();

/** One question on plan `p`; `scope` is the place words added when no plan is chosen. */
function ask(p: Plan, r: () => number, scope: string): Omit<BenchQuestion, "planId"> {
  const dated = p.obligations.filter((o) => dateOf(o) && o.responsible.length);
  const withUnit = p.obligations.filter((o) => o.responsible.length && o.task);
  const withRecipient = p.obligations.filter((o) => o.recipient && o.task);
  const roll = r();
  const v = (o: Obligation | null) => ({
    unit: o?.responsible[0] ? shortUnit(o.responsible[0], r) : "đơn vị",
    report: o ? shortTask(o.task, r) : "báo cáo",
    task: o ? shortTask(o.task, r) : "nhiệm vụ",
    kind: kindWord(p),
  });
  const q = (t: string, vals: Record<string, string>) => casual(fill(t, vals).replace(/\??$/, (m) => scope + m), r);
  // Each kind has its share of the rolls; a plan that lacks what a kind asks about gets another kind.
  if (roll < 0.3 && dated.length) {
    const o = pick(r, dated);
    const d = dateOf(o)!;
    const en = r() < 0.1;
    const period = en ? ({ half_year: "6-month", yearly: "annual", quarterly: "quarterly", monthly: "monthly", nine_months: "9-month" } as Record<string, string>)[d.period] ?? "" : pick(r, PERIOD_WORDS[d.period] ?? [""]);
    return { kind: "deadline", question: q(pick(r, en ? DEADLINE_EN : DEADLINE), { ...v(o), period }), fact: { kind: "date", day: d.day, month: d.month } };
  }
  if (roll >= 0.3 && roll < 0.45 && withUnit.length) {
    const o = pick(r, withUnit);
    return { kind: "responsible", question: q(pick(r, RESPONSIBLE), v(o)), fact: { kind: "name", words: factWords(o.responsible[0]) } };
  }
  if (roll >= 0.45 && roll < 0.55 && withRecipient.length) {
    const o = pick(r, withRecipient);
    return { kind: "recipient", question: q(pick(r, RECIPIENT), v(o)), fact: { kind: "name", words: factWords(o.recipient!) } };
  }
  if (roll >= 0.55 && roll < 0.62 && p.obligations.length) return { kind: "recurrence", question: q(pick(r, RECURRENCE), v(pick(r, p.obligations))), fact: null };
  if (roll >= 0.62 && roll < 0.7) {
    const m = /^(\d{1,2})\/(\d{1,2})\//.exec(p.meta.date ?? "");
    return { kind: "issued", question: q(pick(r, ISSUED), v(null)), fact: m ? { kind: "date", day: Number(m[1]), month: Number(m[2]) } : null };
  }
  const [kind, templates] = pick(r, OTHER);
  return { kind, question: q(pick(r, templates), v(p.obligations.length ? pick(r, p.obligations) : null)), fact: null };
}

/** The words of a name an answer must contain: up to the first bracket or comma, at most four words. */
function factWords(name: string): string {
  return key(name.replace(/\(.*$/u, "").split(/[,;]/)[0]).replace(/^cac /, "").split(" ").slice(0, 4).join(" ");
}

/** `count` questions on `plans`; `wholeShare` of them with no plan, naming the plan's place instead. */
export function makeQuestions(plans: { plan: Plan; place: string }[], count: number, seed = 2, wholeShare = 0.2): BenchQuestion[] {
  const r = rng(seed);
  const out: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const { plan, place } = pick(r, plans);
    const whole = r() < wholeShare;
    const scope = whole ? pick(r, [` ở ${place}`, ` của ${place}`, ` tại ${place}`]) : "";
    out.push({ planId: whole ? null : plan.id, ...ask(plan, r, scope) });
  }
  return out;
}

/** Day/month pairs an answer states: "10/6", "10/06/2026", "ngày 10 tháng 6". */
function datesIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(\d{1,2})\s*\/\s*(\d{1,2})\b/g)) out.add(`${Number(m[1])}/${Number(m[2])}`);
  for (const m of key(text).matchAll(/ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\b/g)) out.add(`${Number(m[1])}/${Number(m[2])}`);
  return out;
}

/** Whether the answer gives the fact (a date by day and month, a name by its first words, ignoring case and marks). */
export function isCorrect(a: Pick<Answer, "answered" | "text">, fact: Fact): boolean {
  if (!a.answered) return false;
  if (fact.kind === "date") return datesIn(a.text).has(`${fact.day}/${fact.month}`);
  return key(a.text).includes(fact.words);
}
