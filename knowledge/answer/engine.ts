// The knowledge engine: plans in, answers out. Builds the search index over every plan's
// sentences, understands a question, answers deadlines from obligations and everything else from
// the best supporting sentences, and lets an optional LLM phrase the result under a guard.
import { localDate } from "../occurrences";
import { SearchIndex, type SearchDoc } from "../search/search-index";
import { HashEmbedder, type Embedder } from "../search/embedder";
import { bigrams, tokenise } from "../search/tokens";
import type { Answer, AnswerCitation, Obligation, Plan, ScheduleItem, Section, Sentence } from "../types";
import { checkInput } from "./bad-input";
import { citationLine, T, type Lang } from "./compose";
import { termSet, type Idf } from "./coverage";
import { deadlineBlock, matchObligations, type DeadlineText, type ObligationMatch } from "./deadline";
import { frequencyLine, frequencyWords, scheduleSummary } from "./recurrence";
import { LlmPhraser, type LlmSettings } from "./llm-phraser";
import { rankPassages, type Passage, type RankedPassage } from "./passages";
import { detectPeriods, understand, type Question } from "./question";
import { holdsQuantity, quantityClause, quantityKind, type QuantityKind } from "./quantity";
import { fold } from "../vietnamese";
import { PlanHints } from "./scope";
import { metaAnswer } from "./meta-answers";
import { officeSchedulesOf, type OfficeDate } from "./office-dates";
import { LIGHT_WORDS } from "./lexicon";

export interface EngineOptions {
  embedder?: Embedder;
  llm?: LlmSettings | null;
  /** Folder for the vector index files; without it the index lives in memory only. */
  indexDir?: string;
  log?: (msg: string) => void;
}

export interface AskOptions {
  /** The asker's plan; null or absent: every loaded plan. */
  planId?: string | null;
  now: Date;
  /**
   * Dates the office set for periods a plan states without a date. A deadline answer uses one only
   * where the plan's own schedule has no date for that period, and says the office set it.
   */
  officeDates?: OfficeDate[];
}

/** Minimum share of the question's weighted terms that cited text must contain. */
export const SUPPORT_THRESHOLD = 0.6;
const UNIT_SUPPORT_THRESHOLD = 0.5;
const OBLIGATION_THRESHOLD = 0.55;
/** Obligations this close to the best one's support join a "how often" answer. */
const RECURRENCE_MARGIN = 0.1;
const CANDIDATES = 40;
const WEEKLY = /\b(bao cao|hang|moi|tung) tuan\b/;
const DATE_IN_TEXT = /\b\d{1,2}\/\d{1,2}\b|ngày \d{1,2} tháng \d{1,2}/u;

interface DocRef {
  plan: Plan;
  sentence: Sentence;
}

export class KnowledgeEngine {
  private readonly byId: Map<string, Plan>;
  private readonly sections = new Map<string, Map<string, Section>>();
  private readonly obligationsByDoc = new Map<number, Obligation[]>();
  private readonly hints: PlanHints;
  private readonly idf: Idf;
  /** Words of the plans' titles, issuers, places and signers (they are not in the sentences). */
  private readonly metaTerms: Set<string>;

  private constructor(
    private readonly planList: Plan[],
    private readonly refs: DocRef[],
    readonly index: SearchIndex,
    private readonly phraser: LlmPhraser | null,
    private readonly log: (msg: string) => void,
  ) {
    this.byId = new Map(planList.map((p) => [p.id, p]));
    for (const p of planList) this.sections.set(p.id, new Map(p.sections.map((s) => [s.id, s])));
    this.hints = new PlanHints(planList);
    this.idf = (t) => this.index.lexical.idf(t);
    this.metaTerms = termSet(...planList.flatMap((p) => [p.meta.title, p.meta.issuer, p.meta.place, p.meta.signers.join(" ")]));
    let doc = 0;
    for (const p of planList) {
      const starts = p.sentences.map((s) => s.start);
      for (const o of p.obligations) {
        const i = lastAtOrBefore(starts, o.span.start);
        if (i < 0) continue;
        const list = this.obligationsByDoc.get(doc + i);
        if (list) list.push(o);
        else this.obligationsByDoc.set(doc + i, [o]);
      }
      doc += p.sentences.length;
    }
  }

  static async build(plans: Plan[], opts: EngineOptions = {}): Promise<KnowledgeEngine> {
    const log = opts.log ?? (() => {});
    const unique = [...new Map(plans.map((p) => [p.id, p])).values()];
    const refs: DocRef[] = [];
    const docs: SearchDoc[] = [];
    for (const plan of unique) {
      const sections = new Map(plan.sections.map((s) => [s.id, s]));
      for (const sentence of plan.sentences) {
        refs.push({ plan, sentence });
        docs.push({ planId: plan.id, sectionId: sentence.sectionId, text: sentence.text, context: sections.get(sentence.sectionId)?.path });
      }
    }
    const embedder = opts.embedder ?? new HashEmbedder();
    const index = await SearchIndex.build(docs, embedder, { indexDir: opts.indexDir, log });
    const phraser = opts.llm ? new LlmPhraser(opts.llm, log) : null;
    return new KnowledgeEngine(unique, refs, index, phraser, log);
  }

  plans(): Plan[] {
    return this.planList;
  }

  plan(id: string): Plan | undefined {
    return this.byId.get(id);
  }

  obligation(planId: string, obligationId: string): Obligation | undefined {
    return this.byId.get(planId)?.obligations.find((o) => o.id === obligationId);
  }

  section(planId: string, sectionId: string): Section | null {
    return this.sections.get(planId)?.get(sectionId) ?? null;
  }

  /** Sentences matching a query (hybrid search), best first, with the obligations they hold. */
  async search(query: string, k = 10, opts: { planId?: string | null; plans?: string[] } = {}): Promise<(Passage & { obligations: Obligation[] })[]> {
    const plans = opts.plans ? new Set(opts.plans) : opts.planId && this.byId.has(opts.planId) ? new Set([opts.planId]) : null;
    const hits = await this.index.search(query, { k, plans });
    return hits.map((h) => ({ ...this.passage(h.doc, h.score), obligations: this.obligationsByDoc.get(h.doc) ?? [] }));
  }

  async answer(question: string, opts: AskOptions): Promise<Answer> {
    const checked = checkInput(question);
    if (!checked.ok) return reply(checked.language, "content", checked.text, false);
    const q = understand(checked.text);
    if (this.planList.length === 0) return reply(q.language, q.kind, T.noPlans(q.language), false);
    if (q.terms.length === 0 && !q.asks.signer) return reply(q.language, q.kind, T.unclear(q.language), false);
    const scope = this.scope(q, opts.planId ?? null);
    const today = localDate(opts.now);

    const office = officeSchedulesOf(opts.officeDates);
    const extractive = await this.extractive(q, scope, today, office);
    // An office-set date keeps the extractive wording, which says where the date comes from.
    if (!extractive.answered || !this.phraser || this.usesOfficeDates(extractive, office)) return extractive;
    const phrased = await this.phraser.phrase(q, extractive);
    return phrased ?? extractive;
  }

  private usesOfficeDates(a: Answer, office: Map<string, ScheduleItem[]>): boolean {
    return office.size > 0 && a.kind !== "content" && /Hạn do văn phòng đặt|set by the office/.test(a.text);
  }

  private async extractive(q: Question, scope: string[] | null, today: string, office: Map<string, ScheduleItem[]>): Promise<Answer> {
    const meta = metaAnswer(q, this.scopePlans(scope), this.refsOf.bind(this));
    if (meta) return { answered: true, kind: q.kind, language: q.language, text: meta.text, citations: meta.citations, next: null, via: "extractive" };

    const hits = await this.index.search(q.canonical, { k: CANDIDATES, plans: scope ? new Set(scope) : null });
    const passages = hits.map((h) => this.passage(h.doc, h.score));
    const ranked = rankPassages(q, passages, this.idf);
    // A word no loaded plan ever uses ("kinh phí", "điện thoại") names something the plans do not cover.
    if (this.unknownTerms(q).length) return this.passageAnswer(q, ranked, false);

    // Plans state no weekly obligations as periods: "báo cáo tuần" is answered from sentences only.
    const weekly = WEEKLY.test(q.folded);
    if (!weekly && (q.kind === "deadline" || q.kind === "recurrence" || (q.periods.length > 0 && q.kind !== "content"))) {
      const candidates = this.obligationCandidates(scope, hits.map((h) => h.doc));
      const matches = matchObligations(q, candidates, this.idf, office).filter((m) => m.support >= OBLIGATION_THRESHOLD);
      const dated = (m: ObligationMatch) => m.items.some((s) => s.due) || m.officeItems.length > 0;
      const useful = matches.filter((m) => dated(m) || q.kind === "recurrence" || q.kind === "deadline");
      // "Gửi về đâu" needs a recipient: an obligation without one leaves it to the sentence search.
      const answers = q.kind !== "recipient" || useful[0]?.obligation.recipient;
      // A sentence that says much more of the question than any obligation ("Ngày Pháp luật Việt Nam
      // (09/11)") answers it better than an obligation that only shares the plan's words.
      const sentence = ranked.find((r) => r.support >= SUPPORT_THRESHOLD && r.numbersOk && DATE_IN_TEXT.test(r.sentence.text));
      const outdone = sentence && useful.length && sentence.support >= useful[0].support + 0.2;
      if (useful.length && answers && !outdone && (q.kind === "deadline" || dated(useful[0]))) return this.deadlineAnswer(q, useful, today);
    }
    return this.passageAnswer(q, ranked);
  }

  private deadlineAnswer(q: Question, matches: ObligationMatch[], today: string): Answer {
    // One obligation per plan: the best; plans are listed when the asker's plan is not known.
    const perPlan = new Map<string, ObligationMatch>();
    for (const m of matches) if (!perPlan.has(m.plan.id)) perPlan.set(m.plan.id, m);
    // Across plans, support decides (a plan without a date is still named); dated ones first.
    const bestSupport = Math.max(...[...perPlan.values()].map((m) => m.support));
    const chosen = [...perPlan.values()].filter((m) => m.support >= bestSupport - 0.15).slice(0, 3);
    const blocks = chosen.map((m) => ({ m, block: deadlineBlock(m, today, q.language, quoteOf(m.obligation.quote)) }));
    if (q.kind === "recurrence") for (const b of blocks) this.addSchedule(b.block, b.m, matches, q.language);
    const next = blocks
      .filter((b) => b.block.next)
      .sort((a, b) => (a.block.next!.date < b.block.next!.date ? -1 : 1))[0];
    return {
      answered: true,
      kind: q.kind,
      language: q.language,
      text: blocks.map((b) => b.block.lines.join("\n")).join("\n\n"),
      citations: blocks.flatMap((b) => [b.block.citation, ...b.block.extra]),
      next: next ? { date: next.block.next!.date, daysLeft: next.block.next!.daysLeft, obligationId: next.m.obligation.id, plan: next.m.plan.id } : null,
      via: "extractive",
    };
  }

  /**
   * A "how often" answer names every period of the plan's obligations that match about as well as
   * the best one (the 6-month and annual report, and the ad hoc report), cited each.
   */
  private addSchedule(block: DeadlineText, best: ObligationMatch, matches: ObligationMatch[], lang: Lang): void {
    const close = matches.filter((m) => m.plan.id === best.plan.id && m.support >= best.support - RECURRENCE_MARGIN).slice(0, 4);
    const others = close.filter((m) => m.obligation !== best.obligation);
    const summary = scheduleSummary([best.obligation, ...others.map((m) => m.obligation)].sort((a, b) => a.span.start - b.span.start), lang);
    if (summary) block.lines.splice(1, 0, summary);
    for (const m of others) {
      const quote = quoteOf(m.obligation.quote);
      if (block.lines.some((l) => l.includes(quote))) continue;
      block.lines.push(citationLine(m.plan.meta.title, m.obligation.section, quote, lang));
      block.extra.push({ plan: m.plan.id, planTitle: m.plan.meta.title, section: m.obligation.section, quote });
    }
  }

  /** Content words of the question that no sentence of any plan contains (in the form typed). */
  unknownTerms(q: Question): string[] {
    const lex = this.index.lexical;
    return q.terms.filter((t) => {
      if (/^\d/.test(t) || t.length < 2 || LIGHT_WORDS.has(t)) return false;
      if (q.language === "en" && /^[a-z]+$/.test(t) && !q.marks.has(t) && lex.docFreq(t) === 0) return false;
      const mark = q.marks.get(t);
      const key = mark ? `~${mark}` : t;
      return lex.docFreq(key) === 0 && !this.metaTerms.has(key);
    });
  }

  private passageAnswer(q: Question, ranked: RankedPassage[], allowed = true): Answer {
    const lang = q.language;
    const qty = quantityKind(q);
    // A sentence with the counted thing ("02 lần" for "mấy lần") needs a little less word support.
    const threshold = qty && "unit" in qty ? UNIT_SUPPORT_THRESHOLD : SUPPORT_THRESHOLD;
    const supported = allowed ? ranked.filter((r) => r.support >= threshold && r.numbersOk && this.answersShape(q, qty, r)) : [];
    if (supported.length === 0) {
      const closest = ranked[0];
      const text = closest
        ? `${T.notFound(lang)}\n${T.closest(lang)}: ${citationLine(closest.plan.meta.title, closest.section?.path ?? "", closest.quote, lang).replace(/^(Nguồn|Source): /, "")}`
        : T.notFound(lang);
      return reply(lang, q.kind, text, false);
    }
    const best = supported[0];
    const chosen = [best, ...supported.slice(1).filter((r) => r.score >= best.score * 0.85 && r.sentence !== best.sentence).slice(0, 1)];
    const byPlan = new Map<string, RankedPassage[]>();
    for (const r of chosen) byPlan.set(r.plan.id, [...(byPlan.get(r.plan.id) ?? []), r]);
    const blocks: string[] = [];
    const citations: AnswerCitation[] = [];
    for (const list of byPlan.values()) {
      const lines = [T.according(list[0].plan.meta.title, lang)];
      for (const r of list) {
        const obligations = this.obligationsAt(r);
        const o = obligations[0];
        const to = obligations.find((x) => x.recipient)?.recipient;
        if (q.kind === "responsible" && o?.responsible.length) lines.push(T.responsible(o.responsible, lang));
        if (q.kind === "recipient" && to) lines.push(T.recipient(to, lang));
        const often = q.kind === "recurrence" ? frequencyWords(r.quote, q.terms) : null;
        if (often) lines.push(frequencyLine(often, lang));
        const clause = qty && !often ? quantityClause(q, qty, r.quote) : null;
        // The clause that holds the number, when the quote around it is long.
        if (clause && clause.length < r.quote.length * 0.7) lines.push(`${T.states(lang)} “${clause}”`);
        const section = r.section?.path ?? "";
        lines.push(citationLine(r.plan.meta.title, section, r.quote, lang));
        citations.push({ plan: r.plan.id, planTitle: r.plan.meta.title, section, quote: r.quote });
      }
      blocks.push(lines.join("\n"));
    }
    return { answered: true, kind: q.kind, language: lang, text: blocks.join("\n\n"), citations, next: null, via: "extractive" };
  }

  /**
   * Whether a passage can answer what the question's shape asks: a number of the asked kind for
   * "bao nhiêu"/"mấy", and for a deadline of a named period ("báo cáo quý"), that period.
   */
  private answersShape(q: Question, qty: QuantityKind | null, r: Passage): boolean {
    if (qty && !holdsQuantity(q, qty, r.sentence.text)) return false;
    if (WEEKLY.test(q.folded) && !/\btuan\b/.test(fold(r.sentence.text).toLowerCase())) return false;
    if (q.kind === "deadline" && q.periods.length) {
      const own = new Set([...detectPeriods(fold(r.sentence.text).toLowerCase()), ...this.obligationsAt(r).flatMap((o) => o.schedule.map((s) => s.period))]);
      if (!q.periods.some((p) => own.has(p))) return false;
    }
    return true;
  }

  private obligationsAt(r: Passage): Obligation[] {
    return r.plan.obligations.filter((o) => o.span.start >= r.sentence.start && o.span.start < r.sentence.end);
  }

  /** Plans to answer from: the asker's plan, unless the question names other plans. */
  private scope(q: Question, planId: string | null): string[] | null {
    const named = this.hints.named(bigrams(tokenise(q.canonical).seq));
    if (planId && this.byId.has(planId) && (named.length === 0 || named.includes(planId))) return [planId];
    return named.length ? named : null;
  }

  private scopePlans(scope: string[] | null): Plan[] {
    return scope ? scope.map((id) => this.byId.get(id)!).filter(Boolean) : this.planList;
  }

  private refsOf(plan: Plan): Passage[] {
    return plan.sentences.map((sentence) => ({ plan, sentence, section: this.section(plan.id, sentence.sectionId), searchScore: 0 }));
  }

  private obligationCandidates(scope: string[] | null, docs: number[]): { plan: Plan; obligation: Obligation }[] {
    // A few plans: every obligation; the whole corpus: those in the sentences search found.
    if (scope && scope.length <= 5) return this.scopePlans(scope).flatMap((plan) => plan.obligations.map((obligation) => ({ plan, obligation })));
    const out: { plan: Plan; obligation: Obligation }[] = [];
    for (const d of docs) for (const obligation of this.obligationsByDoc.get(d) ?? []) out.push({ plan: this.refs[d].plan, obligation });
    return out;
  }

  private passage(doc: number, score: number): Passage {
    const { plan, sentence } = this.refs[doc];
    return { plan, sentence, section: this.section(plan.id, sentence.sectionId), searchScore: score };
  }
}

function reply(language: Lang, kind: Answer["kind"], text: string, answered: boolean): Answer {
  return { answered, kind, language, text, citations: [], next: null, via: "extractive" };
}

function quoteOf(s: string): string {
  const clean = s.replace(/\s+/g, " ").trim();
  return clean.length > 600 ? `${clean.slice(0, 600).replace(/\s+\S*$/, "")} …` : clean;
}

function lastAtOrBefore(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
