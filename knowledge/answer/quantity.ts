// "How many / how much" questions want a number of a certain kind: "mấy lớp" wants "03 lớp",
// "lệ phí bao nhiêu" wants an amount of money, "số điện thoại" a phone number, "tỷ lệ" a percent.
// A sentence without such a number does not answer, however many of the question's words it has
// ("100% hồ sơ qua bộ phận một cửa" does not give the fee of the one-stop desk).
import { fold, normaliseTones } from "../vietnamese";
import type { Question } from "./question";

export type QuantityKind = { unit: string } | { kind: "money" | "phone" | "percent" | "any" };

const NUM = String.raw`(?:\d+(?:[.,]\d+)*|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|muoi mot|hai muoi|nua)`;
// Words after "bao nhiêu"/"mấy" that are not the counted thing.
const NOT_UNIT = new Set(["la", "vay", "a", "nhi", "the", "thi", "ha", "nhe", "khong", "roi", "duoc", "vao", "tren", "trong", "moi", "mot", "1"]);

// Money: marked words when the question has diacritics ("lương" is pay, "lượng" is not), else
// compounds that are money however they are typed.
const MONEY_MARKED = /(?<![\p{L}])(lệ phí|phí|tiền|chi phí|phạt|lương|phụ cấp|thưởng|giá|ngân sách|đồng)(?![\p{L}])/u;
const MONEY_FOLDED = /\b(le phi|kinh phi|chi phi|muc phat|xu phat|tien phat|muc luong|tien luong|phu cap|tien thuong|muc thuong|don gia|ngan sach|bao nhieu tien)\b|\b(budget|fee|cost|penalty|fine|salary|allowance|price|bonus)/;
const PHONE_SUBJECT = /\b(dien thoai|so may|hotline|zalo)\b|\bphone/;
const PERCENT_SUBJECT = /\b(ty le|phan tram)\b|\bpercent/;

/** The kind of number a quantity question asks for; null when it asks for none. */
export function quantityKind(q: Question): QuantityKind | null {
  if (!q.asks.quantity) return null;
  const f = q.folded;
  const en = q.language === "en" ? q.raw.toLowerCase() : "";
  const after = f.match(/\b(?:bao nhieu|may)\s+([a-z%]+)/)?.[1];
  if (after === "phan" || after === "%") return { kind: "percent" };
  // "bao nhiêu lớp" counts classes ("ngày bao nhiêu" asks a date, "bao nhiêu ngày" a span).
  if (after && q.language === "vi" && !NOT_UNIT.has(after) && !/^\d/.test(after) && !(after === "ngay" && /\bngay (bao nhieu|may)\b/.test(f))) return { unit: after };
  const both = `${f} ${en}`;
  if (PERCENT_SUBJECT.test(both)) return { kind: "percent" };
  if (PHONE_SUBJECT.test(both)) return { kind: "phone" };
  if (MONEY_FOLDED.test(both) || MONEY_MARKED.test(normaliseTones(q.raw).toLowerCase()) || /\bhow much\b/.test(en)) return { kind: "money" };
  return { kind: "any" };
}

const foldedText = (s: string) => fold(normaliseTones(s)).toLowerCase().replace(/\s+/g, " ");

/** Whether the text holds a number of the kind asked (numbers the question itself gives do not count). */
export function holdsQuantity(q: Question, kind: QuantityKind, text: string): boolean {
  return quantityMatch(q, kind, text) !== null;
}

/** Where in the text the asked number is, or null. */
export function quantityMatch(q: Question, kind: QuantityKind, text: string): { index: number } | null {
  const f = foldedText(text);
  const own = new Set(q.numbers);
  const found = (re: RegExp) => {
    for (const m of f.matchAll(re)) {
      const n = m[0].match(/\d+/)?.[0];
      if (n && own.has(String(Number(n))) && !("unit" in kind)) continue;
      return { index: m.index! };
    }
    return null;
  };
  if ("unit" in kind) return found(new RegExp(String.raw`\b${NUM}\s+(?:[a-z]+\s+){0,2}${kind.unit}\b`, "g"));
  switch (kind.kind) {
    case "percent":
      return found(/\d+(?:[.,]\d+)?\s*(?:%|phan tram)/g);
    case "phone":
      // 8 to 11 digits from a 0 or 1, grouped any way: "0263 3843 115", "1900.1234".
      for (const m of f.matchAll(/\b[01]\d*(?:[ .]\d+)*\b/g)) {
        const digits = m[0].replace(/\D/g, "").length;
        if (digits >= 8 && digits <= 11) return { index: m.index! };
      }
      return null;
    case "money":
      return found(new RegExp(String.raw`\b${NUM}\s*(?:trieu|ty|nghin|ngan)?\s*(?:dong|vnd|d)\b|\b${NUM}\s+(?:trieu|ty)\b`, "g"));
    default:
      return found(/\b\d+|\b(?:mot|ba|bon|bay|chin|muoi)\b/g);
  }
}

/** The clause of the sentence (between ; , or . ) that holds the asked number, for a first line. */
export function quantityClause(q: Question, kind: QuantityKind, sentence: string): string | null {
  const clauses = sentence.split(/(?<=[;:,.])\s+/);
  for (const c of clauses) if (quantityMatch(q, kind, c)) return c.replace(/[;,.:]+$/, "").trim();
  return null;
}

// "Tỷ lệ ... đạt bao nhiêu" frames a percent: the words name the form of the answer, not its subject.
const PERCENT_FRAME: ReadonlySet<string> = new Set(["ty", "le", "dat", "phan", "tram", "toi", "thieu"]);
const NONE: ReadonlySet<string> = new Set();

/** Question words that only frame the number asked for; coverage leaves them out. */
export function framingTerms(q: Question): ReadonlySet<string> {
  const kind = quantityKind(q);
  return kind && "kind" in kind && kind.kind === "percent" ? PERCENT_FRAME : NONE;
}
