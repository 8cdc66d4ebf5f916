// npm run --silent eval -- --plans DIR [--plans DIR ...] --questions FILE [--now YYYY-MM-DD] [--out FILE] [--whole]
// Loads every plan of the folders into a fresh temporary store (PGlite, through the bot's ingest),
// answers each question, writes one JSON line per answer and prints the score by kind. --whole asks
// every question of the whole library, as a user whose plan is not known is answered.
import { readFileSync, writeFileSync } from "node:fs";
import { cliArgs, runCli, UsageError } from "./cli";
import { passes, parseQuestions, type EvalQuestion } from "./eval/score";
import { nowFromArg } from "./knowledge/cli-date";
import { engineFromPlans, plansFromDir } from "./knowledge/engine-from-plans";

const HELP = `Usage: npm run --silent eval -- --plans DIR --questions FILE [--now YYYY-MM-DD] [--out FILE] [--whole]

  --plans DIR        folder of plan files (repeatable: the plans of every folder are loaded)
  --questions FILE   JSON lines: {"id","plan","question","answer_facts","kind"}
  --now DATE         today's date (Asia/Ho_Chi_Minh); default: the clock
  --out FILE         write the answers here instead of stdout
  --memory           keep plans in memory instead of a temporary PGlite store
  --whole            ask every question of the whole library (its "plan" ignored), as for a user
                     whose plan is not known
  -h, --help         this text`;

async function main(): Promise<number> {
  const v = cliArgs(
    {
      options: {
        plans: { type: "string", multiple: true },
        questions: { type: "string" },
        now: { type: "string" },
        out: { type: "string" },
        memory: { type: "boolean", default: false },
        whole: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  ).values;
  if (!v.plans?.length || !v.questions) throw new UsageError("Both --plans and --questions are needed.");
  const now = nowFromArg(v.now);
  const questions = parseQuestions(readFileSync(v.questions, "utf8"), v.questions);
  const { plans, errors } = await plansFromDir(v.plans, { store: v.memory ? "memory" : "temp-pglite", now });
  for (const e of errors) process.stderr.write(`skipped ${e.file}: ${e.reason}\n`);
  const engine = await engineFromPlans(plans, process.env, (m) => process.stderr.write(`${m}\n`));

  const lines: string[] = [];
  const byKind = new Map<string, { passed: number; total: number }>();
  const scored = questions.some((q) => q.answer_facts.length > 0 || q.kind === "unanswerable");
  let passed = 0;
  const failedIds: string[] = [];
  for (const q of questions) {
    const a = await engine.answer(q.question, { planId: v.whole ? null : q.plan, now });
    lines.push(
      JSON.stringify({ id: q.id, answered: a.answered, text: a.text, citations: a.citations.map((c) => ({ plan: c.plan, section: c.section, quote: c.quote })) }),
    );
    if (!scored) continue;
    const ok = passes(q, a);
    const k = byKind.get(q.kind) ?? { passed: 0, total: 0 };
    k.total++;
    if (ok) {
      k.passed++;
      passed++;
    } else failedIds.push(q.id);
    byKind.set(q.kind, k);
  }
  const body = lines.join("\n") + (lines.length ? "\n" : "");
  if (v.out) writeFileSync(v.out, body);
  else process.stdout.write(body);
  if (scored) process.stdout.write(summary(byKind, failedIds, passed, questions));
  return 0;
}

function summary(byKind: Map<string, { passed: number; total: number }>, failedIds: string[], passed: number, questions: EvalQuestion[]): string {
  const rows = [...byKind].map(([kind, s]) => `  ${kind.padEnd(13)} ${s.passed}/${s.total}`);
  const failed = questions.length - passed;
  return `score by kind:\n${rows.join("\n")}\n${failedIds.length ? `failed: ${failedIds.join(", ")}\n` : ""}${passed} passed, ${failed} failed\n`;
}

runCli("eval", HELP, main);
