// npm run bench [-- --plans 1000 --questions 2000 --runs 3 --users 50 --turns 1000]
// An honest bench of the whole server on this machine:
// - plans made from the real documents of --corpus (other places, numbers, years and dates) and,
//   one in five, from the sample plans (--source); written as files;
// - questions of every kind, a fifth with no plan (the whole corpus), phrased from templates
//   (shortened, abbreviated, unaccented, some English), with the fact where the plan states one;
// - the engine alone in this process: answer latency and accuracy on the questions with a fact;
// - in each of --runs runs, the real server (`npm start`'s scripts/start.ts) in its own process
//   with a fresh database: the first start ingests the files (plans/s), a restart loads them
//   unchanged, then --turns question turns go through /api/messages (Teams Emulator mode, a
//   loopback fake connector) from --users concurrent users in this process; the server's peak RSS
//   (VmHWM, the embedded database included).
// Prints each run, then the median and spread (max - min) of the runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { cliArgs, UsageError, wholeNumber } from "./cli";
import { openDb } from "../bot/storage/open-db";
import { KnowledgeEngine } from "../knowledge/answer/engine";
import { planFromText } from "../knowledge/load-plan";
import type { Plan } from "../knowledge/types";
import { makePlans, readSources } from "./bench/corpus";
import { isCorrect, makeQuestions, type BenchQuestion } from "./bench/questions";
import { startServerProcess } from "./bench/server-process";
import { median, percentile, spread } from "./bench/stats";
import { seedUsers, timeTurns, type TurnFigures } from "./bench/turns";

const HELP = `Usage: npm run bench [-- OPTIONS]
  --plans N       generated plans (default 1000)
  --questions N   questions for the engine alone (default 2000; a fifth with no plan)
  --runs N        runs of the whole measure; medians and spreads are printed (default 3)
  --users N       concurrent users sending turns through /api/messages (default 50)
  --turns N       turns through /api/messages right after the restart, then as many again (in service) (default 1000)
  --corpus DIR    real documents to make plans from (default ../shared/corpus/docs)
  --source DIR    sample plans, one plan in five (default ./knowledge/sample-plans)
  --dir DIR       keep the plan files here (default: a temporary folder, removed at the end)
  --skip-engine   leave out the engine-alone part (server start and turns only)
  --data DIR      keep the server's data folder here across runs and invocations: the first start
                  (and the users' seeding) only when DIR has no database yet, then a restart and
                  the turns; fast to repeat (default: a fresh folder per run, removed after it)
  --cpu-prof DIR  the server process writes V8 CPU profiles here (one per thread) when it stops
  --app DIR       run the server of another checkout (e.g. a worktree of main, for before/after runs
                  back to back; default this one)
  --settle        after the restart, wait until the server is idle (under 5% of a core for 2 s; the
                  answer workers warm their engine in the background after /readyz) before the turns
  -h, --help      this text`;

interface EngineRun {
  indexS: number;
  warmS: number;
  answered: number;
  correct: number;
  withFact: number;
  wholeCorrect: number;
  wholeWithFact: number;
  p50: number;
  p95: number;
  p99: number;
  wholeP99: number;
  byKind: Map<string, { n: number; facts: number; correct: number }>;
}

interface ServerRun {
  /** NaN when --data already held a database (no first start). */
  firstReadyS: number;
  plansPerS: number;
  restartReadyS: number;
  /** The first turns after the restart (cold: each plan's first question, code not yet optimised). */
  turns: TurnFigures;
  /** As many turns again right after them, other questions (the same users): a server in service. */
  warm: TurnFigures;
  warmServerCpuMsPerTurn: number;
  peakIngestMb: number;
  peakServeMb: number;
  /** CPU time per counted turn: the server process (all threads) and this load generator. */
  serverCpuMsPerTurn: number;
  clientCpuMsPerTurn: number;
  /** The server's main thread alone (HTTP, botbuilder, the embedded database). */
  mainCpuMsPerTurn: number;
  /** Seconds from /readyz 200 until the server was idle (--settle), else 0. */
  settleS: number;
  /** Seconds from the first start's /readyz 200 until it was idle (its background work done). */
  firstIdleS: number;
}

/** Waits until the server uses under 5% of a core for 2 s in a row (at most 5 minutes); returns the seconds waited. */
async function settled(server: { cpuMs(): number | null }): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  let last = server.cpuMs() ?? 0;
  while (quiet < 2 && performance.now() - t0 < 300_000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = server.cpuMs() ?? 0;
    quiet = now - last < 50 ? quiet + 1 : 0;
    last = now;
  }
  return (performance.now() - t0) / 1000;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const f = (x: number) => x.toFixed(1);
const mb = (kb: number | null) => Math.round((kb ?? NaN) / 1024);

async function engineRun(plans: Plan[], questions: BenchQuestion[], now: Date): Promise<EngineRun> {
  const ti = performance.now();
  const engine = await KnowledgeEngine.build(plans);
  const indexS = (performance.now() - ti) / 1000;
  const tw = performance.now();
  await engine.warmed;
  const warmS = (performance.now() - tw) / 1000;
  for (const q of questions.slice(0, 50)) await engine.answer(q.question, { planId: q.planId, now }); // JIT warm-up
  const times: number[] = [];
  const wholeTimes: number[] = [];
  const r: EngineRun = { indexS, warmS, answered: 0, correct: 0, withFact: 0, wholeCorrect: 0, wholeWithFact: 0, p50: 0, p95: 0, p99: 0, wholeP99: NaN, byKind: new Map() };
  for (const q of questions) {
    const s = performance.now();
    const a = await engine.answer(q.question, { planId: q.planId, now });
    const ms = performance.now() - s;
    times.push(ms);
    if (q.planId === null) wholeTimes.push(ms);
    if (a.answered) r.answered++;
    const k = r.byKind.get(q.kind) ?? { n: 0, facts: 0, correct: 0 };
    r.byKind.set(q.kind, k);
    k.n++;
    if (!q.fact) continue;
    const ok = isCorrect(a, q.fact);
    k.facts++;
    if (ok) k.correct++;
    if (q.planId === null) {
      r.wholeWithFact++;
      if (ok) r.wholeCorrect++;
    } else {
      r.withFact++;
      if (ok) r.correct++;
    }
  }
  times.sort((a, b) => a - b);
  wholeTimes.sort((a, b) => a - b);
  Object.assign(r, { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), wholeP99: wholeTimes.length ? percentile(wholeTimes, 99) : NaN });
  return r;
}

async function serverRun(o: { root: string; plansDir: string; planIds: string[]; questions: BenchQuestion[]; users: number; turns: number; data?: string; cpuProf?: string; settle?: boolean; app?: string }): Promise<ServerRun> {
  const dataDir = o.data ?? join(o.root, `data-${Date.now()}`);
  const nodeArgs = o.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", o.cpuProf] : [];
  try {
    let firstReadyS = NaN;
    let firstIdleS = NaN;
    let peakIngestMb = NaN;
    if (!existsSync(join(dataDir, "db"))) {
      const first = await startServerProcess({ plansDir: o.plansDir, dataDir, app: o.app });
      firstReadyS = first.readyzMs / 1000;
      // A server runs on after its first start: its background work after /readyz (the answer
      // worker's warm-up, which saves every sentence's term ids for the next start) ends before
      // it is stopped, as it would in service.
      firstIdleS = await settled(first);
      peakIngestMb = mb(first.peakRssKb());
      await first.stop();
    }
    // Idempotent: a kept folder (--data) made some other way gets its users here too.
    const db = await openDb({ dataDir: join(dataDir, "db") });
    try {
      await seedUsers(db, o.planIds);
    } finally {
      await db.close();
    }
    const server = await startServerProcess({ plansDir: o.plansDir, dataDir, nodeArgs, app: o.app });
    try {
      const settleS = o.settle ? await settled(server) : 0;
      const cpu0 = server.cpuMs() ?? NaN;
      const main0 = server.mainThreadCpuMs() ?? NaN;
      const client0 = process.cpuUsage();
      const turns = await timeTurns({ url: server.url, turns: o.questions, planIds: o.planIds, users: o.users, count: o.turns });
      const client = process.cpuUsage(client0);
      const serverCpuMsPerTurn = ((server.cpuMs() ?? NaN) - cpu0) / turns.turns;
      const mainCpuMsPerTurn = ((server.mainThreadCpuMs() ?? NaN) - main0) / turns.turns;
      const clientCpuMsPerTurn = (client.user + client.system) / 1000 / turns.turns;
      const cpu1 = server.cpuMs() ?? NaN;
      const next = o.questions.slice(o.turns % o.questions.length).concat(o.questions.slice(0, o.turns % o.questions.length));
      const warm = await timeTurns({ url: server.url, turns: next, planIds: o.planIds, users: o.users, count: o.turns });
      const warmServerCpuMsPerTurn = ((server.cpuMs() ?? NaN) - cpu1) / warm.turns;
      return { firstReadyS, firstIdleS, plansPerS: o.planIds.length / firstReadyS, restartReadyS: server.readyzMs / 1000, turns, warm, warmServerCpuMsPerTurn, peakIngestMb, peakServeMb: mb(server.peakRssKb()), serverCpuMsPerTurn, mainCpuMsPerTurn, clientCpuMsPerTurn, settleS };
    } finally {
      await server.stop();
    }
  } finally {
    if (!o.data) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = cliArgs(
    {
      options: {
        plans: { type: "string", default: "1000" },
        questions: { type: "string", default: "2000" },
        runs: { type: "string", default: "3" },
        users: { type: "string", default: "50" },
        turns: { type: "string", default: "1000" },
        corpus: { type: "string", default: "../shared/corpus/docs" },
        source: { type: "string", default: "./knowledge/sample-plans" },
        dir: { type: "string" },
        "skip-engine": { type: "boolean", default: false },
        data: { type: "string" },
        "cpu-prof": { type: "string" },
        settle: { type: "boolean", default: false },
        app: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  );
  const nPlans = wholeNumber("plans", values.plans);
  const nQuestions = wholeNumber("questions", values.questions);
  const runs = wholeNumber("runs", values.runs);
  const users = wholeNumber("users", values.users);
  const nTurns = wholeNumber("turns", values.turns);
  for (const dir of [values.corpus!, values.source!]) if (!existsSync(dir)) throw new UsageError(`No folder ${dir}: pass --corpus DIR (the real documents, ../shared/corpus/docs beside the main checkout) and --source DIR (the sample plans).`);
  const real = readSources(values.corpus!);
  const samples = readSources(values.source!);
  if (real.length + samples.length === 0) throw new UsageError(`No .txt or .md documents in ${values.corpus} or ${values.source}.`);

  const root = values.dir ?? mkdtempSync(join(tmpdir(), "tlkh-bench-"));
  const plansDir = join(root, "plans");
  mkdirSync(plansDir, { recursive: true });
  try {
    const corpus = makePlans(real, nPlans, 1, samples);
    // An unchanged file is not written again: its mtime stays, so a kept data folder's restart reads nothing.
    for (const p of corpus) {
      const file = join(plansDir, `${p.id}${p.ext}`);
      if (!existsSync(file) || readFileSync(file, "utf8") !== p.text) writeFileSync(file, p.text);
    }
    const now = new Date("2026-05-01T05:00:00Z");
    out(`load: ${new Date().toISOString()}, ${uptime()}`);
    // With --data and --skip-engine the plans need not be read again: the questions are kept in DIR.
    const kept = values.data && values["skip-engine"] ? join(values.data, `bench-questions-${nPlans}-${nQuestions}.json`) : null;
    let plans: Plan[] = [];
    let questions: BenchQuestion[];
    let planIds: string[];
    if (kept && existsSync(kept)) {
      ({ questions, planIds } = JSON.parse(readFileSync(kept, "utf8")) as { questions: BenchQuestion[]; planIds: string[] });
      out(`questions and plan ids read from ${kept}`);
    } else {
      const t0 = performance.now();
      plans = corpus.map((c) => planFromText(c.id, c.text, `${c.id}${c.ext}`));
      const loadS = (performance.now() - t0) / 1000;
      const sentences = plans.reduce((n, p) => n + p.sentences.length, 0);
      const fromReal = corpus.filter((c) => !samples.some((s) => c.id.endsWith(s.id.slice(0, 48)))).length;
      out(`corpus: ${nPlans} plans (${fromReal} from ${real.length} real documents, ${nPlans - fromReal} from ${samples.length} sample plans), ${sentences} sentences, ${plans.reduce((n, p) => n + p.obligations.length, 0)} obligations`);
      out(`extract in memory (text already read, no database): ${f(loadS)} s (${f(nPlans / loadS)} plans/s)`);
      questions = makeQuestions(plans.map((p, i) => ({ plan: p, place: corpus[i].place })), nQuestions);
      planIds = plans.map((p) => p.id);
      if (kept) {
        mkdirSync(values.data!, { recursive: true });
        writeFileSync(kept, JSON.stringify({ questions, planIds }));
      }
    }
    const whole = questions.filter((q) => q.planId === null).length;
    const facts = questions.filter((q) => q.fact).length;
    out(`questions: ${nQuestions}, ${whole} (${Math.round((100 * whole) / nQuestions)}%) with no plan (the whole corpus), ${facts} with a known fact; e.g. ${questions.slice(0, 4).map((q) => JSON.stringify(q.question)).join(", ")}`);

    const engineRuns: EngineRun[] = [];
    const serverRuns: ServerRun[] = [];
    for (let run = 1; run <= runs; run++) {
      const e = values["skip-engine"] ? null : await engineRun(plans, questions, now);
      if (e) engineRuns.push(e);
      if (e) out(
        `run ${run}/${runs}: engine alone: index ${f(e.indexS)} s + ${f(e.warmS)} s warm-up; ${e.answered}/${nQuestions} answered; correct ${e.correct}/${e.withFact} on a plan, ${e.wholeCorrect}/${e.wholeWithFact} whole corpus; p50 ${f(e.p50)} ms, p95 ${f(e.p95)} ms, p99 ${f(e.p99)} ms (whole corpus p99 ${f(e.wholeP99)} ms)`,
      );
      const s = await serverRun({ root, plansDir, planIds, questions, users, turns: nTurns, data: values.data, cpuProf: values["cpu-prof"], settle: values.settle, app: values.app });
      serverRuns.push(s);
      const t = s.turns;
      out(
        `run ${run}/${runs}: server process: first start ${f(s.firstReadyS)} s (${f(s.plansPerS)} plans/s from files into the database; idle ${f(s.firstIdleS)} s after), restart ${f(s.restartReadyS)} s${s.settleS ? ` + ${f(s.settleS)} s until idle` : ""}; ` +
          `/api/messages, ${users} users: ${t.turns} turns (${t.failed} failed${t.failed ? `: ${JSON.stringify(t.failures)}` : ""}) in ${f(t.seconds)} s = ${f(t.perSecond)} turns/s, p50 ${f(t.p50)} ms, p99 ${f(t.p99)} ms, max ${f(t.max)} ms; /healthz worst ${f(t.healthMax)} ms; CPU per turn ${f(s.serverCpuMsPerTurn)} ms server (${f(s.mainCpuMsPerTurn)} main thread), ${f(s.clientCpuMsPerTurn)} ms client; the next ${s.warm.turns} turns (${s.warm.failed} failed) ${f(s.warm.perSecond)} turns/s, p50 ${f(s.warm.p50)} ms, p99 ${f(s.warm.p99)} ms, max ${f(s.warm.max)} ms, CPU per turn ${f(s.warmServerCpuMsPerTurn)} ms server; peak RSS ${s.peakIngestMb} MB ingesting, ${s.peakServeMb} MB serving`,
      );
    }
    const m = <T>(xs: T[], pick: (x: T) => number, digits = 1) => {
      const v = xs.map(pick);
      return `${median(v).toFixed(digits)} (spread ${spread(v).toFixed(digits)})`;
    };
    const e0 = engineRuns[0] as EngineRun | undefined;
    out(`--- medians of ${runs} run(s) (spread = max - min); ${uptime()} ---`);
    out(`ingest from files into the database (first start of the server): ${m(serverRuns, (r) => r.plansPerS)} plans/s, ready in ${m(serverRuns, (r) => r.firstReadyS)} s, its background work (answer worker warm-up) done ${m(serverRuns, (r) => r.firstIdleS)} s later`);
    out(`restart with ${nPlans} unchanged plans: ready in ${m(serverRuns, (r) => r.restartReadyS, 2)} s`);
    out(`HTTP /api/messages turns, ${users} concurrent users (${Math.round((100 * whole) / nQuestions)}% whole corpus), in service (the ${nTurns} turns after the first ${nTurns}): ${m(serverRuns, (r) => r.warm.perSecond)} turns/s, p50 ${m(serverRuns, (r) => r.warm.p50)} ms, p99 ${m(serverRuns, (r) => r.warm.p99)} ms; CPU per turn ${m(serverRuns, (r) => r.warmServerCpuMsPerTurn)} ms server`);
    out(`HTTP /api/messages turns, the first ${nTurns} after the restart: ${m(serverRuns, (r) => r.turns.perSecond)} turns/s, p50 ${m(serverRuns, (r) => r.turns.p50)} ms, p99 ${m(serverRuns, (r) => r.turns.p99)} ms; /healthz worst ${m(serverRuns, (r) => r.turns.healthMax)} ms; CPU per turn ${m(serverRuns, (r) => r.serverCpuMsPerTurn)} ms server (all threads; main thread ${m(serverRuns, (r) => r.mainCpuMsPerTurn)} ms), ${m(serverRuns, (r) => r.clientCpuMsPerTurn)} ms load generator`);
    out(`peak RSS of the server process (embedded database included): ${m(serverRuns, (r) => r.peakServeMb, 0)} MB serving, ${m(serverRuns, (r) => r.peakIngestMb, 0)} MB on the first start`);
    if (!e0) return;
    out(`engine alone: p50 ${m(engineRuns, (r) => r.p50)} ms, p95 ${m(engineRuns, (r) => r.p95)} ms, p99 ${m(engineRuns, (r) => r.p99)} ms, whole-corpus p99 ${m(engineRuns, (r) => r.wholeP99)} ms; index ${m(engineRuns, (r) => r.indexS)} s`);
    const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : "-");
    out(`accuracy (engine; the same every run): on a plan ${e0.correct}/${e0.withFact} = ${pct(e0.correct, e0.withFact)}, whole corpus ${e0.wholeCorrect}/${e0.wholeWithFact} = ${pct(e0.wholeCorrect, e0.wholeWithFact)}; answered ${e0.answered}/${nQuestions}`);
    out(`  by kind: ${[...e0.byKind].sort().map(([k, v]) => `${k} ${v.n}${v.facts ? ` (${v.correct}/${v.facts} correct)` : ""}`).join(", ")}`);
  } finally {
    if (!values.dir) rmSync(root, { recursive: true, force: true });
  }
}

const uptime = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`;

main().catch((e: Error) => {
  process.stderr.write(e instanceof UsageError ? `bench: ${e.message}\n${HELP}\n` : `bench: ${e.stack ?? e.message}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
