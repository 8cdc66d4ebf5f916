import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { Session } from "node:inspector/promises";
import { KnowledgeEngine } from "../knowledge/answer/engine";
import { planFromText } from "../knowledge/load-plan";
import { makePlans, makeQuestions, type SourcePlan } from "./bench/corpus";
const N = Number(process.argv[2] ?? 1000);
const src = "./knowledge/sample-plans";
const sources: SourcePlan[] = readdirSync(src).filter((f) => [".txt", ".md"].includes(extname(f))).sort().map((f) => ({ id: f.replace(/\.[^.]+$/, ""), text: readFileSync(join(src, f), "utf8"), ext: extname(f) }));
const corpus = makePlans(sources, N);
const plans = corpus.map((c) => planFromText(c.id, c.text, `${c.id}${c.ext}`));
const engine = await KnowledgeEngine.build(plans);
const now = new Date("2026-05-01T05:00:00Z");
const qs = makeQuestions(plans.map((p, i) => ({ id: p.id, place: corpus[i].place, sentences: p.sentences.map((s) => s.text) })), 1500);
for (const q of qs.slice(0, 100)) await engine.answer(q.question, { planId: q.planId, now });
const s = new Session(); s.connect();
if (process.env.PROF) { await s.post("Profiler.enable"); await s.post("Profiler.start"); }
const times: number[] = [];
for (const q of qs) { const t = performance.now(); await engine.answer(q.question, { planId: q.planId, now }); times.push(performance.now() - t); }
if (process.env.PROF) { const { profile } = await s.post("Profiler.stop"); writeFileSync("/tmp/ans.cpuprofile", JSON.stringify(profile)); }
times.sort((a, b) => a - b);
const p = (x: number) => times[Math.floor(x / 100 * times.length)].toFixed(1);
console.log(`plans ${N} q ${qs.length} p50 ${p(50)} p95 ${p(95)} p99 ${p(99)} ms; noplan ${qs.filter((q) => !q.planId).length}`);
