// Builds a small Plan object for answer tests from an outline: sections with sentences, and
// obligations pointing at sentences. Typed data only; no loader involved.
import type { Obligation, Plan, PlanMeta, ScheduleItem, Section, Sentence } from "../../../knowledge/types";

export interface OutlineSection {
  number: string;
  title: string;
  level?: number;
  sentences: string[];
}

export interface OutlineObligation {
  /** Index of the sentence in document order (over all sections). */
  sentence: number;
  responsible?: string[];
  recipient?: string | null;
  schedule: ScheduleItem[];
  task?: string;
}

export function buildPlan(id: string, meta: Partial<PlanMeta> & { title: string }, outline: OutlineSection[], obligations: OutlineObligation[] = []): Plan {
  let text = "";
  const sections: Section[] = [];
  const sentences: Sentence[] = [];
  const parents: Section[] = [];
  outline.forEach((o, i) => {
    const level = o.level ?? 1;
    while (parents.length >= level) parents.pop();
    const parent = parents[parents.length - 1] ?? null;
    const heading = `${o.number ? `${o.number}. ` : ""}${o.title}`;
    const start = text.length;
    text += `${heading}\n`;
    const path = [...parents.map((p) => `${p.number}. ${p.title}`), heading].join(" › ");
    const s: Section = { id: `s${i}`, number: o.number, title: o.title, level, parentId: parent?.id ?? null, path, start, end: 0 };
    for (const body of o.sentences) {
      const st = text.length;
      text += `${body}\n`;
      sentences.push({ sectionId: s.id, text: body, start: st, end: st + body.length });
    }
    s.end = text.length;
    sections.push(s);
    parents.push(s);
  });
  const obls: Obligation[] = obligations.map((o, i) => {
    const s = sentences[o.sentence];
    const sec = sections.find((x) => x.id === s.sectionId)!;
    return {
      id: `o${i}`,
      sectionId: sec.id,
      section: sec.path,
      responsible: o.responsible ?? [],
      task: o.task ?? s.text.slice(0, 60),
      recipient: o.recipient ?? null,
      schedule: o.schedule,
      quote: s.text,
      span: { start: s.start, end: s.end },
    };
  });
  return {
    id,
    file: `${id}.txt`,
    sha256: id,
    meta: { number: null, issuer: null, place: null, date: null, period: null, signers: [], ...meta },
    text,
    offsetRuns: [[0, 0]],
    sections,
    sentences,
    obligations: obls,
  };
}
