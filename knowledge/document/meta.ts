// Plan metadata from the header block, title and signature: number, title, issuer, place, date,
// the years covered, and signers.
import type { Paragraph } from "../normalise";
import { yearSpanIn } from "../time";
import type { PlanMeta } from "../types";
import { bodyCase, isAllCaps, lowerCaps, nameCase } from "./casing";
import { kindOfNumber } from "./references";
import { isBackMatter, paragraphMarker } from "./sections";

const DOC_TYPE_RE = /^(KẾ HOẠCH|CHƯƠNG TRÌNH(?: PHỐI HỢP| HÀNH ĐỘNG| CÔNG TÁC)?|QUYẾT ĐỊNH|CHỈ THỊ|BÁO CÁO|HƯỚNG DẪN|THÔNG BÁO|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ(?: LIÊN TỊCH)?|CÔNG VĂN|CÔNG ĐIỆN|KẾT LUẬN|PHƯƠNG ÁN|TỜ TRÌNH)(?![\p{L}])/u;
// The line a saved web page starts with, naming where the copy came from ("# source: https://…").
const SOURCE_LINE = String.raw`#*\s*source\s*:`;
/** A saved page's source line: where the copy came from, not the document's own text. */
const SOURCE_LINE_RE = new RegExp(`^${SOURCE_LINE}`, "iu");
export const isSourceLine = (line: string): boolean => SOURCE_LINE_RE.test(line);
// Page furniture that is never metadata: the source line, links, table borders, a page's weekday date stamp.
const FURNITURE_RE = new RegExp(String.raw`^(?:${SOURCE_LINE}|https?:\/\/|www\.|\||(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật),?\s+(?:ngày\s+)?\d{1,2}\/\d{1,2}\/\d{4})`, "iu");
const NUMBER_VALUE_RE = /^(\d{1,6}[\p{L}\d./-]*\/[\p{L}\d./-]*[\p{L}Đđ][\p{L}\d./-]*)/u;
const MOTTO_RE = /^(?:CỘNG HÒA|CỘNG HOÀ|(?:XÃ )?HỘI CHỦ NGHĨA|CHỦ NGHĨA VIỆT NAM|VIỆT NAM$|ĐẢNG CỘNG SẢN|Độc lập|ĐỘC LẬP|-{3,}|_{3,})/u;
const NATIONAL_MOTTO_RE = /^(?:CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN VIỆT NAM)/u;

/**
 * Where the document itself starts in a pasted page: the issuer's upper-case lines just before the
 * national motto ("ỦY BAN NHÂN DÂN" / "TỈNH NGHỆ AN" / "CỘNG HÒA XÃ HỘI ..."). What comes before
 * (a portal's banners, copyright notes, a page's info table) is page furniture. 0 when there is no motto.
 */
export function documentStart(texts: string[]): number {
  const motto = texts.slice(0, 300).findIndex((t) => NATIONAL_MOTTO_RE.test(t));
  if (motto < 0) return 0;
  let from = motto;
  while (from > 0 && motto - from < 5 && texts[from - 1] && isAllCaps(texts[from - 1]) && !DOC_TYPE_RE.test(texts[from - 1]) && texts[from - 1].length <= 80) from--;
  return from;
}

/** The first paragraph of the body: after the header block, the type line and title, and the "Kính gửi" list. */
export function bodyStart(text: string, paragraphs: Paragraph[]): number {
  const texts = paragraphs.map((p) => text.slice(p.start, p.end)).map((t) => (FURNITURE_RE.test(t) ? "" : t));
  const from = documentStart(texts);
  const title = titleOf(texts, from);
  let k = title ? title.index + 1 : from;
  for (let i = k; i < Math.min(texts.length, k + 12); i++) {
    const t = texts[i];
    if (!t || MOTTO_RE.test(t) || NUMBER_RE.test(t) || PLACE_DATE_RE.test(t) || /^V\/v\b/iu.test(t) || (isAllCaps(t) && t.length <= 120)) k = i + 1;
    else if (/^Kính gửi/u.test(t)) {
      k = i + 1;
      while (k < texts.length && /^[-–+•*]\s*\S/u.test(texts[k])) k++;
      i = k - 1;
    } else break;
  }
  return k < paragraphs.length ? paragraphs[k].start : text.length;
}
const PLACE_DATE_RE = /^([\p{L}][\p{L} .'’-]{1,40}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u;
const NUMBER_RE = /^Số\s*:?\s*(.*)$/u;
const BODY_START_RE = /^(?:Căn cứ|Kính gửi)|\ssố\s+\d|\d+\/[\p{L}Đđ]/u;
// In upper case a number is the title's ("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG ..."): only these open the body.
const CAPS_BODY_START_RE = /^(?:CĂN CỨ|KÍNH GỬI)/u;
const ISSUER_IN_TEXT_RE =
  /((?:(?:UBND|Ủy ban nhân dân|Ban|Phòng|Sở|Văn phòng|Đảng ủy|Thường trực)\s[^,;:.]{2,80}?)(?:\s+và\s+(?:UBND|Ủy ban nhân dân|Ban|Phòng|Sở|Văn phòng|Đảng ủy)\s[^,;:.]{2,80}?)?)\s*,?\s+(?:xây dựng|ban hành|thống nhất)\s+(?:ban hành\s+)?(?:[Kk]ế hoạch|[Cc]hương trình|[Nn]ội dung)/u;
const SURNAMES = new Set(
  "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lương Trương Mai Cao Lâm Hà Tô Tạ Châu Thái Kiều Chu Đoàn Trịnh Quách Lưu Triệu Vương Thân La Phùng Từ Tăng Hứa Mạc Lục Âu Giang Doãn Khúc Nông Lò Kim Thạch Danh Sơn Lạc Văn Đàm Tống Khổng Diệp Ninh Viên Bạch Mạnh Quan Hàn Cù Lã Trịnh Y".split(" "),
);

function expandUbnd(s: string): string {
  return s.replace(/^UBND\b/u, "Ủy ban nhân dân");
}

const CHILD_ORG_RE = /^(?:SỞ|PHÒNG|BAN|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|CỤC|ĐẢNG ỦY|CÔNG AN|TRƯỜNG|BỆNH VIỆN|ĐÀI|THANH TRA|KHO BẠC|BẢO HIỂM)\s/u;

/** The issuer from the header's capital lines: "UBND TỈNH LÀO CAI" + "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" -> "Sở Thông tin và Truyền thông tỉnh Lào Cai". */
// A body that issues on its own; after a complete name ending in its place, it is a second issuer
// ("HỘI NÔNG DÂN TỈNH NGHỆ AN" then "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN": a joint programme).
const BODY_RE = /^(?:ỦY BAN NHÂN DÂN|UBND|ỦY BAN MẶT TRẬN|MẶT TRẬN|HỘI|LIÊN ĐOÀN|ĐOÀN THANH NIÊN|TỈNH ĐOÀN|HUYỆN ĐOÀN|THÀNH ĐOÀN)\s/u;
const PLACED_RE = /(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ XÃ|THÀNH PHỐ|QUẬN|THỊ TRẤN)\s+\S.*$/u;

function headerIssuer(lines: string[]): string | null {
  if (!lines.length) return null;
  const second = lines.findIndex((l, i) => i > 0 && BODY_RE.test(l) && PLACED_RE.test(lines[i - 1]) && PLACED_RE.test(l));
  if (second > 0) {
    // Same place: two bodies issuing together. Another place: the superior body over the issuer
    // ("ỦY BAN NHÂN DÂN THỊ XÃ NINH HÒA" above "ỦY BAN NHÂN DÂN PHƯỜNG NINH HIỆP").
    const own = headerIssuer(lines.slice(second));
    const place = (l: string) => PLACED_RE.exec(l)![0];
    return place(lines[second - 1]) === place(lines[second]) ? `${headerIssuer(lines.slice(0, second))} và ${own}` : own;
  }
  const child = lines.findIndex((l, i) => i > 0 && CHILD_ORG_RE.test(l));
  if (child < 0) return nameCase(lines.join(" "));
  const parent = nameCase(lines.slice(0, child).join(" "));
  const locality = /(?:tỉnh|huyện|xã|phường|thị xã|thành phố|quận|thị trấn)\s.+$/u.exec(parent)?.[0];
  const own = nameCase(lines.slice(child).join(" "));
  return locality && !own.includes(locality) ? `${own} ${locality}` : own;
}

/** An upper-case title lowered keeps its closing place name: "... tỉnh bắc ninh" -> "... tỉnh Bắc Ninh". */
function placeNames(t: string): string {
  return t.replace(/(?<=(?:^|\s)(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|đặc khu)\s)((?:\p{Ll}+\s?){1,3})$/u, (m) => m.replace(/(^|\s)(\p{Ll})/gu, (_x, sp: string, c: string) => sp + c.toLocaleUpperCase("vi")));
}

// The enacting authority stands on its own line between the title and "Căn cứ ...":
// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "ỦY BAN NHÂN DÂN TỈNH SƠN LA", "CHÍNH PHỦ".
const AUTHORITY_RE = /^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|ỦY BAN|UỶ BAN|CHÍNH PHỦ|HỘI ĐỒNG|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|TRƯỞNG BAN|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|THƯỜNG TRỰC)(?![\p{L}])/u;
function isAuthorityLine(texts: string[], j: number): boolean {
  return AUTHORITY_RE.test(texts[j]) && /^(?:Căn cứ|Xét|Theo đề nghị)/u.test(texts[j + 1] ?? "");
}

/**
 * `text` (upper case) with the upper-case paragraphs from `from` on that continue it: at most three,
 * 500 characters in all, up to a type line, the body's first words or the enacting authority (and
 * whatever `stop` says ends it). `last`: the last paragraph taken, null when none.
 */
function capsRun(texts: string[], text: string, from: number, stop: (t: string) => boolean = () => false): { text: string; last: number | null } {
  let last: number | null = null;
  for (let j = from; j < Math.min(texts.length, from + 3) && isAllCaps(text) && isAllCaps(texts[j]) && text.length + texts[j].length <= 500 && !DOC_TYPE_RE.test(texts[j]) && !CAPS_BODY_START_RE.test(texts[j]) && !isAuthorityLine(texts, j) && !stop(texts[j]); j++) {
    text = `${text} ${texts[j]}`;
    last = j;
  }
  return { text, last };
}

/** The type line and title from `start`; `caps`: the title was upper case (see bodyCase, applied once by extractMeta). */
function titleOf(texts: string[], start: number): { title: string; kind: string; index: number; caps: boolean } | null {
  for (let i = start; i < Math.min(texts.length, start + 25); i++) {
    const t = texts[i];
    const m = DOC_TYPE_RE.exec(t);
    if (!m) continue;
    const kind = m[1].charAt(0) + m[1].slice(1).toLocaleLowerCase("vi");
    let rest = t.slice(m[0].length).trim();
    let last = i;
    if (!rest && i + 1 < texts.length) {
      const next = texts[i + 1];
      if (next.length <= 500 && (!BODY_START_RE.test(next) || (isAllCaps(next) && !CAPS_BODY_START_RE.test(next))) && !paragraphMarker(next) && !/:$/u.test(next)) {
        rest = next;
        last = i + 1;
        // A title broken over upper-case lines ("BAN HÀNH QUY ĐỊNH ..." + "TỈNH BẮC NINH"; a PDF's
        // centred title cut after its first word: "THỰC" + "HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG ...").
        const run = capsRun(texts, rest, i + 2);
        rest = run.text;
        last = run.last ?? last;
      }
    }
    const caps = !!rest && isAllCaps(rest);
    if (rest) rest = caps ? placeNames(lowerCaps(rest)) : rest.charAt(0).toLocaleLowerCase("vi") + rest.slice(1);
    // Keep proper nouns that lowerCaps or the first-letter change lowered: names after "giữa"/"của" are left as written.
    return { title: rest ? `${kind} ${rest}` : kind, kind, index: last, caps };
  }
  return null;
}

/** Header lines that are not a title: the motto, the number, the place and date. */
function isLayoutText(t: string): boolean {
  return MOTTO_RE.test(t) || NUMBER_RE.test(t) || PLACE_DATE_RE.test(t) || /^(?:TM\.|KT\.|Nơi nhận|Kính gửi)/u.test(t);
}

function isName(t: string): boolean {
  const words = t.split(/\s+/u);
  if (words.length < 2 || words.length > 5) return false;
  if (!words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w))) return false;
  return SURNAMES.has(words[0]);
}

/** "- Các sở, ban, ngành;" items after a "Kính gửi:" or "Nơi nhận:" line (or the rest of that line), without "Lưu: ...". */
function listAfter(texts: string[], at: number, label: RegExp): string[] {
  const out: string[] = [];
  const clean = (t: string) => t.replace(/^[-–+•*]\s*/u, "").replace(/[;,.]+$/u, "").trim();
  const rest = texts[at].replace(label, "").trim();
  if (rest) for (const part of rest.split(/;\s*/u)) if (clean(part)) out.push(clean(part));
  for (let i = at + 1; i < Math.min(texts.length, at + 40); i++) {
    const t = texts[i];
    if (!/^[-–+•*]\s*\S/u.test(t) || /^[-–+•*]\s*Lưu\b/u.test(t)) break;
    out.push(clean(t));
  }
  return out.filter((x) => x.length > 1 && x.length <= 200);
}

export function extractMeta(text: string, paragraphs: Paragraph[], fallbackTitle: string): PlanMeta {
  const texts = paragraphs.map((p) => text.slice(p.start, p.end)).map((t) => (FURNITURE_RE.test(t) ? "" : t));
  const from = documentStart(texts);
  const firstSection = texts.findIndex((t, i) => i >= from && paragraphMarker(t) !== null);
  const head = texts.slice(from, firstSection < 0 ? Math.min(texts.length, from + 25) : firstSection);

  let number: string | null = null;
  let place: string | null = null;
  let date: string | null = null;
  const headerCaps: string[] = [];
  let headerDone = false;
  for (let i = 0; i < head.length; i++) {
    const t = head[i];
    if (!t) continue;
    const n = NUMBER_RE.exec(t);
    if (n && number === null) {
      // "Số:" with the number on the next line ("Số:" / "86/2025/QĐ-UBND").
      const v = (n[1].trim() || (head[i + 1] ?? "")).trim();
      number = NUMBER_VALUE_RE.exec(v)?.[1].replace(/[.,;]+$/u, "") ?? null;
      headerDone = true;
      continue;
    }
    const pd = PLACE_DATE_RE.exec(t);
    if (pd && !place) {
      place = pd[1].trim();
      date = [pd[2], pd[3], pd[4]].filter(Boolean).map((x) => String(Number(x))).join("/");
      headerDone = true;
      continue;
    }
    if (MOTTO_RE.test(t)) continue;
    if (!headerDone && isAllCaps(t) && !DOC_TYPE_RE.test(t)) headerCaps.push(t);
    // A web page's title and menu lines may come before the header.
    else if (headerCaps.length || i >= 3) headerDone = true;
  }

  // A Công văn has no type line: its number and "V/v" subject name it.
  const subjectAt = texts.slice(0, 60).findIndex((t) => /^V\/v\b/iu.test(t));
  let subject = subjectAt >= 0 ? texts[subjectAt].replace(/^V\/v\.?\s*/iu, "").trim() || null : null;
  // An upper-case subject goes on over the upper-case lines after it ("V/V KHẨN TRƯƠNG THỐNG" + "KÊ, RÀ SOÁT, ...").
  if (subject) subject = capsRun(texts, subject, subjectAt + 1, isLayoutText).text;
  if (subject && isAllCaps(subject)) subject = bodyCase(placeNames(lowerCaps(subject)), texts);
  const found = titleOf(texts, from);
  // A "V/v" subject line is the mark of a công văn, whatever its symbol ("5282/CT-CS" is the tax department's).
  const kind = found?.kind ?? (subject ? "Công văn" : number ? kindOfNumber(number) : null);
  // A portal article's own heading (not an upper-case page block such as "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI").
  const headingAt = paragraphs.slice(from, from + 8).findIndex((p, k) => p.heading && texts[from + k].length > 10 && texts[from + k].length < 200 && !isAllCaps(texts[from + k]) && !/:$/u.test(texts[from + k]));
  const title =
    (found && (found.caps ? bodyCase(found.title, texts) : found.title)) ??
    (subject ? `${kind ?? "Công văn"} ${number ? `số ${number} ` : ""}về việc ${subject}` : null) ??
    (headingAt >= 0 ? texts[from + headingAt] : null) ??
    (kind && number ? `${kind} số ${number}` : fallbackTitle);

  let issuer = headerIssuer(headerCaps);
  if (!issuer) {
    const from = found ? found.index + 1 : 0;
    for (let i = from; i < Math.min(texts.length, from + 6) && !issuer; i++) {
      const m = ISSUER_IN_TEXT_RE.exec(texts[i]);
      if (m) issuer = expandUbnd(m[1].trim().replace(/^nay\s+/u, ""));
    }
  }

  // Signers: person names after the body (near "TM."/"KT." lines, before or after "Nơi nhận").
  const signers: string[] = [];
  const tailFrom = Math.max(0, texts.length - 40);
  let inDistribution = false;
  for (let i = tailFrom; i < texts.length; i++) {
    const t = texts[i];
    if (isBackMatter(t)) {
      inDistribution = true;
      continue;
    }
    if (inDistribution && /^[-–+]/u.test(t)) continue;
    if (isName(t) && !signers.includes(t)) signers.push(t);
  }

  const addressAt = texts.slice(0, 80).findIndex((t) => /^Kính gửi\s*:?/u.test(t));
  const addressees = addressAt >= 0 ? listAfter(texts, addressAt, /^Kính gửi\s*:?/u) : [];
  let recipients: string[] = [];
  const distribution = texts.findIndex((t) => /^Nơi nhận\s*:?/u.test(t));
  if (distribution >= 0) recipients = listAfter(texts, distribution, /^Nơi nhận\s*:?/u);
  // A Quyết định that issues a plan or rules: the attached document's own type line after the signature.
  let attached: { kind: string; title: string } | null = null;
  if (found && /^Quyết định/u.test(found.kind) && distribution >= 0) {
    const next = titleOf(texts, distribution + 1);
    if (next && next.kind !== "Quyết định") attached = { kind: next.kind, title: next.title };
  }
  return { number, title, issuer, place, date, period: yearSpanIn(title), signers, kind, subject, addressees, recipients, attached };
}
