// The guard on model output: every date, number and document number it writes must be found in
// the sources (the cited passages and the checked extractive answer), compared in one form.
import { fold } from "../vietnamese";
import { normaliseNumber } from "../search/tokens";

/** Dates ("10/6", "ngày 10 tháng 6 năm 2023"), document numbers ("1094/QĐ-UBND") and numbers, in one form. */
export function facts(text: string): string[] {
  let f = fold(text.normalize("NFC")).toLowerCase();
  const out: string[] = [];
  // "ngày 10 tháng 6 năm 2023" and "10 tháng 6" -> "10/6/2023", "10/6".
  f = f.replace(/\b(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?\b/g, (_, d, m, y) => ` ${d}/${m}${y ? `/${y}` : ""} `);
  // English "June 10" / "10 June" are numbers too: months by name become numbers.
  const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
  f = f.replace(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS.join("|")})\\b`, "g"), (_, d, m) => ` ${d}/${MONTHS.indexOf(m) + 1} `);
  f = f.replace(new RegExp(`\\b(${MONTHS.join("|")})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, "g"), (_, m, d) => ` ${d}/${MONTHS.indexOf(m) + 1} `);
  for (const m of f.matchAll(/\d+(?:\s*[/.-]\s*[\p{L}\d]+)*/gu)) {
    const token = m[0].replace(/\s+/g, "");
    if (/[a-z]/.test(token)) out.push(token.replace(/^0+(?=\d)/, ""));
    else out.push(normaliseNumber(token));
  }
  return out;
}

/** Facts of `output` that none of the sources contains. */
export function unsupportedFacts(output: string, sources: string[]): string[] {
  const known = new Set<string>();
  for (const s of sources) {
    for (const f of facts(s)) {
      known.add(f);
      // "10/6/2023" also vouches for "10/6" and "2023"; "1094/qd-ubnd" for "1094".
      const parts = f.split("/");
      if (parts.length === 3 && /^\d+$/.test(parts[2])) known.add(`${parts[0]}/${parts[1]}`);
      for (const p of parts) if (/^\d+$/.test(p)) known.add(p);
      for (const p of f.split(/[-/]/)) if (/^\d+$/.test(p)) known.add(String(Number(p)));
    }
  }
  return [...new Set(facts(output))].filter((f) => !known.has(f));
}
