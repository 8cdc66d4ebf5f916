// The knowledge engine: plans in, answers out. Answering is a pipeline:
//   understand the question (language, what it asks, periods, terms, the plan it names)
//   → retrieve candidate sentences with their context (all of the asker's plan, or the search hits)
//   → read: the resolver of the asked kind finds the fact each candidate carries
//   → score: weights from weights.json (set by `npm run calibrate`) rank the candidates that carry it
//   → draft: facts, next due date, citation, flags → render to Vietnamese or English.
// An optional LLM phrases the result under a guard.
import { daysBetween, localDate, nextOccurrence, previousOccurrence } from "../occurrences";
import { SearchIndex, type SearchDoc } from "../search/search-index";
import { HashEmbedder, type Embedder } from "../search/embedder";
import type { GraphPreload } from "../search/vector-index";
import { bigrams, tokenise } from "../search/tokens";
import type { Answer, AnswerCitation, Obligation, Plan, ScheduleItem, Section, Sentence } from "../types";
import { asksOf, KIND_OF, type Ask } from "./ask";
import { checkInput } from "./bad-input";
import type { CandidateFeatures } from "./calibrate";
import { allSentenceIds, candidate, planContext, warmIds, type Candidate, type PlanContext, type Reading } from "./candidates";
import { T } from "./compose";
import type { Idf } from "./coverage";
import type { AnswerDraft, DraftFlag } from "./draft";
import { LlmPhraser, type LlmSettings } from "./llm-phraser";
import { officeItemsThatApply, officeSchedulesOf, type OfficeDate } from "./office-dates";
import { understand, type Question } from "./question";
import { renderDraft } from "./render";
import { findWithRecord, RESOLVERS, type Fact } from "./resolvers";
import { PlanHints } from "./scope";
import { loadSentenceIds, lookup, saveSentenceIds, TermIds, type SentenceIds } from "./term-ids";
import { loadWeights, type Weights } from "./weights";

/** A sentence found by search, with where it stands. */
export interface Passage {
  plan: Plan;
  sentence: Sentence;
  section: Section | null;
  /** Fused search score. */
  searchScore: number;
}

export interface EngineOptions {
  embedder?: Embedder;
  llm?: LlmSettings | null;
  /** Folder for the vector index files; without it the index lives in memory only. */
  indexDir?: string;
  log?: (msg: string) => void;
  /** Selection weights; default: knowledge/answer/weights.json. */
  weights?: Weights;
  /** Only load the index saved in indexDir: throw (SavedIndexMismatch) rather than build or update it. */
  savedOnly?: boolean;
  /** The saved vector graph's read, started before the plans were read (preloadGraph). */
  preloaded?: GraphPreload | null;
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

/** Search hits read when the question is not limited to a few plans. */
const CANDIDATES = 60;
/** Plans read further when a question names none (candidates' plans by summed search score). */
const FOCUS_PLANS = 3;
/** Candidates whose facts are read, the best by word overlap, search rank and period. */
const READ_TOP = 40;
/** Plans whose every sentence is read when the question is limited to them. */
const READ_WHOLE_PLANS = 5;
const MAX_EXCERPT = 200;
const MAX_QUOTE = 600;
/** Other plans are named when their best answer scores this close to the best one. */
const MORE_PLANS_MARGIN = 0.1;

/** A candidate with what the resolver found in it and its score. */
export interface Scored {
  c: Candidate;
  fact: Fact | null;
  /** Whether it also carries what the question asks second. */
  also: boolean;
  score: number;
}

export class KnowledgeEngine {
  /**
   * Resolves when every sentence's term ids and vector are ready. They are made in the background
   * after build, in slices that leave the event loop free; a question that comes first makes what
   * it needs itself (the same result, only slower).
   */
  readonly warmed: Promise<void>;
  private readonly byId: Map<string, Plan>;
  private readonly contexts = new Map<string, PlanContext>();
  /** Index of each plan's first sentence among the search documents. */
  private readonly firstDoc = new Map<string, number>();
  private readonly hints: PlanHints;
  private readonly idf: Idf;
  private readonly termIds: TermIds;
  /** Every sentence's term ids as saved by an earlier start, or once the warm-up has made them all. */
  private sentenceIds: Omit<SentenceIds, "terms"> | null;

  private constructor(
    private readonly planList: Plan[],
    private readonly docPlans: string[],
    readonly index: SearchIndex,
    private readonly phraser: LlmPhraser | null,
    private readonly weights: Weights,
    saved: SentenceIds | null = null,
    /** Where the warm-up saves the sentences' term ids (null: not saved). */
    private readonly saveTo: string | null = null,
  ) {
    this.termIds = saved?.terms ?? new TermIds();
    this.sentenceIds = saved;
    this.byId = new Map(planList.map((p) => [p.id, p]));
    let doc = 0;
    for (const p of planList) {
      this.firstDoc.set(p.id, doc);
      doc += p.sentences.length;
    }
    this.hints = new PlanHints(planList);
    this.idf = (t) => this.index.lexical.idf(t);
    this.warmed = this.warmUp();
  }

  private async warmUp(): Promise<void> {
    // With the ids saved by an earlier start there is nothing to make ahead: a plan's context is
    // made when a question first reaches it (a millisecond or so), not all at once while turns wait.
    if (this.sentenceIds) return;
    const SLICE_MS = 4;
    const SENTENCES = 256;
    let since = performance.now();
    const pause = async () => {
      if (performance.now() - since < SLICE_MS) return;
      await new Promise((r) => setImmediate(r));
      since = performance.now();
    };
    await new Promise((r) => setImmediate(r));
    for (const p of this.planList) {
      const ctx = this.context(p.id)!;
      for (let i = 0; i < ctx.plan.sentences.length; i += SENTENCES) {
        const to = Math.min(i + SENTENCES, ctx.plan.sentences.length);
        warmIds(ctx, i, to);
        await pause();
      }
    }
    if (!this.saveTo || !this.index.fingerprint) return;
    // Saved for the next start, and read from the saved arrays from now on (one array, not one per sentence).
    const all = this.planList.flatMap((p) => allSentenceIds(this.context(p.id)!));
    this.sentenceIds = saveSentenceIds(this.saveTo, this.index.fingerprint, this.termIds, all);
    for (const p of this.planList) {
      const ctx = this.context(p.id)!;
      ctx.saved = { ...this.sentenceIds, first: this.firstDoc.get(p.id)! };
      ctx.ownIds = [];
    }
  }

  static async build(plans: Plan[], opts: EngineOptions = {}): Promise<KnowledgeEngine> {
    const log = opts.log ?? (() => {});
    const unique = [...new Map(plans.map((p) => [p.id, p])).values()];
    const docs: SearchDoc[] = [];
    const docPlans: string[] = [];
    for (const plan of unique) {
      const sections = new Map(plan.sections.map((s) => [s.id, s]));
      for (const sentence of plan.sentences) {
        docs.push({ planId: plan.id, sectionId: sentence.sectionId, text: sentence.text, context: sections.get(sentence.sectionId)?.path });
        docPlans.push(plan.id);
      }
    }
    const embedder = opts.embedder ?? new HashEmbedder();
    const index = await SearchIndex.build(docs, embedder, { indexDir: opts.indexDir, log, savedOnly: opts.savedOnly, preloaded: opts.preloaded });
    const phraser = opts.llm ? new LlmPhraser(opts.llm, log) : null;
    const dir = opts.indexDir && index.fingerprint ? opts.indexDir : null;
    const saved = dir ? loadSentenceIds(dir, index.fingerprint!, docs.length) : null;
    // Also saved by a read-only (early) load: keyed by the fingerprint and replaced whole, they fit
    // the saved index whoever writes them (a first start stopped before its warm-up ended has none).
    return new KnowledgeEngine(unique, docPlans, index, phraser, opts.weights ?? loadWeights(), saved, dir);
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
    return this.context(planId)?.sections.get(sectionId) ?? null;
  }

  /** Sentences matching a query (hybrid search), best first, with the obligations they hold. */
  async search(query: string, k = 10, opts: { planId?: string | null; plans?: string[] } = {}): Promise<(Passage & { obligations: Obligation[] })[]> {
    const plans = opts.plans ? new Set(opts.plans) : opts.planId && this.byId.has(opts.planId) ? new Set([opts.planId]) : null;
    const hits = await this.index.search(query, { k, plans });
    return hits.map((h) => {
      const { ctx, i } = this.locate(h.doc);
      const sentence = ctx.plan.sentences[i];
      return { plan: ctx.plan, sentence, section: ctx.sections.get(sentence.sectionId) ?? null, searchScore: h.score, obligations: ctx.obligationsOf[i] };
    });
  }

  async answer(question: string, opts: AskOptions): Promise<Answer> {
    const checked = checkInput(question);
    if (!checked.ok) return reply(checked.language, "content", checked.text, false);
    const q = understand(checked.text);
    const asks = asksOf(q);
    // One reading of what is asked: the early replies report the kind the answer would have had.
    const kind = KIND_OF[asks[0]];
    if (this.planList.length === 0) return reply(q.language, kind, T.noPlans(q.language), false);
    if (q.terms.length === 0 && q.numbers.length === 0) return reply(q.language, kind, T.unclear(q.language), false);
    const draft = await this.draft(q, asks, opts);
    const extractive: Answer = {
      answered: draft.answered,
      kind,
      language: q.language,
      text: renderDraft(draft),
      citations: draft.citations,
      next: draft.next && draft.next.obligationId && !draft.flags.includes("plan-ended") ? { date: draft.next.date, daysLeft: draft.next.daysLeft, obligationId: draft.next.obligationId, plan: draft.next.plan } : null,
      via: "extractive",
      draft,
    };
    // An office-set date keeps the extractive wording, which says where the date comes from.
    if (!extractive.answered || !this.phraser || draft.flags.includes("office-date")) return extractive;
    return (await this.phraser.phrase(q, extractive)) ?? extractive;
  }

  /** Every candidate for a question, scored, best first (for the answer and for calibration). */
  async rank(q: Question, asks: Ask[], planId: string | null): Promise<Scored[]> {
    const scope = this.scope(q, planId);
    const w = this.weights;
    const resolver = RESOLVERS[asks[0]];
    const others = asks.slice(1).map((a) => RESOLVERS[a]);
    // Reading a fact costs far more than word overlap: only the candidates that could still win are read.
    const base = (c: Candidate) => w.own * c.own + w.ctx * c.ctx + w.search * c.search + w.period * c.period;
    const all = (await this.candidates(q, scope)).map((c) => ({ c, base: base(c) })).sort((a, b) => b.base - a.base);
    // The same sentence in several plans (a document loaded twice, boilerplate) is read once, at its
    // best: copies would crowd the other sentences out of those read.
    const seen = new Set<string>();
    return all
      .filter(({ c }) => !seen.has(c.sentence.text) && !!seen.add(c.sentence.text))
      .slice(0, READ_TOP)
      .map(({ c, base }) => {
        const fact = findWithRecord(resolver, c, q, this.idf);
        const also = others.some((r) => findWithRecord(r, c, q, this.idf));
        return { c, fact, also, score: base + w.evidence * (fact?.strength ?? 0) + (also ? w.also : 0) };
      })
      .sort((a, b) => b.score - a.score);
  }

  /**
   * For calibration: the features of the question's best candidates that carry the asked fact, each
   * with the text of the answer it would give (to check against labelled facts).
   */
  async features(question: string, opts: AskOptions, n = 25): Promise<(Omit<CandidateFeatures, "right"> & { answer: string })[]> {
    const q = understand(question);
    const asks = asksOf(q);
    const today = localDate(opts.now);
    const ranked = (await this.rank(q, asks, opts.planId ?? null)).filter((s) => s.fact).slice(0, n);
    return ranked.map((s) => {
      const d = this.found(q, asks, s as Scored & { fact: Fact }, today);
      const answer = `${renderDraft(d)} ${d.citations.map((c) => c.quote).join(" ")}`;
      return { own: s.c.own, ownParts: s.c.ownParts, ctx: s.c.ctx, search: s.c.search, evidence: s.fact!.strength, period: s.c.period, also: s.also ? 1 : 0, answer };
    });
  }

  /** The asks and the best candidates with their features, one line each: why an answer was chosen. */
  async explain(question: string, planId: string | null, n = 8): Promise<string> {
    const q = understand(question);
    const asks = asksOf(q);
    const ranked = await this.rank(q, asks, planId);
    const f = (x: number) => x.toFixed(2);
    const rows = ranked.slice(0, n).map((s) => `${f(s.score)} own ${f(s.c.own)} ctx ${f(s.c.ctx)} search ${f(s.c.search)} period ${s.c.period} fact ${s.fact ? `${f(s.fact.strength)} “${s.fact.text.slice(0, 50)}”` : "-"}${s.also ? " +also" : ""} | ${s.c.sentence.text.replace(/\s+/g, " ").slice(0, 110)}`);
    return [`asks: ${asks.join(", ")} · periods: ${q.periods.join(", ") || "-"} · terms: ${q.terms.join(" ")}`, ...rows].join("\n");
  }

  /** Whether a scored candidate is good enough to answer with. */
  accepts(s: Scored | undefined): s is Scored & { fact: Fact } {
    return !!s && !!s.fact && s.fact.strength >= this.weights.evidenceAt && s.score >= this.weights.answerAt && s.c.ctx >= this.weights.supportAt;
  }

  private async draft(q: Question, asks: Ask[], opts: AskOptions): Promise<AnswerDraft> {
    const ranked = await this.rank(q, asks, opts.planId ?? null);
    const today = localDate(opts.now);
    const best = ranked.find((s) => s.fact);
    const base: AnswerDraft = { answered: false, ask: asks[0], language: q.language, facts: [], next: null, source: null, citations: [], flags: [] };
    // Who signed the document: its signature block (read into the metadata) is the authority.
    if (asks[0] === "signer") {
      const meta = this.fromMeta(q, asks[0], opts.planId ?? null);
      if (meta) return meta;
    }
    // A sentence that states the asked period without a date, ranked above the best one with a
    // date for another or no period, says the plan is silent on that date ("hằng năm ... báo cáo").
    const top = ranked[0];
    if (q.periods.length && top && !top.fact && top.c.period === 1 && best && best.c.period !== 1 && top.score > best.score) {
      if (RESOLVERS[asks[0]].silence?.(top.c, q)) return this.silent(q, asks, top, today, opts.officeDates);
    }
    if (this.accepts(best)) {
      const draft = this.found(q, asks, best, today);
      // Without the asker's plan, other plans that answer about as well are named too.
      if (!opts.planId) {
        const others = new Map<string, Scored>();
        for (const s of ranked)
          if (s.c.plan.id !== best.c.plan.id && !others.has(s.c.plan.id) && this.accepts(s) && s.score >= best.score - MORE_PLANS_MARGIN) others.set(s.c.plan.id, s);
        // A plan that states the period without a date is named too, saying so.
        for (const s of ranked)
          if (!others.has(s.c.plan.id) && s.c.plan.id !== best.c.plan.id && s.score >= best.score - MORE_PLANS_MARGIN - this.weights.evidence && RESOLVERS[asks[0]].silence?.(s.c, q)) others.set(s.c.plan.id, { ...s, fact: null });
        const more = [...others.values()].slice(0, 2).map((s) => (s.fact ? this.found(q, asks, s as Scored & { fact: Fact }, today) : this.silent(q, asks, s, today, opts.officeDates)));
        if (more.length) return { ...draft, citations: [...draft.citations, ...more.flatMap((m) => m.citations)], more };
      }
      return draft;
    }
    const meta = this.fromMeta(q, asks[0], opts.planId ?? null);
    if (meta) return meta;

    // The plan speaks of what is asked but not of the fact: say what it does say.
    const silence = top && top.score >= this.weights.answerAt - this.weights.evidence * 0.5 && top.c.ctx >= this.weights.supportAt ? RESOLVERS[asks[0]].silence?.(top.c, q) : null;
    if (top && silence) return this.silent(q, asks, top, today, opts.officeDates);
    const closest = top ? { source: this.source(top.c, null, q), citations: [] } : {};
    return { ...base, ...closest, flags: ["not-found"] };
  }

  found(q: Question, asks: Ask[], best: Scored & { fact: Fact }, today: string): AnswerDraft {
    const { c, fact } = best;
    const facts = fact.text ? [{ ask: asks[0], value: fact.text }] : [];
    // What the question asks second, when the same sentence carries it.
    for (const a of asks.slice(1)) {
      const more = findWithRecord(RESOLVERS[a], c, q, this.idf);
      if (more?.text && !facts.some((f) => f.value.includes(more.text))) facts.push({ ask: a, value: more.text });
    }
    const flags: DraftFlag[] = [];
    const when = asks.includes("deadline") || asks.includes("recipient") ? this.nextDate(c, q, fact, today) : null;
    if (when?.ended) flags.push("plan-ended");
    if (asks[0] === "deadline" && !when && !fact.due && /\d{4}|quý|tháng/u.test(fact.text) && !/ngày/u.test(fact.text)) flags.push("no-day");
    // The obligation's recipient completes a deadline answer ("Hạn: ... · Gửi về: ...").
    if (asks[0] === "deadline" && !asks.includes("recipient")) {
      const to = c.obligations.find((o) => o.recipient)?.recipient;
      if (to && facts.length) facts.push({ ask: "recipient", value: to });
    }
    return {
      answered: true,
      ask: asks[0],
      language: q.language,
      facts,
      next: when?.next ?? null,
      lastDay: when?.past ?? null,
      source: this.source(c, fact, q),
      citations: [this.citation(c, fact.in)],
      flags,
    };
  }

  /** What a plan says of the asked period when it gives no date (or the date the office set for it). */
  private silent(q: Question, asks: Ask[], s: Scored, today: string, officeDates?: OfficeDate[]): AnswerDraft {
    const office = this.officeDate(s.c, q, today, officeDates);
    if (office) return office;
    const said = RESOLVERS[asks[0]].silence?.(s.c, q) ?? null;
    return {
      answered: false,
      ask: asks[0],
      language: q.language,
      facts: said ? [{ ask: asks[0], value: said.text }] : [],
      next: null,
      source: this.source(s.c, said, q),
      citations: [this.citation(s.c)],
      flags: ["period-no-date"],
    };
  }

  /** Who signed a plan, or when: from its metadata when no sentence says it. */
  private fromMeta(q: Question, ask: Ask, planId: string | null): AnswerDraft | null {
    if (ask !== "signer" && ask !== "issued") return null;
    const scope = this.scope(q, planId);
    const plans = (scope ?? this.planList.map((p) => p.id)).map((id) => this.byId.get(id)!).slice(0, 3);
    for (const plan of plans) {
      const value = ask === "signer" ? plan.meta.signers.join(", ") : plan.meta.date;
      if (!value) continue;
      const quote = ask === "signer" ? plan.meta.signers.join(", ") : `${plan.meta.place ? `${plan.meta.place}, ` : ""}ngày ${plan.meta.date}`;
      return {
        answered: true,
        ask,
        language: q.language,
        facts: [{ ask, value }],
        next: null,
        source: { title: shortTitle(plan), section: "", excerpt: quote },
        citations: [{ plan: plan.id, planTitle: plan.meta.title, section: "", quote }],
        flags: [],
      };
    }
    return null;
  }

  /** The next last day of the fact's date, from the obligation's schedule or the date itself. */
  private nextDate(c: Candidate, q: Question, fact: Fact, today: string): { next: AnswerDraft["next"]; ended: boolean; past?: string | null } | null {
    const obligation = c.obligations.find((o) => o.schedule.some((s) => s.due && (!q.periods.length || q.periods.includes(s.period))));
    const items: ScheduleItem[] = obligation
      ? obligation.schedule.filter((s) => s.due && (!q.periods.length || q.periods.includes(s.period)))
      : fact.due
        ? [{ period: /h[aằà]ng năm|mỗi năm/iu.test(c.sentence.text) ? "yearly" : "once", due: fact.due }]
        : [];
    if (!items.length) return null;
    // Only a plan or programme is for its years; a standing rule (Quyết định, Quy chế, Công văn) is not.
    const kind = c.plan.meta.attached?.kind ?? c.plan.meta.kind;
    const validity = !kind || /^(Kế hoạch|Chương trình)/u.test(kind) ? c.plan.meta.period : null;
    const next = nextOccurrence(items, today, validity);
    const ref = { obligationId: obligation?.id ?? null, plan: c.plan.id };
    if (next) return { next: { date: next.lastDay, daysLeft: daysBetween(today, next.lastDay), ...ref }, ended: false };
    const ended = !!validity && Number(today.slice(0, 4)) > validity.to && !!previousOccurrence(items, today, validity);
    const recurring = items.filter((s) => s.period !== "once" && s.due?.year === undefined);
    const cont = ended && recurring.length ? nextOccurrence(recurring, today) : null;
    const past = cont ? null : (previousOccurrence(items, today, validity) ?? previousOccurrence(items, today))?.lastDay ?? null;
    return { next: cont ? { date: cont.lastDay, daysLeft: daysBetween(today, cont.lastDay), ...ref } : null, ended, past };
  }

  /** A date the office set for a period the plan states without one. */
  private officeDate(c: Candidate, q: Question, today: string, officeDates?: OfficeDate[]): AnswerDraft | null {
    const office = officeSchedulesOf(officeDates);
    for (const o of c.obligations) {
      const items = officeItemsThatApply(o.schedule, office.get(`${c.plan.id}|${o.id}`) ?? []).filter((i) => !q.periods.length || q.periods.includes(i.period));
      if (!items.length) continue;
      const next = nextOccurrence(items, today);
      return {
        answered: true,
        ask: "deadline",
        language: q.language,
        facts: [{ ask: "deadline", value: items[0].due!.text }, ...(o.recipient ? [{ ask: "recipient" as const, value: o.recipient }] : [])],
        next: next ? { date: next.lastDay, daysLeft: daysBetween(today, next.lastDay), obligationId: o.id, plan: c.plan.id } : null,
        source: this.source(c, null, q),
        citations: [this.citation(c)],
        flags: ["office-date"],
      };
    }
    return null;
  }

  private source(c: Candidate, fact: Fact | null, q: Question): AnswerDraft["source"] {
    const excerpt = fact?.in ? `${excerptAround(c.sentence.text, null, q, MAX_EXCERPT / 2)} … ${excerptAround(fact.in.text, fact, q, MAX_EXCERPT / 2)}` : excerptAround(c.sentence.text, fact, q);
    return { title: shortTitle(c.plan), section: shortSection(c.section?.path ?? ""), excerpt };
  }

  private citation(c: Candidate, line?: Sentence): AnswerCitation {
    const quote = line ? `${clip(c.sentence.text, MAX_QUOTE / 2)} ${clip(line.text, MAX_QUOTE / 2)}` : clip(c.sentence.text, MAX_QUOTE);
    return { plan: c.plan.id, planTitle: c.plan.meta.title, section: c.section?.path ?? "", quote };
  }

  /** The asker's plan (or the few a name in the question points to): every sentence; otherwise the search hits. */
  private async candidates(q: Question, scope: string[] | null): Promise<Candidate[]> {
    const hits = await this.index.search(q.canonical, { k: CANDIDATES, plans: scope ? new Set(scope) : null });
    const top = Math.max(1e-9, ...hits.map((h) => h.score));
    const searchOf = new Map(hits.map((h) => [h.doc, h.score / top]));
    const out: Candidate[] = [];
    const r: Reading = { q, idf: this.idf, id: lookup(this.termIds), namedWeight: this.weights.named };
    if (scope && scope.length <= READ_WHOLE_PLANS) {
      for (const id of scope) {
        const ctx = this.context(id)!;
        const first = this.firstDoc.get(id)!;
        for (let i = 0; i < ctx.plan.sentences.length; i++) out.push(candidate(ctx, i, r, searchOf.get(first + i) ?? 0));
      }
      return out;
    }
    // Over the whole library, the plans most of the hits come from are read further: a plan about
    // the question has several matching sentences, where a sentence that only shares words stands alone.
    const more = scope ? [] : await this.index.search(q.canonical, { k: CANDIDATES, plans: new Set(focusPlans(hits.map((h) => ({ plan: this.docPlans[h.doc], score: h.score })))) });
    // Within those plans a sentence is scored as it would be with the plan chosen.
    const topMore = Math.max(1e-9, ...more.map((h) => h.score));
    for (const h of more) searchOf.set(h.doc, Math.max(searchOf.get(h.doc) ?? 0, h.score / topMore));
    const seen = new Set<number>();
    for (const h of [...hits, ...more]) {
      if (seen.has(h.doc)) continue;
      seen.add(h.doc);
      const { ctx, i } = this.locate(h.doc);
      out.push(candidate(ctx, i, r, searchOf.get(h.doc) ?? 0));
    }
    return out;
  }

  private locate(doc: number): { ctx: PlanContext; i: number } {
    const id = this.docPlans[doc];
    return { ctx: this.context(id)!, i: doc - this.firstDoc.get(id)! };
  }

  /** A plan's reading context, made on first use (warmUp makes them all after the start, not before it is ready). */
  private context(id: string): PlanContext | undefined {
    let ctx = this.contexts.get(id);
    if (!ctx) {
      const plan = this.byId.get(id);
      if (!plan) return undefined;
      const saved = this.sentenceIds && { ...this.sentenceIds, first: this.firstDoc.get(id)! };
      this.contexts.set(id, (ctx = planContext(plan, this.termIds, saved)));
    }
    return ctx;
  }

  /** Plans to answer from: the asker's plan, unless the question names other plans. */
  private scope(q: Question, planId: string | null): string[] | null {
    const grams = bigrams(tokenise(q.canonical).seq);
    const named = this.hints.named(grams);
    // A document named by kind and number ("KH 1026") is the strongest pointer; a place or issuer
    // named beside it picks among several documents with that number.
    const referenced = this.hints.referenced(q.raw);
    if (referenced.length) {
      if (planId && referenced.includes(planId)) return [planId];
      const both = referenced.filter((id) => named.includes(id));
      return both.length ? both : referenced;
    }
    if (planId && this.byId.has(planId)) {
      // The asker's plan is authoritative; only a strong name (two words of another plan's own name) points elsewhere.
      const hits = this.hints.hits(grams);
      const strong = named.filter((id) => (hits.get(id) ?? 0) >= 2);
      return strong.length && !hits.has(planId) ? strong : [planId];
    }
    return named.length ? named : null;
  }
}

/** Plans whose sentences gather the most of the search's weight (at most FOCUS_PLANS). */
function focusPlans(hits: readonly { plan: string; score: number }[]): string[] {
  const sum = new Map<string, number>();
  for (const h of hits) sum.set(h.plan, (sum.get(h.plan) ?? 0) + h.score);
  return [...sum].sort((a, b) => b[1] - a[1]).slice(0, FOCUS_PLANS).map(([id]) => id);
}

function reply(language: "vi" | "en", kind: Answer["kind"], text: string, answered: boolean): Answer {
  return { answered, kind, language, text, citations: [], next: null, via: "extractive" };
}

function clip(s: string, max: number): string {
  const clean = s.replace(/\*+/g, "").replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max).replace(/\s+\S*$/, "")} …` : clean;
}

/** The plan's title, short: its first line, at most about 90 characters. */
function shortTitle(plan: Plan): string {
  const t = plan.meta.title.replace(/\s+/g, " ").trim();
  return t.length > 90 ? `${t.slice(0, 90).replace(/\s+\S*$/, "")} …` : t;
}

/** The last level of a heading path. */
function shortSection(path: string): string {
  const parts = path.split(" › ");
  return clip(parts[parts.length - 1], 90);
}

/** The part of the sentence around the fact (or the question's words), at most MAX_EXCERPT characters. */
function excerptAround(text: string, fact: Fact | null, q: Question, max = MAX_EXCERPT): string {
  const clean = text.replace(/\*+/g, "");
  if (clean.replace(/\s+/g, " ").trim().length <= max) return clip(clean, max);
  const raw = text;
  let centre: number;
  if (fact && fact.end > fact.start) centre = (fact.start + fact.end) / 2;
  else {
    // The clause holding most of the question's words.
    const lower = raw.toLowerCase();
    const hits = q.terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
    centre = hits.length ? hits.reduce((a, b) => a + b, 0) / hits.length : 0;
  }
  let start = Math.max(0, Math.round(centre - max / 2));
  const boundary = raw.lastIndexOf(";", start) >= 0 && start - raw.lastIndexOf(";", start) < 60 ? raw.lastIndexOf(";", start) + 1 : raw.lastIndexOf(" ", start) + 1;
  start = Math.max(0, boundary);
  const end = Math.min(raw.length, start + max);
  const body = clip(raw.slice(start, end), max).replace(/ …$/, "");
  return `${start > 0 ? "… " : ""}${body}${end < raw.length ? " …" : ""}`;
}
