// npm run --silent calibrate -- [--set PLANS_DIR=QUESTIONS ...] [--folds K] [--now YYYY-MM-DD] [--write]
// Sets the answer-selection weights (knowledge/answer/weights.json) from labelled questions: reads
// every candidate of every question with its features and whether it gives a right answer, fits
// the weights by grid search, and reports k-fold cross-validated accuracy by document.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { crossValidate, evaluate, fit, type Sample } from "../knowledge/answer/calibrate";
import { DEFAULT_WEIGHTS, WEIGHTS_FILE, loadWeights } from "../knowledge/answer/weights";
import { cliArgs, runCli, UsageError } from "./cli";
import { factFound, parseQuestions } from "./eval/score";
import { nowFromArg } from "./knowledge/cli-date";
import { engineFromPlans, plansFromDir } from "./knowledge/engine-from-plans";

// Real documents first; the team's own plans and questions (test fixtures) add the behaviours they pin.
const DEFAULT_SETS = [
  "eval/own/dev/docs=eval/own/dev/questions.jsonl",
  "test/fixtures/answer/heldout2=test/fixtures/answer/heldout2-questions.jsonl",
  "../shared/eval/real/docs=../shared/eval/real/questions.jsonl", "../shared/plans=../shared/eval/questions.jsonl",
];

const HELP = `Usage: npm run --silent calibrate -- [--set PLANS_DIR=QUESTIONS ...] [--folds K] [--now YYYY-MM-DD] [--write]

  --set DIR=FILE   a folder of plans and its labelled questions (repeatable); default: the sets of
                   ${DEFAULT_SETS.join("\n                   ")} that exist
  --folds K        cross-validation folds, split by document (default 4)
  --now DATE       today's date (default 2026-05-01, so that results do not move with the clock)
  --dump FILE      write every question's candidates with their features (JSON lines), for analysis
  --write          write the fitted weights to knowledge/answer/weights.json
  -h, --help       this text`;

async function main(): Promise<number> {
  const v = cliArgs(
    {
      options: {
        set: { type: "string", multiple: true },
        folds: { type: "string", default: "4" },
        now: { type: "string", default: "2026-05-01" },
        write: { type: "boolean", default: false },
        dump: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  ).values;
  const sets = (v.set?.length ? v.set : DEFAULT_SETS.filter((s) => s.split("=").every((p) => existsSync(p)))).map((s) => {
    const [dir, file] = s.split("=");
    if (!dir || !file) throw new UsageError(`--set ${s}: write it as PLANS_DIR=QUESTIONS_FILE.`);
    return { dir, file };
  });
  if (!sets.length) throw new UsageError("No labelled set found; give one with --set PLANS_DIR=QUESTIONS_FILE.");
  const now = nowFromArg(v.now);
  const samples: Sample[] = [];
  for (const { dir, file } of sets) {
    const questions = parseQuestions(readFileSync(file, "utf8"), file);
    const { plans } = await plansFromDir(dir, { store: "memory", now });
    const engine = await engineFromPlans(plans, {});
    for (const q of questions) {
      const features = await engine.features(q.question, { planId: q.plan, now });
      samples.push({
        id: q.id,
        group: `${dir}|${q.plan ?? "-"}`,
        answerable: q.kind !== "unanswerable",
        candidates: features.map((f) => ({ ...f, right: q.kind !== "unanswerable" && q.answer_facts.every((fact) => factFound(fact, f.answer)) })),
      });
    }
    process.stderr.write(`calibrate: ${questions.length} questions from ${file}\n`);
  }
  if (v.dump) writeFileSync(v.dump, samples.map((s) => JSON.stringify(s)).join("\n") + "\n");
  const folds = Number(v.folds);
  if (!Number.isInteger(folds) || folds < 2) throw new UsageError("--folds takes a whole number of at least 2.");
  const report = (name: string, w: typeof DEFAULT_WEIGHTS) => {
    const o = evaluate(w, samples);
    const precision = o.abstained ? o.abstainedRight / o.abstained : 1;
    const recall = o.unanswerable ? o.abstainedRight / o.unanswerable : 1;
    process.stdout.write(`${name.padEnd(10)} ${o.right}/${o.total} right · "not found" precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} · ${JSON.stringify(w)}\n`);
  };
  const reachable = samples.filter((s) => !s.answerable || s.candidates.some((c) => c.right)).length;
  process.stdout.write(`reachable: ${reachable}/${samples.length} (unanswerable, or a right answer among the candidates that carry the fact)\n`);
  report("current", loadWeights());
  const fitted = fit(samples);
  report("fitted", fitted);
  const cv = crossValidate(samples, folds);
  process.stdout.write(`cross-validated (${folds} folds by document): ${cv.right}/${cv.total} right\n`);
  if (v.write) {
    writeFileSync(WEIGHTS_FILE, `${JSON.stringify(fitted, null, 2)}\n`);
    process.stdout.write(`wrote ${fileURLToPath(WEIGHTS_FILE)}\n`);
  }
  return 0;
}

runCli("calibrate", HELP, main);
