// The section tree of a plan: I./II. (Roman), 1./2., 1.1./2.3., a)/b), "-" and "+" items, and
// Markdown headings without a marker, each with a readable path
// ("IV. TỔ CHỨC THỰC HIỆN › 4. Chế độ thông tin báo cáo").
import type { Paragraph } from "../normalise";
import { NOTES_TITLE } from "../normalise";
import type { Section } from "../types";

export interface Marker {
  /** As written, without the trailing dot or bracket: "IV", "4", "1.1", "a", "-". */
  number: string;
  /** Lower ranks are higher in the tree. */
  rank: number;
  /** Length of the marker and the spaces after it. */
  length: number;
}

const ROMAN_RE = /^([IVXLC]{1,6})\.\s*/u;
// "Điều 1." of a decision (Quyết định) that issues the plan: a top-level part like "I.".
const ARTICLE_RE = /^(Điều\s+\d{1,3})\.\s*/u;
const ARABIC_RE = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)\s*|^(\d{1,2})\.(?=\s)\s*/u;
const BRACKET_RE = /^(\d{1,2}|[a-zđ])\)\s*/u;
// A dash item has text after it: "-------" is a rule, not an item.
const DASH_RE = /^([-–•*])\s*(?![-–•*_=|\s])/u;
const PLUS_RE = /^(\+)\s*/u;

export const DASH_RANK = 7;

export function paragraphMarker(text: string): Marker | null {
  let m = ROMAN_RE.exec(text);
  if (m && /^[IVXLC]+$/u.test(m[1]) && text.length > m[0].length) return { number: m[1], rank: 1, length: m[0].length };
  m = ARTICLE_RE.exec(text);
  if (m && text.length > m[0].length) return { number: m[1], rank: 1, length: m[0].length };
  m = ARABIC_RE.exec(text);
  if (m && text.length > m[0].length) {
    const number = m[1] ?? m[2];
    return { number, rank: 2 + (number.match(/\./gu)?.length ?? 0), length: m[0].length };
  }
  m = BRACKET_RE.exec(text);
  if (m) return { number: m[1], rank: 6, length: m[0].length };
  m = DASH_RE.exec(text);
  if (m && text.length > m[0].length) return { number: "-", rank: DASH_RANK, length: m[0].length };
  m = PLUS_RE.exec(text);
  if (m && text.length > m[0].length) return { number: "+", rank: DASH_RANK + 1, length: m[0].length };
  return null;
}

/** Paragraphs that close the body: the distribution list, the notes block, a web page's links to other news. */
export function isBackMatter(text: string): boolean {
  return /^Nơi nhận\s*:?/u.test(text) || text === NOTES_TITLE || /^(?:Tin liên quan|Tin cùng chuyên mục|Tin khác|Các tin khác|Bài viết liên quan|Xem thêm)\s*(?::|$)/u.test(text);
}

/**
 * The closing words after the last item of the body ("Trên đây là Kế hoạch...", "Yêu cầu Thủ
 * trưởng các ...", "Trong quá trình thực hiện, nếu có khó khăn..."): they speak to the whole plan,
 * not to the last numbered item they follow.
 */
export const CLOSING_RE =
  /^(?:Trên đây là|Trong quá trình|Quá trình (?:tổ chức |triển khai )?thực hiện|Yêu cầu (?:Thủ trưởng|Chủ tịch|Giám đốc|Trưởng|Lãnh đạo|các|Người đứng đầu)|Đề nghị (?:Thủ trưởng|Chủ tịch|Giám đốc|các)[^.]{0,200}(?:nghiêm túc|triển khai thực hiện|thực hiện tốt))/u;

// An upper-case document type line ("KẾ HOẠCH", "QUY CHẾ") after a decision's back matter starts the attached document.
const ATTACHED_DOC_RE = /^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|HƯỚNG DẪN|ĐỀ ÁN|PHƯƠNG ÁN|PHỤ LỤC|DANH MỤC)(?![\p{L}])/u;

/** Index of the first closing paragraph: one that CLOSING_RE matches after the last marked paragraph of the body, or -1. */
function closingStart(texts: string[], paragraphs: Paragraph[]): number {
  // Body paragraphs: not in back matter (which runs to the start of an attached document).
  const body: boolean[] = [];
  let back = false;
  for (const t of texts) {
    if (back && (paragraphMarker(t)?.rank === 1 || ATTACHED_DOC_RE.test(t))) back = false;
    if (isBackMatter(t)) back = true;
    body.push(!back);
  }
  let last = -1;
  texts.forEach((t, i) => {
    if (body[i] && paragraphMarker(t)) last = i;
  });
  if (last < 0) return -1;
  for (let i = last + 1; i < texts.length && body[i]; i++) if (!paragraphs[i].heading && CLOSING_RE.test(texts[i])) return i;
  return -1;
}

function shortTitle(body: string, maxWords: number): string {
  const words = body.split(/\s+/u);
  const cut = words.slice(0, maxWords).join(" ");
  const stop = /[,;.:]/u.exec(cut);
  const t = stop && stop.index > 10 ? cut.slice(0, stop.index) : cut;
  return words.length > maxWords && (!stop || stop.index <= 10) ? `${t.replace(/[,;:.]$/u, "")}…` : t.replace(/[,;:.]$/u, "");
}

/** The heading text of a numbered paragraph: up to a colon when one ends the heading, else the paragraph if short. */
export function headingTitle(body: string, rank: number): string {
  if (rank >= DASH_RANK) return shortTitle(body, 8);
  const colon = body.indexOf(":");
  if (colon > 0 && colon <= 100) return body.slice(0, colon).trim();
  if (body.length <= 90) return body.replace(/(?:\.\/\.?|[.:;])$/u, "").trim();
  return shortTitle(body, 10);
}

interface Open {
  section: Section;
  rank: number;
}

/** Builds the section tree from the normalised text's paragraphs. s0 is the preamble. */
export function buildSections(text: string, paragraphs: Paragraph[]): { sections: Section[]; markerLength: Map<number, number> } {
  const sections: Section[] = [{ id: "s0", number: "", title: "Mở đầu", level: 0, parentId: null, path: "Mở đầu", start: 0, end: text.length }];
  const markerLength = new Map<number, number>();
  const stack: Open[] = [];
  const close = (keepRank: number, at: number) => {
    while (stack.length && stack[stack.length - 1].rank >= keepRank) stack.pop()!.section.end = at;
  };
  const texts = paragraphs.map((p) => text.slice(p.start, p.end));
  const closing = closingStart(texts, paragraphs);
  let inBackMatter = false;
  for (let k = 0; k < paragraphs.length; k++) {
    const p = paragraphs[k];
    const t = texts[k];
    let marker = paragraphMarker(t);
    let rank: number;
    let number: string;
    let title: string;
    // After a decision's distribution list, the attached plan starts again at the top level.
    if (inBackMatter && ((marker && marker.rank === 1) || ATTACHED_DOC_RE.test(t))) {
      close(-Infinity, p.start);
      inBackMatter = false;
    }
    if (isBackMatter(t)) {
      rank = 0;
      number = "";
      title = t.replace(/:$/u, "");
      marker = null;
      inBackMatter = true;
    } else if (k === closing) {
      rank = 0;
      number = "";
      title = shortTitle(t, 8);
      marker = null;
    } else if (marker) {
      rank = marker.rank;
      number = marker.number;
      title = headingTitle(t.slice(marker.length), rank);
      markerLength.set(p.start, marker.length);
    } else if (p.heading && t.length <= 160 && stack.length > 0) {
      // An unmarked Markdown heading inside the body.
      rank = 1;
      number = "";
      title = t.replace(/:$/u, "");
    } else continue;
    close(rank, p.start);
    const parent = stack.length ? stack[stack.length - 1].section : null;
    const label = number === "" || rank >= DASH_RANK ? title : rank === 6 ? `${number}) ${title}` : `${number}. ${title}`;
    const section: Section = {
      id: `s${sections.length}`,
      number,
      title,
      level: parent ? parent.level + 1 : 1,
      parentId: parent ? parent.id : null,
      // "-" and "+" items are sections of their own but cite as their enclosing numbered section.
      path: rank >= DASH_RANK ? (parent ? parent.path : sections[0].path) : parent ? `${parent.path} › ${label}` : label,
      start: p.start,
      end: text.length,
    };
    sections.push(section);
    stack.push({ section, rank });
    // The first body section ends the preamble.
    if (sections.length === 2) sections[0].end = p.start;
  }
  close(-Infinity, text.length);
  return { sections, markerLength };
}

/** The innermost section containing an offset. Sections are in document order. */
export function sectionAt(sections: Section[], offset: number): Section {
  let best = sections[0];
  for (const s of sections) {
    if (s.start > offset) break;
    if (offset < s.end && s.level >= best.level) best = s;
  }
  return best;
}
