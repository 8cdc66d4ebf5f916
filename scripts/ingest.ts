// npm run ingest -- FILES_OR_DIRS...: loads plan files into the store. One line per file
// (ingested / replaced / unchanged / error with the reason), then a summary. Exit code 1 only when
// every file failed.
import { loadPlanFile } from "../knowledge/load-plan";
import { ingestFiles, type FileOutcome } from "../bot/plans/ingest-files";
import { planSummaries } from "../bot/plans/library";
import { openDbFromConfig } from "../bot/storage/open-db";
import { cliArgs, cliConfig, runCli } from "./cli";

const HELP = `Usage: npm run ingest -- [FILES_OR_DIRS...]

Loads plan documents (.txt, .md, .docx, .pdf) into the store (DATA_DIR, or DATABASE_URL).
An unchanged file (same sha256) is skipped; a changed one replaces its plan in one transaction.
Without arguments, PLANS_DIR is ingested.
  -h, --help   this text`;

const MARK: Record<FileOutcome["status"], string> = { ingested: "+ ingested ", replaced: "~ replaced ", unchanged: "= unchanged", error: "✗ error    " };

async function main(): Promise<number> {
  const parsed = cliArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h", default: false } } }, HELP);
  const config = cliConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? "info" });
  const paths = parsed.positionals.length ? parsed.positionals : [config.PLANS_DIR];
  const db = await openDbFromConfig(config);
  try {
    const outcomes = await ingestFiles(db, paths, {
      load: loadPlanFile,
      now: new Date(),
      onFile: (r) => process.stdout.write(`${MARK[r.status]} ${r.file}${r.status === "error" ? `: ${r.reason}` : ` (${r.planId})`}\n`),
    });
    const touched = new Set(outcomes.filter((o) => o.status !== "error").map((o) => o.planId));
    const plans = (await planSummaries(db)).filter((p) => touched.has(p.id));
    const errors = outcomes.filter((o) => o.status === "error").length;
    const by = (s: FileOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
    process.stdout.write(
      `\nPlans: ${plans.length} (ingested ${by("ingested")}, replaced ${by("replaced")}, unchanged ${by("unchanged")}); ` +
        `sections: ${plans.reduce((n, p) => n + p.sections, 0)}; obligations: ${plans.reduce((n, p) => n + p.obligations, 0)}; errors: ${errors}\n`,
    );
    if (outcomes.length === 0) {
      process.stderr.write(`No plan files found in: ${paths.join(", ")}. Give .txt, .md, .docx or .pdf files or folders holding them.\n`);
      return 1;
    }
    return errors === outcomes.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

runCli("ingest", HELP, main);
