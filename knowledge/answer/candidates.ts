// Candidates: the sentences that may answer, each with the context it lives in (its heading path,
// the list intro it continues, the plan's title, number, issuer and place) and the features the
// scorer weighs: how much of the question the sentence covers on its own and with its context,
// its search rank, whether it speaks of the period asked.
import type { Obligation, Period, Plan, Section, Sentence } from "../types";
import { coverage, coverageParts, ownShare, termSet, type CoverageParts, type Idf } from "./coverage";
import { hasId, type TermIds } from "./term-ids";
import { cachedByText } from "./text-cache";
import { folded } from "./evidence";
import { detectPeriods, type Question } from "./question";

export interface Candidate {
  plan: Plan;
  sentence: Sentence;
  section: Section | null;
  /** The sentence this one continues as a list item ("... theo thời gian sau:"), or null. */
  intro: string | null;
  /** Obligations extracted from this sentence. */
  obligations: Obligation[];
  /** The other lines of its record ("Nhiệm vụ: ..." / "Đơn vị chủ trì: ..." / "Thời gian: ..."), which may hold the fact. */
  record: Sentence[];
  /** Search score scaled to 0..1 within the question's hits (0 when search did not return it). */
  search: number;
  /** Weighted share of the question's terms in the sentence alone (the plan's own name words weighed by `weights.named`). */
  own: number;
  /** What `own` is made of, so that calibration can try other weights for the named words. */
  ownParts: CoverageParts;
  /** The same with the sentence's context (heading path, list intro, plan title and metadata). */
  ctx: number;
  /** 1: states a period the question asks about; -1: states only other periods; 0: no period asked or stated. */
  period: number;
}

/** Per-plan context the scorer needs, built once. */
export interface PlanContext {
  plan: Plan;
  sections: Map<string, Section>;
  /** For each sentence, the index of its list intro in plan.sentences, or -1. */
  introOf: Int32Array;
  /** For each sentence, the obligations whose quote starts in it. */
  obligationsOf: Obligation[][];
  /** For each sentence, the [start, end) of its record of "Label: value" lines, or null. */
  recordOf: ([number, number] | null)[];
  /** The plan's own words: title, number, issuer, place. */
  metaText: string;
  /**
   * Term ids of each sentence and of each section's heading path, made on first use and kept (a
   * plan asked about once is asked again); the plan's own words' ids.
   */
  ids: TermIds;
  ownIds: (Int32Array | undefined)[];
  /** The saved ids of every sentence (term-ids.ts), with this plan's first sentence among them: read, not made. */
  saved: { offsets: Int32Array; ids: Int32Array; first: number } | null;
  sectionIds: Map<string, Int32Array>;
  metaIds: Int32Array;
}

/** Makes the term ids of sentences [from, to) of a plan ahead of any question. */
export function warmIds(ctx: PlanContext, from: number, to: number): void {
  for (let i = from; i < to; i++) sentenceIds(ctx, i);
  if (from === 0) for (const s of ctx.plan.sections) sectionIdsOf(ctx, s);
}

function sentenceIds(ctx: PlanContext, i: number): Int32Array {
  const saved = ctx.saved;
  if (saved) return saved.ids.subarray(saved.offsets[saved.first + i], saved.offsets[saved.first + i + 1]);
  return (ctx.ownIds[i] ??= ctx.ids.encode(ctx.plan.sentences[i].text));
}

/** Every sentence's ids, made if need be (for saving them once all are made). */
export function allSentenceIds(ctx: PlanContext): Int32Array[] {
  return ctx.plan.sentences.map((_, i) => sentenceIds(ctx, i));
}

function sectionIdsOf(ctx: PlanContext, section: Section | null): Int32Array | null {
  if (!section) return null;
  let out = ctx.sectionIds.get(section.id);
  if (!out) ctx.sectionIds.set(section.id, (out = ctx.ids.encode(section.path)));
  return out;
}

/** What candidate() needs of the question beyond its words: rarity, term ids, the named-word weight. */
export interface Reading {
  q: Question;
  idf: Idf;
  /** The id of a term (-1 when no sentence has it), looked up once per question. */
  id: (term: string) => number;
  namedWeight: number;
}

// "Đơn vị chủ trì: Sở Khoa học và Công nghệ." A line that is a label and its value.
const LABEL_LINE = /^[\s*]*[\p{Lu}][\p{L}\p{M}\s,]{2,40}:\s*\**\s*\S/u;

export function planContext(plan: Plan, ids: TermIds, saved: PlanContext["saved"] = null): PlanContext {
  const sections = new Map(plan.sections.map((s) => [s.id, s]));
  const n = plan.sentences.length;
  const introOf = new Int32Array(n).fill(-1);
  let intro = -1;
  for (let i = 0; i < n; i++) {
    const s = plan.sentences[i];
    if (intro >= 0 && (plan.sentences[intro].sectionId !== s.sectionId || i - intro > 15)) intro = -1;
    introOf[i] = intro;
    if (/:\s*\**\s*$/.test(s.text)) intro = i;
  }
  const obligationsOf: Obligation[][] = Array.from({ length: n }, () => []);
  for (const o of plan.obligations) {
    const i = sentenceAt(plan.sentences, o.span.start);
    if (i >= 0) obligationsOf[i].push(o);
  }
  // The label lines of one numbered item make a record, across its lettered parts ("a) Nhiệm vụ: ...",
  // "b) Cơ quan thực hiện:" / "- Đơn vị chủ trì: ...", "c) Thời gian thực hiện: ...").
  const blockOf = (sectionId: string): string => {
    let sec = sections.get(sectionId);
    while (sec && sec.parentId && !/^(?:\d+(?:\.\d+)*|[IVXLC]+)$/.test(sec.number)) sec = sections.get(sec.parentId);
    return sec?.id ?? sectionId;
  };
  const recordOf: ([number, number] | null)[] = new Array(n).fill(null);
  const labelled = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (!LABEL_LINE.test(plan.sentences[i].text)) continue;
    const b = blockOf(plan.sentences[i].sectionId);
    labelled.set(b, [...(labelled.get(b) ?? []), i]);
  }
  for (const idx of labelled.values()) if (idx.length >= 2 && idx[idx.length - 1] - idx[0] <= 12) for (const i of idx) recordOf[i] = [idx[0], idx[idx.length - 1] + 1];
  const m = plan.meta;
  const metaText = [m.title, m.number, m.issuer, m.place].filter(Boolean).join(" \n ");
  return {
    plan,
    sections,
    introOf,
    obligationsOf,
    recordOf,
    metaText,
    ids,
    ownIds: saved ? [] : new Array(n),
    saved,
    sectionIds: new Map(),
    metaIds: ids.encode(metaText),
  };
}

function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

const WEEKLY = /\b(hang|moi|tung|bao cao) tuan\b/;

/** The term set of a text (the clauses of candidates read for a fact), cached. */
export const termsOf = cachedByText((text) => termSet(text));

/** The candidate for sentence i of a plan, with its features for question q. */
export function candidate(ctx: PlanContext, i: number, r: Reading, search: number): Candidate {
  const { plan } = ctx;
  const { q, idf } = r;
  const sentence = plan.sentences[i];
  const section = ctx.sections.get(sentence.sectionId) ?? null;
  const introAt = ctx.introOf[i];
  const intro = introAt >= 0 ? plan.sentences[introAt].text : null;
  const ownIds = sentenceIds(ctx, i);
  const introIds = introAt >= 0 ? sentenceIds(ctx, introAt) : null;
  const sectionIds = sectionIdsOf(ctx, section);
  const inOwn = (t: string) => {
    const id = r.id(t);
    return id >= 0 && hasId(ownIds, id);
  };
  // Words of the plan's own name (title, number, issuer, place) name the plan more than the sentence.
  const inName = (t: string) => {
    const id = r.id(t);
    return id >= 0 && hasId(ctx.metaIds, id);
  };
  // In context: the sentence, its list intro, its heading path, the plan's own words.
  const inContext = (t: string) => {
    const id = r.id(t);
    return id >= 0 && (hasId(ownIds, id) || (!!introIds && hasId(introIds, id)) || (!!sectionIds && hasId(sectionIds, id)) || hasId(ctx.metaIds, id));
  };
  const obligations = ctx.obligationsOf[i];
  const rec = ctx.recordOf[i];
  const record = rec ? plan.sentences.slice(rec[0], rec[1]).filter((x) => x !== sentence && LABEL_LINE.test(x.text)) : [];
  let period = 0;
  // Plans have no weekly period type; "báo cáo tuần" is matched on the word.
  if (WEEKLY.test(q.folded)) period = /\btuan\b/.test(folded(`${sentence.text} ${intro ?? ""}`)) ? 1 : -1;
  else if (q.periods.length) {
    // The sentence's own periods ("Báo cáo tháng: ...") before those of its list intro.
    const own = new Set<Period>([...detectPeriods(folded(sentence.text)), ...obligations.flatMap((o) => o.schedule.map((s) => s.period))]);
    const stated = own.size ? own : new Set<Period>(intro ? detectPeriods(folded(intro)) : []);
    period = q.periods.some((p) => stated.has(p)) ? 1 : stated.size ? -1 : 0;
  }
  const ownParts = coverageParts(q, inOwn, idf, inName);
  return {
    plan,
    sentence,
    section,
    intro,
    obligations,
    record,
    search,
    own: ownShare(ownParts, r.namedWeight),
    ownParts,
    ctx: coverage(q, inContext, idf),
    period,
  };
}
