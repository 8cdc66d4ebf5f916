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

/**
 * The casing the body gives the words of a lowered title: "... tỉnh sơn la" -> "... tỉnh Sơn La",
 * "sở khoa học và công nghệ" -> "Sở Khoa học và Công nghệ" when the body writes it so. A word takes
 * the capital the body gives it after the same word, in most of its occurrences not at the start
 * of a sentence; a word the body never writes after that word is left as it is.
 */
export function bodyCase(title: string, texts: string[]): string {
  const lower = (w: string) => w.toLowerCase(); // no Vietnamese-specific case rules; much faster than the locale form
  const words = title.split(" ");
  if (words.length < 2) return title;
  // Pairs of the title's words; the body votes on the casing of each word of a pair it writes.
  const wanted = new Set<string>();
  for (let i = 1; i < words.length; i++) wanted.add(`${lower(words[i - 1])} ${lower(words[i])}`);
  const votes = new Map<string, [number, number]>(); // "pair|0" (first word) or "pair|1" (second): [capital, lower]
  const strip = (w: string) => w.replace(/^[("“]+|[),.;:!?"”]+$/gu, "");
  for (const t of texts) {
    if (isAllCaps(t)) continue;
    const ws = t.split(/\s+/u);
    for (let i = 1; i < ws.length; i++) {
      const a = strip(ws[i - 1]);
      const b = strip(ws[i]);
      const key = `${lower(a)} ${lower(b)}`;
      if (!wanted.has(key) || /[.:;!?]$/u.test(ws[i - 1])) continue;
      const vote = (side: 0 | 1, w: string) => {
        const v = votes.get(`${key}|${side}`) ?? [0, 0];
        v[/^\p{Lu}/u.test(w) ? 0 : 1]++;
        votes.set(`${key}|${side}`, v);
      };
      vote(1, b);
      // The first word of a sentence is capitalised whatever it is.
      if (i - 1 > 0 && !/[.:;!?]$/u.test(ws[i - 2])) vote(0, a);
    }
  }
  return words
    .map((w, i) => {
      if (i === 0 || !/^\p{Ll}/u.test(w)) return w;
      let up = 0;
      let down = 0;
      for (const v of [votes.get(`${lower(words[i - 1])} ${lower(w)}|1`), i + 1 < words.length ? votes.get(`${lower(w)} ${lower(words[i + 1])}|0`) : undefined]) {
        if (!v) continue;
        up += v[0];
        down += v[1];
      }
      return up > down ? w.charAt(0).toLocaleUpperCase("vi") + w.slice(1) : w;
    })
    .join(" ");
}
