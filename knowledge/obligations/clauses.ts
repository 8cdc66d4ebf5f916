// Clauses of a sentence: the pieces between semicolons that carry a task of their own, and a
// second task joined by "và" when each side states its own schedule ("... định kỳ 6 tháng, một
// năm hoặc đột xuất ... và tổng kết 05 năm ...").
import { clauseSchedule } from "./schedule";
import { isVerbAt } from "./units";
import { NOUN_CONTEXT, OPENING_VERBS, TASK_VERBS } from "./vocabulary";

// No lookbehind at the start (four times slower in V8): firstVerb checks the character before.
const VERB_RE = new RegExp(`(?:${[...TASK_VERBS].sort((a, b) => b.length - a.length).join("|")})(?![\\p{L}])`, "gu");

const VERB_START_RE = new RegExp(`^(?:${[...TASK_VERBS, ...OPENING_VERBS].sort((a, b) => b.length - a.length).join("|")})(?![\\p{L}])`, "u");

/** Offset of the first verb that starts a task (not a noun use such as "Chương trình phối hợp"), or -1. */
export function firstVerb(s: string, from = 0): number {
  // A capitalised verb starts the clause or follows a heading label: "Phối hợp ...", "Phòng Nội vụ: Theo dõi ...".
  const colon = s.indexOf(": ", from);
  for (const at of colon >= 0 && colon - from <= 120 ? [from, colon + 2] : [from]) {
    if (at >= s.length) continue;
    const head = s.slice(at, at + 24);
    if (/^\p{Lu}/u.test(head) && VERB_START_RE.test(head.charAt(0).toLowerCase() + head.slice(1))) return at;
  }
  VERB_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = VERB_RE.exec(s))) {
    if (m.index > 0 && /\p{L}/u.test(s[m.index - 1])) {
      VERB_RE.lastIndex = m.index + 1;
      continue;
    }
    if (!NOUN_CONTEXT.test(s.slice(Math.max(0, m.index - 30), m.index))) return m.index;
  }
  return -1;
}

/** [start, end) of the clauses of a sentence. */
export function splitClauses(sentence: string): [number, number][] {
  const pieces: [number, number][] = [];
  let from = 0;
  for (const m of sentence.matchAll(/;\s+/gu)) {
    pieces.push([from, m.index]);
    from = m.index + m[0].length;
  }
  pieces.push([from, sentence.length]);
  // A piece without a verb ("Định kỳ 6 tháng ..., các phòng, ban, đơn vị thuộc UBND thị xã") belongs to the next one.
  const merged: [number, number][] = [];
  let pending: number | null = null;
  for (const [a, b] of pieces) {
    const start: number = pending ?? a;
    if (firstVerb(sentence.slice(0, b), a) < 0 && b < sentence.length) {
      pending = start;
      continue;
    }
    merged.push([start, b]);
    pending = null;
  }
  if (pending !== null) merged.push([pending, sentence.length]);
  // "X ... và <verb> Y ...": two tasks when both sides have their own schedule.
  const out: [number, number][] = [];
  for (const [a, b] of merged) {
    let start = a;
    const piece = sentence.slice(a, b);
    const twoTasks = / và /u.test(piece) && clauseSchedule(piece).items.length >= 2;
    for (const m of twoTasks ? piece.matchAll(/\svà\s+/gu) : []) {
      const at = a + m.index + m[0].length;
      if (!isVerbAt(sentence, at)) continue;
      const left = clauseSchedule(sentence.slice(start, a + m.index)).items;
      const right = clauseSchedule(sentence.slice(at, b)).items;
      if (left.length && right.length) {
        out.push([start, a + m.index]);
        start = at;
      }
    }
    out.push([start, b]);
  }
  return out;
}
