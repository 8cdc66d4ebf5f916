// Turning upper-case header and title lines into ordinary Vietnamese casing:
// "UỶ BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH" -> "Ủy ban nhân dân thị xã Hồng Lĩnh",
// "BAN DÂN VẬN TỈNH ỦY" -> "Ban Dân vận Tỉnh ủy", "PHÒNG NỘI VỤ" -> "Phòng Nội vụ".

const ACRONYMS = new Set(["UBND", "HĐND", "MTTQ", "UBMTTQ", "TQVN", "CT-XH", "TW", "TU", "CP", "XHCN", "VN", "CNTT", "BCĐ", "BCH", "TTg", "TT", "TP", "TM", "KT"]);
const ADMIN = new Set(["tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành", "trấn", "phố"]);
const ADMIN_START = new Set(["tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành"]);
const ORG_HEAD = new Set(["ban", "phòng", "sở", "cục", "tâm", "bộ", "hội"]);
const PARTY_COMMITTEE = new Set(["tỉnh", "huyện", "thành", "thị", "đảng", "quận"]);

const lower = (w: string) => w.toLocaleLowerCase("vi");
const capitalise = (w: string) => {
  const l = lower(w);
  return l.charAt(0).toLocaleUpperCase("vi") + l.slice(1);
};
const keep = (w: string) => ACRONYMS.has(w) || /\d/u.test(w) || /^[A-ZĐ]+(?:[-/][A-ZĐ]+)+$/u.test(w) || /^\p{P}+$/u.test(w);

/** Ordinary casing for an all-caps organisation or place name. */
export function nameCase(caps: string): string {
  const words = caps.trim().split(/\s+/u);
  const out: string[] = [];
  let proper = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const l = lower(w);
    const next = i + 1 < words.length ? lower(words[i + 1]) : "";
    const prev = i > 0 ? lower(words[i - 1]) : "";
    const prev2 = i > 1 ? lower(words[i - 2]) : "";
    if (keep(w)) out.push(w);
    else if (PARTY_COMMITTEE.has(l) && next === "ủy") {
      out.push(capitalise(w), "ủy");
      i++;
      proper = false;
    } else if (i === 0) out.push(capitalise(w));
    else if (ADMIN_START.has(l) && !proper) {
      out.push(l);
      // "thị xã", "thành phố", "thị trấn": the second word is part of the level too.
      if (ADMIN.has(next) && (l === "thị" || l === "thành")) out.push(lower(words[++i]));
      proper = true;
    } else if (proper) out.push(capitalise(w));
    // "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" -> "Sở Tài nguyên và Môi trường".
    // ... but not a topic after a longer name: "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn".
    else if (prev === "và" && words.slice(Math.max(0, i - 4), i - 1).some((x) => ORG_HEAD.has(lower(x)))) out.push(capitalise(w));
    else if (ORG_HEAD.has(prev) && !(prev === "ban" && prev2 === "ủy") && l !== "nhân") out.push(capitalise(w));
    else out.push(l);
  }
  return out.join(" ");
}

/** Lower-cases an all-caps phrase except abbreviations ("CÔNG TÁC DÂN VẬN NĂM 2023" -> "công tác dân vận năm 2023"). */
export function lowerCaps(caps: string): string {
  return caps
    .split(/(\s+)/u)
    .map((w) => (keep(w) ? w : lower(w)))
    .join("");
}

export function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toLocaleUpperCase("vi") && letters !== letters.toLocaleLowerCase("vi");
}
