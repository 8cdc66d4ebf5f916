// The recipient of a report: the unit after a sending verb, "báo cáo ... về Ủy ban nhân dân thị xã
// (qua phòng Nội vụ)", "cung cấp thông tin, số liệu cho UBND Thành phố", "báo cáo Tỉnh ủy".
import { unitAt, unitListAt } from "./units";
import { NOUN_CONTEXT, SEND_VERBS } from "./vocabulary";

const SEND_RE = new RegExp(`(?<![\\p{L}])(?:${SEND_VERBS.join("|")})(?![\\p{L}])`, "giu");
const TO_RE = /(?<![\p{L}])(?:về|cho|lên|đến|tới)\s+/gu;

/** The recipient named after the first sending verb of the clause, or null. */
export function findRecipient(clause: string): { name: string; start: number; end: number } | null {
  for (const m of clause.matchAll(SEND_RE)) {
    if (m[0].toLocaleLowerCase("vi") === "báo cáo" && /(?:của|hai chiều)$/u.test(clause.slice(m.index + 7, m.index + 20).trim().split(/\s+/u)[0] ?? "")) continue;
    const from = m.index + m[0].length;
    // Directly after the verb: "báo cáo Ban Thường vụ Thị ủy".
    const direct = /^\s+/u.exec(clause.slice(from))?.[0].length ?? 0;
    const list = unitListAt(clause, from + direct);
    if (list.length && unitAt(clause, from + direct)) return join(clause, list);
    // Within the clause part that follows: "... về <unit>" / "cho <unit>", before a purpose ("để").
    const window = clause.slice(from, from + 220);
    const stop = /\s(?:để|nhằm)\s|;/u.exec(window);
    const limit = from + (stop ? stop.index : window.length);
    TO_RE.lastIndex = from;
    let t: RegExpExecArray | null;
    while ((t = TO_RE.exec(clause)) && t.index < limit) {
      const units = unitListAt(clause, t.index + t[0].length);
      if (units.length && units[0].start === t.index + t[0].length) return join(clause, units);
    }
    if (NOUN_CONTEXT.test(clause.slice(Math.max(0, m.index - 30), m.index))) continue;
  }
  return null;
}

function join(clause: string, units: { start: number; end: number }[]): { name: string; start: number; end: number } {
  const start = units[0].start;
  const end = units[units.length - 1].end;
  return { name: clause.slice(start, end), start, end };
}
