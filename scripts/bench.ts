// npm run bench [-- --plans N --questions N --source DIR]
// Builds a corpus of realistic plans from the plans in DIR, ingests it (load, extract, index),
// answers questions, and prints ingest throughput, index build time, answer latency and peak RSS.
import { readFileSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { KnowledgeEngine } from "../knowledge/answer/engine";
import { planFromText } from "../knowledge/load-plan";
import type { Plan } from "../knowledge/types";
import { makePlans, makeQuestions, type SourcePlan } from "./bench/corpus";

const HELP = `Usage: npm run bench [-- --plans 1000 --questions 2000 --source ./knowledge/sample-plans]`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      plans: { type: "string", default: "1000" },
      questions: { type: "string", default: "2000" },
      source: { type: "string", default: "./knowledge/sample-plans" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const nPlans = Number(values.plans);
  const nQuestions = Number(values.questions);
  if (!Number.isInteger(nPlans) || nPlans < 1 || !Number.isInteger(nQuestions) || nQuestions < 1) throw new Error("--plans and --questions must be whole numbers above 0.");
  const sources: SourcePlan[] = readdirSync(values.source!)
    .filter((f) => [".txt", ".md"].includes(extname(f)))
    .sort()
    .map((f) => ({ id: f.replace(/\.[^.]+$/, ""), text: readFileSync(join(values.source!, f), "utf8"), ext: extname(f) }));
  if (sources.length === 0) throw new Error(`No .txt or .md plans in ${values.source}.`);

  const corpus = makePlans(sources, nPlans);
  const now = new Date("2026-05-01T05:00:00Z");

  const t0 = performance.now();
  const plans: Plan[] = corpus.map((c) => planFromText(c.id, c.text, `${c.id}${c.ext}`));
  const tLoaded = performance.now();
  const engine = await KnowledgeEngine.build(plans);
  const tIndexed = performance.now();
  const sentences = plans.reduce((n, p) => n + p.sentences.length, 0);

  const questions = makeQuestions(
    plans.map((p, i) => ({ id: p.id, place: corpus[i].place, sentences: p.sentences.map((s) => s.text) })),
    nQuestions,
  );
  // Warm-up so the figures measure steady answering, not the JIT.
  for (const q of questions.slice(0, 50)) await engine.answer(q.question, { planId: q.planId, now });
  const times: number[] = [];
  let answered = 0;
  for (const q of questions) {
    const s = performance.now();
    const a = await engine.answer(q.question, { planId: q.planId, now });
    times.push(performance.now() - s);
    if (a.answered) answered++;
  }
  times.sort((a, b) => a - b);
  const loadS = (tLoaded - t0) / 1000;
  const indexS = (tIndexed - tLoaded) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const f = (x: number) => x.toFixed(1);
  process.stdout.write(
    [
      `corpus: ${nPlans} plans, ${sentences} sentences, ${plans.reduce((n, p) => n + p.obligations.length, 0)} obligations (from ${sources.length} source plans)`,
      `load + extract: ${f(loadS)} s (${f(nPlans / loadS)} plans/s)`,
      `index build (BM25 + hnswlib, default embedder): ${f(indexS)} s`,
      `ingest throughput (load + extract + index): ${f(nPlans / (loadS + indexS))} plans/s`,
      `answers: ${nQuestions} questions, ${answered} answered; latency p50 ${f(percentile(times, 50))} ms, p95 ${f(percentile(times, 95))} ms, p99 ${f(percentile(times, 99))} ms, max ${f(times[times.length - 1])} ms`,
      `peak RSS: ${Math.round(rssMb)} MB`,
    ].join("\n") + "\n",
  );
}

main().catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
