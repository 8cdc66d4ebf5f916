// Reading a progress update by rules: "cập nhật báo cáo 6 tháng: đã xong 80%, còn chờ số liệu
// phường Bắc Hồng", "tiến độ tuyên truyền Dân vận khéo: đang làm", "bc nam da gui ngay 20/11".
// Out come the topic (to match an obligation), status, percent, period, the day it was done and a
// note. Impossible values (180%, 31/02) are a UserInputError that says what to send instead.
import { addDays, validDate } from "../../knowledge/occurrences";
import { fold, normaliseTones } from "../../knowledge/vietnamese";
import { UserInputError } from "../errors";
import { numericDates, periodWords } from "../../knowledge/time";
import { periodFor } from "./period";
import { findStatus, reconcile, type Status } from "./status";

export interface ParsedUpdate {
  /** What the update is about, as typed ("báo cáo 6 tháng"); "" when it names nothing. */
  topic: string;
  status: Status;
  percent: number | null;
  note: string;
  period: string;
  /** True when the text names the period (else it is the half-year of the date). */
  periodExplicit: boolean;
  /** YYYY-MM-DD the text says the work was done ("đã gửi ngày 20/11"), or null. */
  doneOn: string | null;
}

/** What "sửa ..." changes; absent fields stay as they are. */
export interface ParsedEdit {
  status?: Status;
  percent?: number | null;
  note?: string;
  period?: string;
  doneOn?: string;
}

export const MAX_NOTE_CHARS = 1000;

const TRIGGER_RE = /^(?:cap nhat|update|bao cao tien do|tien do)(?:\s+(?:tien do|ve|cho))?(?:\s*[:\-–]\s*|\s+|$)/;
const QUESTION_RE =
  /\?|(?<![\p{L}\d])(?:khi nao|bao gio|bao nhieu|ai|gi|the nao|lam sao|co phai|phai khong|han chot|when|who|what|how|which|where|why|does|deadline)(?![\p{L}\d])/u;
// The words that introduce a date ("vào ngày 20/11"); the dates are knowledge/time's, as typed in chat.
const DATE_LEAD_RE = /(?:(?:vao\s+)?(?:ngay|hom)\s*)$/;
const PERCENT_RE = /(?<![\d.,])(\d{1,6}(?:[.,]\d+)?)\s*(?:%|phan tram|percent)/;
// Words that mean nothing once the status, percent and date are taken out of a clause.
const FILLER = new Set(["", "duoc", "dat", "khoang", "roi", "da", "vao", "ngay", "hom", "la", "va", "muc", "ti le", "ty le", "tien do", "xong"]);

interface Prepared {
  /** Tone-normalised, single-spaced text. */
  s: string;
  /** s folded and lower-cased: the same length, so indexes carry over. */
  f: string;
}

// Control characters (NUL from a pasted file, a stray escape) mean nothing in chat text.
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function prepare(text: string): Prepared {
  const s = normaliseTones(text.replace(CONTROL_RE, "")).replace(/\s+/g, " ").trim();
  return { s, f: fold(s).toLowerCase() };
}

/** True when the text reads as a progress update rather than a question. */
export function looksLikeUpdate(text: string): boolean {
  const { s, f } = prepare(text);
  if (TRIGGER_RE.test(f) && !/^tien do\s*$/.test(f)) return true;
  if (QUESTION_RE.test(f)) return false;
  return findStatus(s) !== null || PERCENT_RE.test(f);
}

// A day/month that cannot exist is a mistyped date only when the text calls it one ("ngày 31/02",
// "hôm 12/13"); otherwise ("còn chờ số liệu 20-14", a code, a range) it is words of the note.
const DATE_WORD_BEFORE_RE = /(?:ngay|hom)\s*$/;

interface DateToken {
  index: number;
  text: string;
  day: number;
  month: number;
  explicitYear: number | null;
  /** YYYY-MM-DD in the year given or the current one; null when that day does not exist. */
  iso: string | null;
}

/** The day/month tokens of folded text that are dates: real ones, and impossible ones called a date. */
function dateTokens(f: string, today: string): DateToken[] {
  const out: DateToken[] = [];
  for (const d of numericDates(f, true)) {
    const explicitYear = d.year ?? null;
    const iso = validDate(explicitYear ?? Number(today.slice(0, 4)), d.month, d.day);
    if (iso || DATE_WORD_BEFORE_RE.test(f.slice(Math.max(0, d.index - 12), d.index))) {
      out.push({ index: d.index, text: f.slice(d.index, d.index + d.length), day: d.day, month: d.month, explicitYear, iso });
    }
  }
  return out;
}

/** The first date in the text as YYYY-MM-DD; a date that cannot exist is a UserInputError. */
export function findDoneOn(f: string, today: string): string | null {
  let first: string | null = null;
  for (const t of dateTokens(f, today)) {
    if (!t.iso) {
      const mo = t.month;
      throw new UserInputError(
        `Ngày ${t.text} không có thật (tháng ${mo} ${mo >= 1 && mo <= 12 ? `không có ngày ${t.day}` : "không tồn tại"}). Vui lòng kiểm tra lại ngày rồi gửi lại, ví dụ: "đã gửi ngày 20/11".`,
      );
    }
    // "đã gửi ngày 20/11" typed in January means last November.
    const iso = t.explicitYear === null && t.iso > today ? (validDate(Number(today.slice(0, 4)) - 1, t.month, t.day) ?? t.iso) : t.iso;
    first ??= iso;
  }
  return first;
}

/** The dates of the text with the words that introduce them ("vào ngày 20/11"): spans to cut. */
function datePhrases(f: string, today: string): Span[] {
  return dateTokens(f, today).map((t) => {
    const lead = DATE_LEAD_RE.exec(f.slice(0, t.index))?.[0].length ?? 0;
    return { index: t.index - lead, length: t.text.length + lead };
  });
}

export function findPercent(f: string): { value: number; index: number; length: number } | null {
  const m = PERCENT_RE.exec(f);
  if (!m) return null;
  const value = Math.round(Number(m[1].replace(",", ".")));
  if (!(value >= 0 && value <= 100)) {
    throw new UserInputError(`Tỷ lệ ${m[1]}% không hợp lệ: tỷ lệ hoàn thành phải từ 0 đến 100%. Vui lòng gửi lại, ví dụ: "đã xong 80%".`);
  }
  return { value, index: m.index, length: m[0].length };
}

interface Span {
  index: number;
  length: number;
}

function spans(...xs: (Span | null)[]): Span[] {
  return xs.filter((x): x is Span => x !== null);
}

/** The note: the clauses left once status words, percent and dates are taken out. */
function noteOf(s: string, f: string, cut: Span[]): string {
  let text = s;
  let folded = f;
  // Blank out the spans (same length, so later indexes stay valid).
  for (const c of cut) {
    const blank = " ".repeat(c.length);
    text = text.slice(0, c.index) + blank + text.slice(c.index + c.length);
    folded = folded.slice(0, c.index) + blank + folded.slice(c.index + c.length);
  }
  const clauses: string[] = [];
  let start = 0;
  for (const m of folded.matchAll(/[,;]|\.(?!\d)|\s-\s/g)) {
    clauses.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  clauses.push(text.slice(start));
  const kept = clauses
    .map((c) => c.replace(/\s+/g, " ").replace(/^[\s:–-]+|[\s:–-]+$/g, ""))
    .filter((c) => !FILLER.has(fold(c).toLowerCase()));
  return kept.join(", ").slice(0, MAX_NOTE_CHARS);
}

/**
 * The update a message states, or null when it states no status and no percent (then it is not an
 * update, or the caller asks for the status).
 */
export function parseUpdate(text: string, today: string): ParsedUpdate | null {
  const all = prepare(text);
  const trig = TRIGGER_RE.exec(all.f);
  const off = trig ? trig[0].length : 0;
  const s = all.s.slice(off);
  const f = all.f.slice(off);

  const doneOn = findDoneOn(f, today);
  const colon = f.indexOf(":");
  let topic: string;
  let body: string;
  let bodyF: string;
  if (colon >= 0) {
    topic = s.slice(0, colon);
    body = s.slice(colon + 1);
    bodyF = f.slice(colon + 1);
  } else {
    const st = findStatus(s);
    const pc = PERCENT_RE.exec(f);
    const firstDate = datePhrases(f, today)[0];
    const cutAt = Math.min(st?.index ?? Infinity, pc?.index ?? Infinity, firstDate?.index ?? Infinity);
    if (cutAt === Infinity) return null;
    topic = s.slice(0, cutAt);
    body = s.slice(cutAt);
    bodyF = f.slice(cutAt);
  }
  const status = findStatus(body);
  const pct = findPercent(bodyF);
  const both = reconcile(status?.status ?? null, pct?.value ?? null);
  if (!both) return null;
  const words = periodWords(s);
  topic = topic.replace(/^[\s:,–-]+|[\s:,–-]+$/g, "");
  return {
    topic,
    status: both.status,
    percent: both.percent,
    note: noteOf(body, bodyF, [...spans(status, pct), ...datePhrases(bodyF, today)]),
    period: periodFor(words, doneOn ?? today),
    periodExplicit: words.kind !== null || words.year !== null,
    doneOn,
  };
}

/** What "sửa 90%", "sửa: vướng mắc, chờ kinh phí", "sửa quý 2" change. */
export function parseEdit(text: string, today: string): ParsedEdit {
  const { s, f } = prepare(text);
  const out: ParsedEdit = {};
  const doneOn = findDoneOn(f, today);
  if (doneOn) out.doneOn = doneOn;
  const status = findStatus(s);
  const pct = findPercent(f);
  if (status) out.status = status.status;
  if (pct) out.percent = pct.value;
  const words = periodWords(s);
  if (words.kind || words.year) out.period = periodFor(words, doneOn ?? today);
  const note = noteOf(s, f, [...spans(status, pct), ...datePhrases(f, today)]);
  // Period words alone are not a note.
  if (note && !(out.period && periodWords(note).kind && note.split(" ").length <= 4)) out.note = note;
  return out;
}
