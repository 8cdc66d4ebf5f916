// What kind of fact a sentence carries: a deadline date, a rule with a day ("trước ngày 15 hằng
// tháng", "thứ 6 hằng tuần"), a month or year, a span of days, a period without a date, a unit
// that receives, an e-mail or web address, an annex, a method, an amount, a person's name. Each
// reader finds its kind of fact in the words of the sentence itself (folded, offsets kept), so a
// resolver can require the evidence its answer must carry instead of trusting word overlap.
import { findDates, type DateKind } from "../time";
import { unitsIn } from "../obligations/units";
import type { Due } from "../types";
import { fold, normaliseTones } from "../vietnamese";
import { cachedByText } from "./text-cache";

/** A fact found in a text: where it is, and how sure the reader is that it is this kind (0..1). */
export interface Found {
  start: number;
  end: number;
  /** The words of the original text. */
  text: string;
  strength: number;
}

/** Lower-case, folded, same length as the input (NFC): offsets map back to the original. */
export const folded = cachedByText((s) => fold(normaliseTones(s)).toLowerCase());

function firstMatch(original: string, f: string, re: RegExp, strength: (m: RegExpMatchArray) => number): Found | null {
  let best: Found | null = null;
  for (const m of f.matchAll(re)) {
    const s = strength(m);
    if (s <= 0) continue;
    if (!best || s > best.strength) best = { start: m.index!, end: m.index! + m[0].length, text: original.slice(m.index!, m.index! + m[0].length).trim(), strength: s };
  }
  return best;
}

const NUM_WORD = String.raw`(?:\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|muoi lam|hai muoi|ba muoi)`;
// Words that put a month, a year or a span in the role of a deadline.
const DEADLINE_MARK = String.raw`(?:truoc|cham nhat(?: la| vao)?|han(?: chot| cuoi)?|hoan thanh|xong|den|toi|vao|trong|tu|ket thuc|bat dau|sau|muon nhat|khong qua|toi da|trong vong|xong truoc|dien ra|to chuc)`;

/** A date found in a text with the due date it gives. */
export interface FoundDue extends Found {
  due: Due;
  kind: DateKind;
}

// The dates grammar of the plans tells a due date from a cited document's date.
const DATE_STRENGTH: Record<DateKind, number> = { due: 1, effective: 0.9, plain: 0.5, citation: 0 };

/** A calendar date in the role of a deadline (strength 1), a plain date (0.5); dates of cited documents are none. */
export const deadlineDate = cachedByText(readDeadlineDate);

function readDeadlineDate(original: string): FoundDue | null {
  let best: FoundDue | null = null;
  for (const d of findDates(normaliseTones(original).replace(/\*/g, " "))) {
    const strength = d.due.month === undefined ? 0 : DATE_STRENGTH[d.kind];
    if (strength > 0 && (!best || strength > best.strength)) best = { start: d.start, end: d.end, text: original.slice(d.start, d.end).trim(), strength, due: d.due, kind: d.kind };
  }
  return best;
}

const WEEKDAY = String.raw`thu\s+(?:\d|hai|ba|tu|nam|sau|bay)|chu nhat`;
// Whole words: "Điều 4 của Quyết định" is no "ngày 4 của quý".
const EACH = String.raw`(?:hang|hàng|moi|tung|cua moi|cua|trong)\s+(?:tuan|thang|quy|nam|ky)\b`;
const RULE_WITH_DAY = new RegExp(
  String.raw`(?:(?:truoc|vao|cham nhat|den)\s+)?(?:\d{1,2}\s*(?:gio|h)\s*(?:\d{2})?\s*)?(?:ngay\s+)?(?:\d{1,2}|${WEEKDAY})(?:\s+(?:va|den|-)\s+(?:ngay\s+)?\d{1,2})?\s+(?:cua\s+)?(?:${EACH}|thang\s+(?:dau|cuoi)(?:\s+cung)?\s+(?:cua\s+)?(?:moi\s+|hang\s+)?(?:quy|ky|nam)\b)`,
  "g",
);

/** A recurring rule that names a day: "trước ngày 15 hằng tháng", "thứ 6 hằng tuần", "ngày 5 tháng cuối quý". */
export function dayRule(original: string): Found | null {
  const f = folded(original).replace(/\*/g, " ");
  return firstMatch(original, f, RULE_WITH_DAY, () => 1);
}

const TIME = new RegExp(
  String.raw`(?:${DEADLINE_MARK})\s+(?:cuoi\s+|dau\s+|giua\s+)?(?:thang\s+\d{1,2}(?:\s*(?:\/|nam)\s*\d{4})?|quy\s+(?:iv|i{1,3}|[1-4])(?:\s*(?:\/|nam)\s*\d{4})?|nam\s+\d{4}|\d{1,2}\s*\/\s*\d{4})`,
  "g",
);

/** A month, quarter or year in the role of a deadline: "trong năm 2025", "vào quý IV/2025". */
export function timeWords(original: string): Found | null {
  return firstMatch(original, folded(original).replace(/\*/g, " "), TIME, () => 0.8);
}

const DURATION = new RegExp(
  String.raw`(?:(?:${DEADLINE_MARK}|trong thoi han|thoi han)\s+(?:la\s+)?)?(?:${NUM_WORD})(?:\s*\(\s*\S+\s*\))?\s+(?:ngay|thang|gio|tuan|nam)(?:\s+lam viec)?(?:\s+(?:truoc|sau|ke tu|tu|ke)\b)?`,
  "g",
);

/** A span of time: "chậm nhất 20 ngày làm việc", "trước 10 ngày", "trong vòng 30 ngày". */
export function duration(original: string): Found | null {
  const f = folded(original).replace(/\*/g, " ");
  return firstMatch(original, f, DURATION, (m) => (/^(?:\d|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)/.test(m[0]) && !/lam viec|truoc|sau|ke/.test(m[0]) ? 0.5 : 1));
}

const PERIOD_WORDS = /\b(?:(?:dinh ky|dinh ki)(?:\s+(?:hang|hàng|moi)?\s*(?:\d+\s+)?(?:tuan|thang|quy|nam))?|(?:hang|moi|tung)\s+(?:tuan|thang|quy|nam)|dot xuat|thuong xuyen|(?<!ngay\s)\d+\s+thang(?!\s+\d)(?:\s+(?:dau|cuoi)\s+nam)?|hang nam|cuoi nam|giua nam|(?:so ket|tong ket)\s+\d+\s+nam)\b/g;

/** A period or frequency in words, with or without a day: "định kỳ hằng tháng", "hằng năm hoặc đột xuất" (not the "28 tháng" of a date "ngày 28 tháng 10"). */
export function periodWords(original: string): Found | null {
  const f = folded(original).replace(/\*/g, " ");
  const all = [...f.matchAll(PERIOD_WORDS)];
  if (!all.length) return null;
  // The run from the first to the last period word of one clause ("Hằng năm hoặc đột xuất").
  const first = all[0];
  let end = first.index! + first[0].length;
  for (const m of all.slice(1)) if (m.index! - end <= 12) end = m.index! + m[0].length;
  return { start: first.index!, end, text: original.slice(first.index!, end).trim(), strength: 1 };
}

// A unit name ends before the words that start the rest of the clause ("... Chính phủ trước ngày 30/11").
const NAME_END = /\s+(?:trước|chậm nhất|trong|vào|để|theo|hằng|hàng|định kỳ|khi|nếu|sau|kể từ|bằng|qua hệ thống|ngay)(?![\p{L}]).*$/su;
const trimName = (name: string) => name.replace(NAME_END, "").trim();

// "với" names a receiver only after a verb ("đề xuất với ..."); alone it is "đối với", "phối hợp với".
const SEND_BEFORE = /(?:gửi|gởi|nộp|trình|báo cáo|chuyển|cung cấp|phản ánh|đề xuất|kiến nghị|về|cho|đến|tới|lên)\s+(?:(?:kết quả|văn bản|hồ sơ|báo cáo|thông tin|số liệu)\s+)?(?:(?:về|cho|đến|tới|lên|với)\s+)?$/iu;

/** A named body that receives something: "gửi về Sở Nội vụ (qua Phòng ...)", "báo cáo Thủ tướng Chính phủ". */
export function recipient(original: string): Found | null {
  const text = normaliseTones(original).replace(/\*/g, " ");
  const units = unitsIn(text);
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const before = text.slice(Math.max(0, u.start - 30), u.start);
    if (!SEND_BEFORE.test(before)) continue;
    // Several bodies ("Bộ Công an, UBND tỉnh") and the route in brackets ("(qua Phòng ...)") belong to it.
    let end = u.end;
    for (let j = k + 1; j < units.length && /^\s*(?:,|và|,\s*và|;)?\s*(?:\(?\s*(?:qua|thông qua)\s+)?$/u.test(text.slice(end, units[j].start)); j++) end = units[j].end;
    const via = text.slice(end).match(/^\s*\((?:qua|thông qua)[^)]*\)/u);
    if (via) end += via[0].length;
    else if (text[end] === ")" && text.slice(u.start, end).includes("(")) end += 1;
    const strength = /(?:gửi|gởi|nộp|trình|báo cáo|chuyển|cung cấp)\s+(?:\S+\s+){0,2}$/iu.test(before) ? 1 : 0.7;
    const name = trimName(text.slice(u.start, end));
    return { start: u.start, end: u.start + name.length, text: name, strength };
  }
  return null;
}

// Where a unit in a sentence does the task: at its head (after list markers and a leading
// adverbial), or after "giao", "đề nghị", "yêu cầu", "chủ trì:", "do".
// A leading "Căn cứ ...,", "Trên cơ sở ...,", "Để ...," is an adverbial: the subject comes after it.
const DOER_BEFORE = /(?:^(?:[-–•+*\s]|\(?[\da-zđ]{1,3}[.)])*(?:(?:căn cứ|trên cơ sở|để|nhằm)\s[^,;:]{3,80},\s*)?|(?:giao(?: cho)?|đề nghị|yêu cầu|chủ trì|chủ trì là|đầu mối|do|bởi|phân công)\s*:?\s*(?:các\s+|những\s+)?)$/iu;

/** A unit that does the task: at the head of the sentence, or after "giao", "chủ trì", "đề nghị". */
export function unitHead(original: string): Found | null {
  const text = normaliseTones(original).replace(/\*/g, " ");
  for (const u of unitsIn(text)) {
    if (!DOER_BEFORE.test(text.slice(Math.max(0, u.start - 25), u.start))) continue;
    let end = u.end;
    for (const v of unitsIn(text, u.end)) {
      if (!/^\s*(?:,|và|,\s*và|;)\s*$/u.test(text.slice(end, v.start))) break;
      end = v.end;
    }
    const name = trimName(text.slice(u.start, end));
    return { start: u.start, end: u.start + name.length, text: name, strength: u.start < 8 ? 1 : 0.9 };
  }
  return null;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL = /(?:https?:\/\/|www\.)[^\s,;)“”"'*]+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.vn|vn|com|org|net)(?:\/[^\s,;)“”"'*]*)?/g;
const PHONE = /(?<![\d/])(?:\+84|0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?![\d/])/g;

/** An e-mail, web address or phone number. */
export function contact(original: string): Found | null {
  for (const re of [EMAIL, URL, PHONE]) {
    re.lastIndex = 0;
    const m = re.exec(original);
    if (m) return { start: m.index, end: m.index + m[0].length, text: m[0].replace(/[.]+$/, ""), strength: 1 };
  }
  return null;
}

export function email(original: string): Found | null {
  EMAIL.lastIndex = 0;
  const m = EMAIL.exec(original);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0], strength: 1 } : null;
}

/** A form, annex or outline named by the text: "Phụ lục II", "mẫu số 01", "đề cương kèm theo". */
export function annex(original: string): Found | null {
  return firstMatch(original, folded(original), /\b(?:phu luc(?:\s+(?:so\s+)?[\divxlc]+)?|mau(?:\s+so)?\s+\d+[\w/-]*|de cuong(?:\s+bao cao)?|bieu mau(?:\s+so\s+\d+)?)\b/g, (m) => (/\d|[ivx]$/.test(m[0]) || /de cuong|bieu mau/.test(m[0]) ? 1 : 0.6));
}

/** How something is sent or done: "qua Hệ thống mạng đấu thầu quốc gia", "bằng văn bản", an address. */
export function method(original: string): Found | null {
  const f = folded(original);
  const via = firstMatch(original, f, /\b(?:qua|tren|vao|bang|thong qua|truc tiep tai)\s+(?:he thong|phan mem|cong (?:thong tin|dich vu)|trang (?:thong tin|web)|ung dung|thu dien tu|email|van ban|ban dien tu|ban giay|mang|buu chinh|duong buu dien|zalo|hop thu)[^.;:]{0,80}/g, () => 1);
  return via ?? contact(original);
}

const MONEY = /\d[\d.,]*\s*(?:dong|trieu|ty|nghin|ngan|vnd)\b/g;

/** An amount of money: "5.000.000 đồng", "2 triệu". */
export function money(original: string): Found | null {
  return firstMatch(original, folded(original), MONEY, () => 1);
}

const FUNDING = /\b(?:tu|bang|do|thuoc|trong)\s+(?:cac\s+)?(?:nguon\s+)?(?:ngan sach|kinh phi|von|quy|nguon|xa hoi hoa|tai tro|dong gop|du toan)[^.;:]{0,100}/g;

/** Where money comes from: "từ nguồn ngân sách nhà nước hằng năm", "bằng nguồn xã hội hóa". */
export function funding(original: string): Found | null {
  return firstMatch(original, folded(original), FUNDING, (m) => (/nguon|ngan sach|von/.test(m[0].slice(0, 30)) ? 1 : 0.6));
}

/** A number that is not part of a date or a document symbol: "30%", "01 đồng chí", "80 điểm". */
export function quantity(original: string): Found | null {
  const f = folded(original);
  return firstMatch(original, f, /(?<![\d/.,])(\d+(?:[.,]\d+)?)(?![\d/])(\s*(?:%|phan tram|[a-z]+))?/g, (m) => {
    if (/^\s*[/-]\s*[a-z]/.test(f.slice(m.index! + m[1].length, m.index! + m[1].length + 4))) return 0;
    if (/%|phan tram/.test(m[2] ?? "")) return 1;
    return m[1].length === 4 || /^\s*(?:nam|thang|ngay|gio)$/.test(m[2] ?? "") ? 0 : 0.6;
  });
}

// Vietnamese family names: a run of two to four capitalised syllables starting with one is a person.
const SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Lương Đào Tạ Hà Cao Lâm Chu Thái Tô Văn Triệu Quách Lưu Doãn Kiều Khổng Từ Châu Tăng Mạc Vương Nông".split(" ");
const PERSON = new RegExp(`(?<![\\p{L}])(?:${SURNAMES.join("|")})(?:\\s+\\p{Lu}[\\p{Ll}\\p{M}]+){1,3}(?![\\p{L}])`, "gu");

/** A person's name: "Lê Minh Hưng", "Nguyễn Huy Hùng". */
export function person(original: string): Found | null {
  const text = normaliseTones(original);
  PERSON.lastIndex = 0;
  const m = PERSON.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0], strength: 1 } : null;
}
