// Vietnamese text helpers shared by normalisation, extraction and search: tone-mark placement,
// diacritic folding and syllable tokenisation.

// Two tone-mark placements are in use for "oa", "oe", "uy" at a syllable end: "hòa/hoà",
// "khỏe/khoẻ", "ủy/uỷ". We keep one, the tone on the first vowel ("ủy", "hòa"), which most plan
// texts use. "qu" + "ý" is not this case ("quý" keeps its mark), hence the look-behind.
const TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]; // huyền, sắc, ngã, hỏi, nặng
const SECOND_TO_FIRST: Record<string, string> = {};
for (const [a, b] of [
  ["o", "a"],
  ["o", "e"],
  ["u", "y"],
]) {
  for (const t of TONES) {
    for (const [x, y] of [
      [a, b],
      [a.toUpperCase(), b.toUpperCase()],
      [a.toUpperCase(), b],
    ]) {
      SECOND_TO_FIRST[(x + y + t).normalize("NFC")] = (x + t + y).normalize("NFC");
    }
  }
}
const SECOND_TONE_RE = new RegExp(`(?<![qQ])(${Object.keys(SECOND_TO_FIRST).join("|")})(?![\\p{L}\\p{M}])`, "gu");

/** NFC, and one tone-mark placement: "Uỷ ban" and "Ủy ban" both become "Ủy ban". Length is kept. */
export function normaliseTones(s: string): string {
  return s.normalize("NFC").replace(SECOND_TONE_RE, (m) => SECOND_TO_FIRST[m] ?? m);
}

/** Removes diacritics: "Ủy ban nhân dân" -> "Uy ban nhan dan", "đ" -> "d". Same length for NFC input. */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** Lower case and folded, for comparisons that ignore case and diacritics. */
export function key(s: string): string {
  return fold(normaliseTones(s)).toLowerCase().replace(/\s+/g, " ").trim();
}

/** True when the text carries Vietnamese diacritics (so it was typed with them). */
export function hasDiacritics(s: string): boolean {
  return fold(s) !== s;
}

/** Syllables (words between spaces and punctuation), lower-cased, tones normalised; numbers kept ("10/6" stays one token). */
export function syllables(s: string): string[] {
  const out: string[] = [];
  for (const m of normaliseTones(s).toLowerCase().matchAll(/\d+(?:[/.-]\d+)*|[\p{L}\p{M}]+/gu)) out.push(m[0]);
  return out;
}
