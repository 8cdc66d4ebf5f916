// npm run bench [-- --plans 1000 --questions 2000 --runs 3 --users 50 --turns 1000 --source DIR]
// Builds a corpus of realistic plans from the plans in DIR, then, in each of --runs runs: builds the
// search index afresh, answers the questions with the engine alone, and sends turns through the
// whole HTTP path (/api/messages, Teams Emulator mode, a loopback fake connector) with --users
// concurrent users. Prints each run and the median and spread (max - min) of the runs, and the
// peak RSS of the whole process (the embedded database included).
import { readFileSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { KnowledgeEngine } from "../knowledge/answer/engine";
import { planFromText } from "../knowledge/load-plan";
import type { Plan } from "../knowledge/types";
import { makePlans, makeQuestions, type SourcePlan } from "./bench/corpus";
import { median, percentile, spread } from "./bench/stats";
import { timeTurns, type TurnFigures } from "./bench/turns";

const HELP = `Usage: npm run bench [-- --plans 1000 --questions 2000 --runs 3 --users 50 --turns 1000 --source ./knowledge/sample-plans]`;

interface EngineRun {
  indexS: number;
  /** Background warm-up after the build (term ids and vectors of every sentence). */
  warmS: number;
  answered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** p99 of the questions with no plan (the whole corpus). */
  wholeP99: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      plans: { type: "string", default: "1000" },
      questions: { type: "string", default: "2000" },
      runs: { type: "string", default: "3" },
      users: { type: "string", default: "50" },
      turns: { type: "string", default: "1000" },
      source: { type: "string", default: "./knowledge/sample-plans" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const [nPlans, nQuestions, runs, users, nTurns] = [values.plans, values.questions, values.runs, values.users, values.turns].map(Number);
  if (![nPlans, nQuestions, runs, users, nTurns].every((n) => Number.isInteger(n) && n >= 1)) throw new Error("--plans, --questions, --runs, --users and --turns must be whole numbers above 0.");
  const sources: SourcePlan[] = readdirSync(values.source!)
    .filter((f) => [".txt", ".md"].includes(extname(f)))
    .sort()
    .map((f) => ({ id: f.replace(/\.[^.]+$/, ""), text: readFileSync(join(values.source!, f), "utf8"), ext: extname(f) }));
  if (sources.length === 0) throw new Error(`No .txt or .md plans in ${values.source}.`);

  const corpus = makePlans(sources, nPlans);
  const now = new Date("2026-05-01T05:00:00Z");
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const f = (x: number) => x.toFixed(1);

  const t0 = performance.now();
  const plans: Plan[] = corpus.map((c) => planFromText(c.id, c.text, `${c.id}${c.ext}`));
  const loadS = (performance.now() - t0) / 1000;
  const sentences = plans.reduce((n, p) => n + p.sentences.length, 0);
  out(`corpus: ${nPlans} plans, ${sentences} sentences, ${plans.reduce((n, p) => n + p.obligations.length, 0)} obligations (from ${sources.length} source plans)`);
  out(`load + extract (text in memory, once): ${f(loadS)} s (${f(nPlans / loadS)} plans/s); from files into the database: see npm run bench:start`);

  const questions = makeQuestions(
    plans.map((p, i) => ({ id: p.id, place: corpus[i].place, sentences: p.sentences.map((s) => s.text) })),
    nQuestions,
  );
  const whole = questions.filter((q) => q.planId === null).length;
  out(`questions: ${nQuestions}, ${whole} (${Math.round((100 * whole) / nQuestions)}%) with no plan (the whole corpus)`);

  const engineRuns: EngineRun[] = [];
  const turnRuns: TurnFigures[] = [];
  for (let run = 1; run <= runs; run++) {
    const ti = performance.now();
    const engine = await KnowledgeEngine.build(plans);
    const indexS = (performance.now() - ti) / 1000;
    // A server answers while this runs; the figures below are of the steady state after it.
    const tw = performance.now();
    await engine.warmed;
    const warmS = (performance.now() - tw) / 1000;
    // Warm-up so the figures measure steady answering, not the JIT.
    for (const q of questions.slice(0, 50)) await engine.answer(q.question, { planId: q.planId, now });
    const times: number[] = [];
    const wholeTimes: number[] = [];
    let answered = 0;
    for (const q of questions) {
      const s = performance.now();
      const a = await engine.answer(q.question, { planId: q.planId, now });
      const ms = performance.now() - s;
      times.push(ms);
      if (q.planId === null) wholeTimes.push(ms);
      if (a.answered) answered++;
    }
    times.sort((a, b) => a - b);
    wholeTimes.sort((a, b) => a - b);
    const e: EngineRun = { indexS, warmS, answered, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times[times.length - 1], wholeP99: wholeTimes.length ? percentile(wholeTimes, 99) : NaN };
    engineRuns.push(e);
    out(
      `run ${run}/${runs}: index build ${f(e.indexS)} s, then ${f(e.warmS)} s of background warm-up; engine alone: ${answered}/${nQuestions} answered, p50 ${f(e.p50)} ms, p95 ${f(e.p95)} ms, p99 ${f(e.p99)} ms (whole corpus p99 ${f(e.wholeP99)} ms), max ${f(e.max)} ms`,
    );
    const t = await timeTurns({ answerer: engine, questions: questions.map((q) => q.question), users, turns: nTurns });
    turnRuns.push(t);
    out(
      `run ${run}/${runs}: HTTP /api/messages, ${users} users: ${t.turns} turns (${t.failed} failed${t.failed ? `: ${JSON.stringify(t.failures)}` : ""}) in ${f(t.seconds)} s = ${f(t.perSecond)} turns/s, p50 ${f(t.p50)} ms, p99 ${f(t.p99)} ms, max ${f(t.max)} ms; /healthz worst ${f(t.healthMax)} ms under load`,
    );
  }
  const m = <T>(xs: T[], pick: (x: T) => number) => {
    const v = xs.map(pick);
    return `${f(median(v))} (spread ${f(spread(v))})`;
  };
  out(`--- medians of ${runs} runs (spread = max - min) ---`);
  out(`index build (BM25 + hnswlib, default embedder): ${m(engineRuns, (r) => r.indexS)} s; background warm-up after it: ${m(engineRuns, (r) => r.warmS)} s`);
  out(`engine alone: p50 ${m(engineRuns, (r) => r.p50)} ms, p95 ${m(engineRuns, (r) => r.p95)} ms, p99 ${m(engineRuns, (r) => r.p99)} ms, whole-corpus p99 ${m(engineRuns, (r) => r.wholeP99)} ms`);
  out(`answered (engine): ${m(engineRuns, (r) => r.answered)} of ${nQuestions}`);
  out(`HTTP turns (${users} concurrent users, questions without a registered plan, so the whole corpus): ${m(turnRuns, (r) => r.perSecond)} turns/s, p50 ${m(turnRuns, (r) => r.p50)} ms, p99 ${m(turnRuns, (r) => r.p99)} ms`);
  out(`/healthz worst latency under that load: ${m(turnRuns, (r) => r.healthMax)} ms`);
  out(`embedded database (PGlite) on opening: +${Math.round(median(turnRuns.map((r) => r.rssAfterDb - r.rssBeforeDb)))} MB RSS`);
  out(`peak RSS of the whole process (database included): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

main().catch((e: Error) => {
  process.stderr.write(`bench: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
