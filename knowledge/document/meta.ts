// Plan metadata from the header block, title and signature: number, title, issuer, place, date,
// the years covered, and signers.
import type { Paragraph } from "../normalise";
import type { PlanMeta } from "../types";
import { isAllCaps, lowerCaps, nameCase } from "./casing";
import { isBackMatter, paragraphMarker } from "./sections";

const DOC_TYPE_RE = /^(KẾ HOẠCH|CHƯƠNG TRÌNH(?: PHỐI HỢP| HÀNH ĐỘNG| CÔNG TÁC)?|QUYẾT ĐỊNH|CHỈ THỊ|BÁO CÁO|HƯỚNG DẪN|THÔNG BÁO|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|NGHỊ QUYẾT|CÔNG VĂN|PHƯƠNG ÁN)(?![\p{L}])/u;
const MOTTO_RE = /^(?:CỘNG HÒA|Độc lập|ĐỘC LẬP|-{3,}|_{3,})/u;
const PLACE_DATE_RE = /^([\p{L}][\p{L} .'’-]{1,40}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u;
const NUMBER_RE = /^Số\s*:?\s*(.*)$/u;
const BODY_START_RE = /^(?:Căn cứ|Kính gửi)|\ssố\s+\d|\d+\/[\p{L}Đđ]/u;
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

function titleOf(texts: string[], start: number): { title: string; index: number } | null {
  for (let i = start; i < Math.min(texts.length, start + 25); i++) {
    const t = texts[i];
    const m = DOC_TYPE_RE.exec(t);
    if (!m) continue;
    const kind = m[1].charAt(0) + m[1].slice(1).toLocaleLowerCase("vi");
    let rest = t.slice(m[0].length).trim();
    let last = i;
    if (!rest && i + 1 < texts.length) {
      const next = texts[i + 1];
      if (next.length <= 250 && !BODY_START_RE.test(next) && !paragraphMarker(next) && !/:$/u.test(next)) {
        rest = next;
        last = i + 1;
      }
    }
    if (rest) rest = isAllCaps(rest) ? lowerCaps(rest) : rest.charAt(0).toLocaleLowerCase("vi") + rest.slice(1);
    // Keep proper nouns that lowerCaps or the first-letter change lowered: names after "giữa"/"của" are left as written.
    return { title: rest ? `${kind} ${rest}` : kind, index: last };
  }
  return null;
}

function periodOf(title: string): { from: number; to: number } | null {
  const range = /(\d{4})\s*[-–—]\s*(\d{4})/u.exec(title);
  if (range) return { from: Number(range[1]), to: Number(range[2]) };
  const year = /năm\s+(\d{4})/u.exec(title) ?? /\b(20\d{2})\b/u.exec(title);
  return year ? { from: Number(year[1]), to: Number(year[1]) } : null;
}

function isName(t: string): boolean {
  const words = t.split(/\s+/u);
  if (words.length < 2 || words.length > 5) return false;
  if (!words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w))) return false;
  return SURNAMES.has(words[0]);
}

export function extractMeta(text: string, paragraphs: Paragraph[], fallbackTitle: string): PlanMeta {
  const texts = paragraphs.map((p) => text.slice(p.start, p.end));
  const firstSection = texts.findIndex((t) => paragraphMarker(t) !== null);
  const head = texts.slice(0, firstSection < 0 ? Math.min(texts.length, 25) : firstSection);

  let number: string | null = null;
  let place: string | null = null;
  let date: string | null = null;
  const headerCaps: string[] = [];
  let headerDone = false;
  for (let i = 0; i < head.length; i++) {
    const t = head[i];
    const n = NUMBER_RE.exec(t);
    if (n && number === null) {
      const v = n[1].trim();
      number = /^\d/u.test(v) ? v.split(/\s+/u)[0] : null;
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

  const found = titleOf(texts, 0);
  const title = found?.title ?? (head.find((t) => t.length > 10 && t.length < 200) || fallbackTitle);

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

  return { number, title, issuer, place, date, period: periodOf(title), signers };
}
