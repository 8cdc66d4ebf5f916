// npm run --silent obligations -- --plans DIR [--table]
// Prints the obligations found in plan files: one JSON object per obligation per line, or a table.
import { parseArgs } from "node:util";
import { loadPlans } from "../knowledge/load-plan";
import { obligationRecord, obligationTable } from "../knowledge/obligations/format";

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

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: { plans: { type: "string", multiple: true }, table: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: true,
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const paths = [...(args.values.plans ?? []), ...args.positionals];
  if (!paths.length) {
    process.stderr.write(`Give the plans to read with --plans <file-or-folder>.\n\n${HELP}\n`);
    return 2;
  }
  void run(paths, args.values.table ?? false);
  return -1;
}

async function run(paths: string[], table: boolean): Promise<void> {
  const { plans, errors } = await loadPlans(paths);
  for (const e of errors) process.stderr.write(`obligations: skipped ${e.message}\n`);
  const out: string[] = [];
  for (const plan of plans) {
    if (table) out.push(obligationTable(plan), "");
    else for (const o of plan.obligations) out.push(JSON.stringify(obligationRecord(plan, o)));
  }
  process.stdout.write(out.length ? `${out.join("\n")}\n` : "");
  process.exitCode = plans.length === 0 && errors.length > 0 ? 1 : 0;
}

const code = main();
if (code >= 0) process.exitCode = code;
