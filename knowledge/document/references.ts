// References to documents by kind and number, the way officials write them: "KH 1026",
// "Chỉ thị 012/CT-UBND", "CV 174/CV-BCĐ", "Kế hoạch 47-KH/BCĐ", "QĐ 26/2025", "Công điện 232".
// A document's own number and symbol ("86/2025/QĐ-UBND") say its kind with the same codes.
import { fold } from "../vietnamese";

// The type code of a document's number and symbol (Nghị định 30/2020/NĐ-CP): "86/2025/QĐ-UBND" is a Quyết định; a symbol with no type code ("2539/UBND-SNV") is a Công văn.
export const SYMBOL_KIND: Readonly<Record<string, string>> = {
  "QĐ": "Quyết định", KH: "Kế hoạch", CT: "Chỉ thị", "CĐ": "Công điện", CV: "Công văn", TB: "Thông báo", HD: "Hướng dẫn", BC: "Báo cáo",
  TT: "Thông tư", "NĐ": "Nghị định", NQ: "Nghị quyết", KL: "Kết luận", CTr: "Chương trình", QC: "Quy chế", TTr: "Tờ trình", "ĐA": "Đề án", PA: "Phương án",
};

/** The kind a number's symbol gives: "86/2025/QĐ-UBND" -> "Quyết định", "2539/UBND-SNV" -> "Công văn". */
export function kindOfNumber(number: string): string | null {
  const parts = number.split("/").slice(1).filter((p) => !/^\d+$/u.test(p));
  // Party style "47-KH/BCĐ": the code follows the number.
  const code = /^\d+-(\p{L}+)/u.exec(number)?.[1] ?? parts[0]?.split("-")[0];
  if (!code) return null;
  if (SYMBOL_KIND[code]) return SYMBOL_KIND[code];
  // "UBND-KT", "BCĐ-..." with no type code first: a letter (công văn).
  return /^(?:UBND|BND|VP|S[\p{Lu}]+|BCĐ|TTg|BNV|BTC)$/u.test(code) ? "Công văn" : null;
}

export interface DocumentReference {
  /** The kind named ("Kế hoạch"), or null for "văn bản số ...". */
  kind: string | null;
  /** The number without leading zeros: "012/CT-UBND" -> "12". */
  number: string;
}

/** The leading number of a document's number and symbol, without leading zeros; null when there is none. */
export function leadingNumber(number: string): string | null {
  const m = /^0*(\d{1,6})(?!\d)/u.exec(number.trim());
  return m ? m[1] || "0" : null;
}

// Folded kind words and codes to the kind. "Báo cáo"/"BC" are left out of questions: "bc 6 tháng"
// is a report period, not document number 6.
const KIND_WORDS = new Map<string, string | null>([
  ...Object.entries(SYMBOL_KIND).filter(([code]) => code !== "BC").flatMap(([code, kind]) => [[fold(code).toLowerCase(), kind] as const, [fold(kind).toLowerCase(), kind] as const]),
  ["van ban", null],
]);
const KIND_ALT = [...KIND_WORDS.keys()].sort((a, b) => b.length - a.length).join("|");
// A number of days, months, percent... after a code is a quantity, not a document ("tt 30 ngày").
const REFERENCE_RE = new RegExp(`(?<![\\p{L}\\d])(${KIND_ALT})\\s*(?:so\\s*)?(\\d{1,6})(?![\\d.,]\\d|\\d|\\s*(?:%|ngay|thang|nam|tuan|quy|lan|gio|phut|ty|trieu|nghin|dong|nguoi|ho)(?![\\p{L}]))`, "gu");

/** The documents a text refers to by kind and number ("Theo KH 1026 của Nghệ An" -> Kế hoạch 1026). */
export function documentReferences(text: string): DocumentReference[] {
  const out: DocumentReference[] = [];
  for (const m of fold(text).toLowerCase().matchAll(REFERENCE_RE)) out.push({ kind: KIND_WORDS.get(m[1]) ?? null, number: String(Number(m[2])) });
  return out;
}
