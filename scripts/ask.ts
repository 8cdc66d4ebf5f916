// npm run --silent ask -- --plans DIR [--plan ID] [--now YYYY-MM-DD] [--json] "question"
// Answers one question from the plans in DIR, as the bot would.
import { cliArgs, runCli, UsageError } from "./cli";
import { nowFromArg } from "./knowledge/cli-date";
import { engineFromPlans, plansFromDir } from "./knowledge/engine-from-plans";

const HELP = `Usage: npm run --silent ask -- --plans DIR [--plan ID] [--now YYYY-MM-DD] [--json] "question"

  --plans DIR   folder of plan files (.txt, .md, .docx, .pdf; repeatable: the plans of every folder); default ./knowledge/sample-plans
  --plan ID     the asker's plan (file name without extension); default: every plan
  --now DATE    today's date for days-left (Asia/Ho_Chi_Minh); default: the clock
  --json        print the whole Answer as JSON
  --explain     also print the best candidates with their scores (why this answer)
  -h, --help    this text`;

async function main(): Promise<number> {
  const { values, positionals } = cliArgs(
    {
      allowPositionals: true,
      options: {
        plans: { type: "string", multiple: true, default: ["./knowledge/sample-plans"] },
        plan: { type: "string" },
        now: { type: "string" },
        json: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  );
  const question = positionals.join(" ");
  if (!question.trim()) throw new UsageError("Give the question as the last argument, in quotes.");
  const now = nowFromArg(values.now);
  const { plans, errors } = await plansFromDir(values.plans, { store: "memory", now });
  for (const e of errors) process.stderr.write(`skipped ${e.file}: ${e.reason}\n`);
  if (values.plan && !plans.some((p) => p.id === values.plan)) {
    process.stderr.write(`No plan "${values.plan}" in ${values.plans.join(", ")}; known: ${plans.map((p) => p.id).join(", ") || "none"}.\n`);
    return 2;
  }
  const engine = await engineFromPlans(plans, process.env, (m) => process.stderr.write(`${m}\n`));
  const answer = await engine.answer(question, { planId: values.plan ?? null, now });
  process.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : `${answer.text}\n`);
  if (values.explain) process.stdout.write(`${await engine.explain(question, values.plan ?? null)}\n`);
  return 0;
}

runCli("ask", HELP, main);
