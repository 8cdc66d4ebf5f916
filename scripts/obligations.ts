// npm run --silent obligations -- --plans DIR [--table]
// Prints the obligations found in plan files: one JSON object per obligation per line, or a table.
import { loadPlans, planSource } from "../knowledge/load-plan";
import { obligationRecord, obligationTable } from "../knowledge/obligations/format";
import { cliArgs, runCli, UsageError } from "./cli";

const HELP = `Usage: npm run --silent obligations -- --plans <file-or-folder> [--plans ...] [--table]

Reads plan files (.txt, .md, .docx, .pdf; folders are read recursively) and prints every
obligation found: one JSON object a line
  {"plan","section","responsible":[..],"task","recipient","schedule":[{"period","due"}],"quote"}
where period is once, monthly, quarterly, half_year, nine_months, yearly, multi_year or ad_hoc,
and due is "D/M", "D/M/YYYY", "D" (a day of every month) or null when the text gives no date.

Options:
  --plans <path>  a plan file or a folder of plans (repeatable; bare arguments work too)
  --table         a table for people instead of JSON lines
  -h, --help      this help

A file that cannot be read is reported on stderr with its name; the others still print.`;

async function main(): Promise<number> {
  const args = cliArgs(
    {
      options: { plans: { type: "string", multiple: true }, table: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: true,
    },
    HELP,
  );
  const paths = [...(args.values.plans ?? []), ...args.positionals];
  if (!paths.length) throw new UsageError("Give the plans to read with --plans <file-or-folder>.");
  const { plans, errors } = await loadPlans(paths);
  for (const e of errors) process.stderr.write(`obligations: skipped ${e.message}\n`);
  const out: string[] = [];
  for (const plan of plans) {
    if (args.values.table) out.push(obligationTable(plan), "");
    else {
      const source = await planSource(plan).catch(() => undefined);
      for (const o of plan.obligations) out.push(JSON.stringify(obligationRecord(plan, o, source)));
    }
  }
  // Wait for the write: the process exits next, and a pipe (| python3 ...) would lose the tail.
  await new Promise<void>((done) => process.stdout.write(out.length ? `${out.join("\n")}\n` : "", () => done()));
  return plans.length === 0 && errors.length > 0 ? 1 : 0;
}

runCli("obligations", HELP, main);
