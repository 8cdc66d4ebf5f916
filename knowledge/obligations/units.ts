// Unit names in a clause: "Phòng Nội vụ", "Ủy ban nhân dân các phường, xã",
// "Ủy ban nhân dân thị xã (qua phòng Nội vụ)". A name starts at an organisation head and runs
// until a verb, a stop word or punctuation.
import { HEADING_HEADS, ORG_HEADS, TASK_VERBS, UNIT_STOP_WORDS, UNIT_WORDS } from "./vocabulary";

export interface UnitMatch {
  start: number;
  end: number;
  name: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
// "Ban" is not a head in the verb "ban hành", nor "Trường" (school) in "Trường hợp" (in case ...).
const NOT_A_HEAD: Record<string, string> = { Ban: "Ban(?!\\s+hành)", Trường: "Trường(?!\\s+hợp)" };
const alt = (xs: string[]) =>
  [...xs]
    .sort((a, b) => b.length - a.length)
    .map((x) => NOT_A_HEAD[x] ?? esc(x))
    .join("|");

// Capitalised heads match as written; "phòng"/"ủy ban nhân dân" in lower case only before a capitalised name.
// No lookbehind at the start: it makes V8 try every alternative at every position (four times slower);
// the character before a match is checked by nextHead instead.
const HEAD_RE = new RegExp(`(?:${alt(ORG_HEADS.filter((h) => h !== "phòng" && h !== "ủy ban nhân dân"))}|(?:phòng|ủy ban nhân dân)(?=\\s+\\p{Lu}))(?![\\p{L}])`, "gu");
const HEAD_AT_RE = new RegExp(`^(?:${alt(ORG_HEADS.filter((h) => h !== "phòng" && h !== "ủy ban nhân dân"))}|(?:phòng|ủy ban nhân dân)(?=\\s+\\p{Lu}))(?![\\p{L}])`, "u");
const HEADING_HEAD_RE = new RegExp(`^(?:${alt(HEADING_HEADS)})(?![\\p{L}])`, "u");
const VERB_AT_RE = new RegExp(`^(?:${alt(TASK_VERBS)})(?![\\p{L}])`, "u");
const STOP_AT_RE = new RegExp(`^(?:${alt([...UNIT_STOP_WORDS, "trực tiếp", "phụ trách", "cùng cấp"])})(?![\\p{L}])`, "u");

const PLACE_WORDS = new Set(["xã", "phường", "huyện", "tỉnh", "thị", "thành", "quận", "trấn"]);
const TOPIC_HEAD_RE = /^(?:Ban Chỉ đạo|Ban Chỉ huy|Hội đồng|Tổ công tác|Tổ giúp việc)$/u;

// Lower-case words that start another unit after "và".
const AND_STARTS_UNIT = new Set(["các", "cơ", "đơn", "ban", "phòng", "ủy", "hội", "đoàn", "ngành", "cấp", "người", "thủ", "lãnh", "chủ", "phó", "giám", "sở", "trung", "nhân", "tổ", "công", "cán"]);

const NOT_BEFORE_HEAD = /[\p{L}\d/-]/u;

/** The next organisation head at or after `from` that is not inside a word or a symbol. */
function nextHead(s: string, from: number): RegExpExecArray | null {
  HEAD_RE.lastIndex = from;
  for (let m; (m = HEAD_RE.exec(s)); ) {
    if (m.index === 0 || !NOT_BEFORE_HEAD.test(s[m.index - 1])) return m;
    HEAD_RE.lastIndex = m.index + 1;
  }
  return null;
}

export function isVerbAt(s: string, i: number): boolean {
  return VERB_AT_RE.test(s.slice(i, i + 24));
}

/** The unit name starting at `start` (which must be at an organisation head), or null. */
export function unitAt(s: string, start: number): UnitMatch | null {
  const head = HEAD_AT_RE.exec(s.slice(start, start + 40));
  if (!head) return null;
  let end = start + head[0].length;
  // A committee's name goes on with its topic in lower case: "Ban Chỉ đạo công tác dân vận thị xã".
  let topic = TOPIC_HEAD_RE.test(head[0]) ? 8 : 0;
  let words = 0;
  let compound = 0;
  let named = false; // a capitalised word of the name's own came after the head
  for (;;) {
    const r = s.slice(end, end + 120);
    const paren = /^\s*\([^()]{1,80}\)/u.exec(r);
    if (paren) {
      end += paren[0].length;
      continue;
    }
    const dash = /^\s+[-–]\s+(?=\p{L})/u.exec(r);
    if (dash) {
      end += dash[0].length;
      continue;
    }
    // "các Bộ: Nông nghiệp và Môi trường; Xây dựng", "Giám đốc các Sở: Tài chính, Nội vụ": one head
    // shared by a list of names.
    const listed = /^\s*:\s*(?=\p{Lu})/u.exec(r);
    if (listed && SHARED_HEAD_RE.test(s.slice(Math.max(0, start - 6), end))) {
      end = sharedHeadList(s, end + listed[0].length);
      break;
    }
    const comma = /^\s*,\s*/u.exec(r);
    if (comma) {
      const after = r.slice(comma[0].length);
      // "Ban Chỉ huy phòng, chống thiên tai": the fixed pair "phòng, chống" inside a topic.
      if (topic > 0 && /phòng$/u.test(s.slice(start, end)) && /^chống\s/u.test(after)) {
        end += comma[0].length;
        continue;
      }
      // "Phòng Văn hóa, Khoa học và Thông tin", "Bộ Văn hóa, Thể thao và Du lịch": a capitalised list ending in "và".
      if (named && /^\p{Lu}\p{Ll}*(?:\s+\p{Ll}+)?\s+và\s+\p{Lu}/u.test(after) && !HEAD_AT_RE.test(after)) {
        end += comma[0].length;
        continue;
      }
      const next = /^[\p{L}]+/u.exec(after)?.[0] ?? "";
      if (/^\p{Ll}/u.test(after) && UNIT_WORDS.has(next) && !VERB_AT_RE.test(after) && !STOP_AT_RE.test(after)) {
        end += comma[0].length;
        continue;
      }
      break;
    }
    const and = /^\s+và\s+/u.exec(r);
    if (and) {
      const after = r.slice(and[0].length);
      // "Sở Tài nguyên và Môi trường"; in lower case "Trung tâm Quan trắc tài nguyên và môi trường",
      // but not "Phòng Nội vụ và các đơn vị" (a second unit).
      const next = /^[\p{L}]+/u.exec(after)?.[0] ?? "";
      const lowerPart = (named && UNIT_WORDS.has(next)) || topic > 0 ? /^\p{Ll}/u.test(after) && !AND_STARTS_UNIT.has(next) && !VERB_AT_RE.test(after) : false;
      if ((/^\p{Lu}/u.test(after) && !HEAD_AT_RE.test(after)) || lowerPart) {
        end += and[0].length;
        continue;
      }
      break;
    }
    const word = /^\s*([\p{L}\d][\p{L}\p{M}\d/-]*)/u.exec(r);
    if (!word) break;
    const at = r.slice(word[0].length - word[1].length);
    if (VERB_AT_RE.test(at) || STOP_AT_RE.test(at) || ++words > 14) break;
    // A capitalised verb after a lower-case word starts the next sentence ("... và các đoàn thể Phối hợp ...").
    if (/^\p{Lu}/u.test(word[1]) && /(?:^|\s)\p{Ll}+$/u.test(s.slice(start, end)) && VERB_AT_RE.test(at.charAt(0).toLowerCase() + at.slice(1))) break;
    // Lower-case words: those of unit names, or up to three continuing a capitalised name word
    // ("Phòng Công nghệ thông tin"); after a head such as "Sở", other words end the name.
    if (/^\p{Ll}/u.test(word[1])) {
      if (PLACE_WORDS.has(word[1])) topic = 0;
      if (topic > 0 && !PLACE_WORDS.has(word[1])) topic--;
      else if (UNIT_WORDS.has(word[1])) compound = 0;
      else if (compound > 0 && compound <= 3) compound++;
      else break;
    } else {
      compound = HEAD_AT_RE.test(at) ? 0 : 1;
      named ||= compound === 1;
    }
    end += word[0].length;
  }
  const name = s.slice(start, end).replace(/[\s,.;:]+$/u, "");
  // A bare head word is not a unit: "Trường hợp ..." (in case), "Sở" alone.
  if (!/\s/u.test(name)) return null;
  return { start, end: start + name.length, name };
}

const SHARED_HEAD_RE = /(?:^|\s)(?:các|những)\s+(?:Bộ|Sở|Ban|Phòng|cơ quan)$/u;
// In such a list a person's title or another body starts the next unit; "Công an", "Tư pháp" are names in it.
const NEXT_UNIT_RE = /^(?:Chủ tịch|Phó Chủ tịch|Thủ trưởng|Giám đốc|Thủ tướng|Trưởng|Phó|Người đứng đầu|Bộ trưởng|Ủy ban|UBND|Hội đồng|HĐND|Văn phòng|Ban|Đảng ủy|Tỉnh ủy|Thành ủy)(?![\p{L}])/u;

/** The end of a list of names after a shared head ("Nông nghiệp và Môi trường; Xây dựng; Khoa học và Công nghệ"). */
function sharedHeadList(s: string, pos: number): number {
  let end = pos;
  for (let items = 0; items < 15; items++) {
    let p = end;
    let lower = 0;
    let words = 0;
    for (;;) {
      const w = /^\s*([\p{L}\p{M}]+)/u.exec(s.slice(p, p + 40));
      if (!w) break;
      const at = p + w[0].length - w[1].length;
      if (w[1] === "và") {
        // "Nông nghiệp và Môi trường" goes on; "... và Thủ trưởng các cơ quan" starts another unit.
        const next = /^và\s+(?=\p{Lu})/u.exec(s.slice(at, at + 10));
        if (!next || NEXT_UNIT_RE.test(s.slice(at + next[0].length, at + next[0].length + 40))) break;
        p = at + next[0].length;
        continue;
      }
      if (/^\p{Lu}/u.test(w[1])) {
        if (words > 0 && NEXT_UNIT_RE.test(s.slice(at, at + 40))) break;
        lower = 0;
      } else if (isVerbAt(s, at) || STOP_AT_RE.test(s.slice(at, at + 24)) || ++lower > 2) break;
      p = at + w[1].length;
      words++;
    }
    if (!words) break;
    end = p;
    const sep = /^\s*[,;]\s*(?=\p{Lu})/u.exec(s.slice(end, end + 8));
    if (!sep || NEXT_UNIT_RE.test(s.slice(end + sep[0].length, end + sep[0].length + 40))) break;
    end += sep[0].length;
  }
  return end;
}

/** Every unit name within [from, to), in order, not overlapping. */
export function unitsIn(s: string, from = 0, to = s.length): UnitMatch[] {
  const out: UnitMatch[] = [];
  let at = from;
  let m: RegExpExecArray | null;
  while ((m = nextHead(s, at)) && m.index < to) {
    at = HEAD_RE.lastIndex;
    const u = unitAt(s, m.index);
    if (!u) continue;
    const end = Math.min(u.end, to);
    out.push({ start: u.start, end, name: s.slice(u.start, end).replace(/[\s,.;:]+$/u, "") });
    at = Math.max(u.end, m.index + 1);
  }
  return out;
}

/** Units listed from `start`: "X, Y và Z" or "X; Y" (stops at the first gap that is not a separator). */
export function unitListAt(s: string, start: number): UnitMatch[] {
  const out: UnitMatch[] = [];
  let pos = start;
  for (;;) {
    const skip = /^\s*/u.exec(s.slice(pos))![0].length;
    const u = unitAt(s, pos + skip);
    if (!u) break;
    out.push(u);
    const sep = /^\s*(?:,|;|và|,\s*và)\s+/u.exec(s.slice(u.end, u.end + 8));
    if (!sep) break;
    pos = u.end + sep[0].length;
  }
  return out;
}

/** A section heading that names a unit ("Phòng Nội vụ", "Ban Dân vận Tỉnh ủy có trách nhiệm", "Đề nghị Ban Dân vận Đảng ủy xã"). */
export function headingUnit(title: string): string | null {
  const t = title.replace(/^(?:Đề nghị|Giao|Trách nhiệm của|Đối với|Nhiệm vụ của)\s+/u, "").trim();
  if (!HEADING_HEAD_RE.test(t) || t.length > 120) return null;
  const name = t.replace(/\s+(?:có trách nhiệm|chịu trách nhiệm|thực hiện|chủ trì)(?:\s.*)?$/u, "").replace(/[:.;,]$/u, "").trim();
  // A heading that goes on with a task ("Phòng Nội vụ chủ trì tổ chức ...") keeps only the name.
  const u = unitAt(name, 0);
  if (u && u.end < name.length && /^\s+\p{Ll}/u.test(name.slice(u.end)) && isVerbAt(name, u.end + 1)) return u.name;
  return name;
}
