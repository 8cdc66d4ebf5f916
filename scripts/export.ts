// npm run export -- --period 2026-H1 --format docx|csv|md [--unit NAME] [--plan ID] [--out FILE]
// Writes the draft progress report from the stored entries.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { localDate } from "../knowledge/occurrences";
import { exportReport, REPORT_FORMATS } from "../bot/report/export";
import { officeSettings } from "../bot/report/office";
import { openDbFromConfig } from "../bot/storage/open-db";
import { isPeriodKey } from "../knowledge/time";
import { findUnits } from "../bot/users/units";
import { cliArgs, cliConfig, runCli, UsageError } from "./cli";

const HELP = `Usage: npm run export -- --period PERIOD [--format docx|csv|md] [--unit NAME] [--plan ID] [--now YYYY-MM-DD] [--out FILE]

  --period   2026 (year), 2026-H1 / 2026-H2 (6 months), 2026-Q2 (quarter), 2026-9M, 2026-09 (month)
  --format   docx (default), csv or md
  --unit     only this unit's obligations and entries
  --plan     only this plan (file name without extension) when it is current; default: every plan in force in the period
  --now      the day of the draft (overdue marks, the year on the date line); default today
  The header and signature come from OFFICE_NAME, OFFICE_SYMBOL, OFFICE_PLACE, OFFICE_SIGN_AS, OFFICE_SIGNER.
  --out      output file; default DATA_DIR/exports/bao-cao-tien-do-PERIOD.FORMAT`;

const argsSchema = z.object({
  period: z.string({ message: "--period is required, e.g. --period 2026-H1" }).refine(isPeriodKey, "--period must look like 2026, 2026-H1, 2026-Q2, 2026-9M or 2026-09"),
  format: z.enum(REPORT_FORMATS, { message: "--format must be docx, csv or md" }).default("docx"),
  unit: z.string().optional(),
  plan: z.string().optional(),
  out: z.string().optional(),
  now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "--now must look like 2027-06-20").optional(),
});

async function main(): Promise<number> {
  const raw = cliArgs(
    {
      options: {
        period: { type: "string" },
        format: { type: "string" },
        unit: { type: "string" },
        plan: { type: "string" },
        out: { type: "string" },
        now: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  ).values;
  const args = argsSchema.safeParse(raw);
  if (!args.success) throw new UsageError(args.error.issues.map((i) => i.message).join("\n"));
  const a = args.data;
  const config = cliConfig();
  const db = await openDbFromConfig(config);
  try {
    let unitId: number | null = null;
    if (a.unit) {
      const units = await findUnits(db, a.unit);
      if (units.length !== 1) {
        throw new UsageError(units.length ? `"${a.unit}" matches several units: ${units.map((u) => u.name).join("; ")}` : `No unit "${a.unit}"; see npm run admin -- units`);
      }
      unitId = units[0].id;
    }
    const today = a.now ?? localDate(new Date());
    const r = await exportReport(db, { period: a.period, format: a.format, today, planId: a.plan ?? null, unitId, office: officeSettings(config) });
    const out = a.out ?? join(config.DATA_DIR === "memory" ? "." : config.DATA_DIR, "exports", r.fileName);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, r.data);
    const obligations = r.model.plans.reduce((n, p) => n + p.sections.reduce((m, s) => m + s.obligations.length, 0), 0);
    process.stdout.write(`${out}\n${r.model.periodLabel}: ${r.model.plans.length} plan(s), ${obligations} obligations, ${r.model.entryCount} entries.\n`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli("export", HELP, main);
