// npm run --silent eval:obligations -- --plans DIR --gold FILE
// Extracts the obligations of the plans and scores them against a gold register the way
// ../shared/eval/score_obligations.py does; prints what was extracted, what is wrong by cause, and
// `score: P/N` last.
import { readFileSync } from "node:fs";
import { loadPlans, planSource } from "../knowledge/load-plan";
import { obligationRecord, type ObligationRecord } from "../knowledge/obligations/format";
import { cliArgs, runCli, UsageError } from "./cli";
import { parseGold, scoreObligations } from "./eval/obligation-score";

const HELP = `Usage: npm run --silent eval:obligations -- --plans <file-or-folder> --gold <obligations.jsonl> [--quiet]

Reads the plans, extracts their obligations and scores them against the gold register
(one JSON object a line: {plan, quote, due, ...} or {plan, key, responsible, recipient, schedule}).
Prints, per document, how many obligations were extracted and the share with a responsible unit
and with a due rule (a period or a date); then each gold obligation not found or wrong, the
counts by cause, and "score: P/N" last (P gold obligations fully right of N).

Options:
  --plans <path>  a plan file or folder (repeatable)
  --gold <file>   the gold register (jsonl)
  --quiet         only the totals and the score
  -h, --help      this help`;

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : "-");

async function main(): Promise<number> {
  const args = cliArgs(
    {
      options: {
        plans: { type: "string", multiple: true },
        gold: { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
    },
    HELP,
  );
  const paths = [...(args.values.plans ?? []), ...args.positionals];
  if (!paths.length) throw new UsageError("Give the plans with --plans <file-or-folder>.");
  if (!args.values.gold) throw new UsageError("Give the gold register with --gold <obligations.jsonl>.");
  let gold;
  try {
    gold = parseGold(readFileSync(args.values.gold, "utf8"));
  } catch (e) {
    throw new UsageError(`Cannot read the gold register ${args.values.gold}: ${(e as Error).message}`);
  }
  const { plans, errors } = await loadPlans(paths);
  for (const e of errors) process.stderr.write(`eval:obligations: skipped ${e.message}\n`);
  const got: ObligationRecord[] = [];
  const lines: string[] = [];
  for (const plan of plans) {
    const source = await planSource(plan).catch(() => undefined);
    const records = plan.obligations.map((o) => obligationRecord(plan, o, source));
    got.push(...records);
    const unit = records.filter((r) => r.responsible.length).length;
    const rule = records.filter((r) => r.schedule.length).length;
    lines.push(`${plan.id}: ${records.length} extracted, ${pct(unit, records.length)} with a unit, ${pct(rule, records.length)} with a due rule`);
  }
  const results = scoreObligations(gold, got);
  const causes = new Map<string, number>();
  for (const r of results) {
    if (!r.fault) continue;
    const cause = r.fault === "not found" ? "not found" : r.fault.replace(/\s.*$/u, "");
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
    if (!args.values.quiet) lines.push(`${r.fault === "not found" ? "NOT FOUND" : `WRONG (${r.fault})`} ${r.plan}: ${r.key.replace(/\s+/gu, " ")}`);
  }
  if (args.values.quiet) lines.splice(0);
  const found = results.filter((r) => r.fault !== "not found").length;
  const right = results.filter((r) => !r.fault).length;
  const unit = got.filter((r) => r.responsible.length).length;
  const rule = got.filter((r) => r.schedule.length).length;
  lines.push(`extracted: ${got.length} in ${plans.length} documents (${(got.length / Math.max(1, plans.length)).toFixed(1)} per document), ${pct(unit, got.length)} with a unit, ${pct(rule, got.length)} with a due rule`);
  lines.push(`found: ${found}/${gold.length}  right: ${right}  wrong: ${found - right}${causes.size ? `  (${[...causes].map(([c, n]) => `${c} ${n}`).join(", ")})` : ""}`);
  lines.push(`score: ${right}/${gold.length}`);
  // Wait for the write: the process exits next, and a pipe (| python3 ...) would lose the tail.
  await new Promise<void>((done) => process.stdout.write(`${lines.join("\n")}\n`, () => done()));
  return 0;
}

runCli("eval:obligations", HELP, main);
