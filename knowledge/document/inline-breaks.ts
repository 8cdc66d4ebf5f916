// Where a long line pasted from a web page holds several paragraphs: "I. MỤC ĐÍCH, YÊU CẦU 1. Khai
// thác ... 2. Phân công ... II. NHIỆM VỤ ...", "QUYẾT ĐỊNH: Điều 1. ... Điều 2. ...", "Nơi nhận: -
// Như Điều 3; - UBND tỉnh (b/c)". A marker counts only where a sentence or heading ends before it
// and it continues its list (1. then 2., I. then II., a) then b)), so numbers in prose stay put.

const ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

// After a sentence end, a colon or semicolon, or an upper-case heading word.
const BOUNDARY_BEFORE = /(?:[.:;!?]["”)]?|\p{Lu}{2,}[,]?|\d{4})\s+$/u;
const CANDIDATE_RE =
  /(?<=\s)(?:(Điều\s+\d{1,3}\.)\s|([IVX]{1,4})\.\s+(?=\p{Lu})|(\d{1,2})\.\s+(?=\p{Lu})|([a-zđ])\)\s+(?=\p{L})|([-–])\s+(?=\p{Lu})|(Nơi nhận\s*:|QUYẾT ĐỊNH\s*:|Căn cứ\s|TM\.\s|KT\.\s|Số\s*:\s*\d|Trên đây là\s|Trong quá trình\s|(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH)\s+(?=\p{Lu}\p{Ll})|\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,3},\s+ngày\s+\d{1,2}\s+tháng))/gu;

/** Offsets (within `line`) where a new paragraph starts; empty unless at least two list markers were found. */
export function inlineBreaks(line: string): number[] {
  if (line.length < 60) return [];
  const out: number[] = [];
  let roman = 0;
  let arabic = 0;
  let letter = "";
  let markers = 0;
  const keywordOnly: number[] = [];
  for (const m of line.matchAll(CANDIDATE_RE)) {
    const before = line.slice(Math.max(0, m.index - 40), m.index);
    const [, article, rom, num, let_, dash, word] = m;
    if (article) {
      if (!BOUNDARY_BEFORE.test(before)) continue;
      arabic = 0;
      letter = "";
      markers++;
    } else if (rom) {
      if (ROMANS[roman] !== rom || !BOUNDARY_BEFORE.test(before)) continue;
      roman++;
      arabic = 0;
      letter = "";
      markers++;
    } else if (num) {
      const n = Number(num);
      if ((n !== 1 && n !== arabic + 1) || !BOUNDARY_BEFORE.test(before)) continue;
      arabic = n;
      letter = "";
      markers++;
    } else if (let_) {
      const expected = letter ? String.fromCharCode(letter.charCodeAt(0) + 1) : "a";
      if (let_ !== expected || !/[.:;]\s+$/u.test(before)) continue;
      letter = let_;
      markers++;
    } else if (dash) {
      if (!/[:;]\s+$/u.test(before)) continue;
    } else if (word) {
      if (/^Căn cứ/u.test(word) && !/(?:;|\p{Lu}{2,})\s+$/u.test(before)) continue;
      if (/^(?:TM|KT)\./u.test(word) && !/[.;]\s+$/u.test(before)) continue;
      if (/^(?:Trên đây|Trong quá trình)/u.test(word) && !/[.;]\s+$/u.test(before)) continue;
      // The header's number and "Place, ngày ... tháng" follow upper-case words or a document number.
      if (/^Số/u.test(word) && !/\p{Lu}{2,}\s+$/u.test(before)) continue;
      if (/ngày/u.test(word) && !/\S+\/\S+\s+$/u.test(before)) continue;
      keywordOnly.push(m.index);
    }
    out.push(m.index);
  }
  if (markers >= 2) return out;
  // A header line ("ỦY BAN NHÂN DÂN ... Số: 1520/QĐ-UBND Bảo Lộc, ngày ...") splits at its parts alone.
  return /^\p{Lu}{2,}\s+\p{Lu}{2,}/u.test(line) ? keywordOnly : [];
}
