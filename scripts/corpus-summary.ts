// npm run --silent corpus:summary -- DIR [--skip NAME ...] [--list]
// Loads every document of a folder as the bot ingests it and prints how many got a title, a
// number, an issuer, a kind, at least one obligation, the share of obligations with a responsible
// unit and with a due rule, and the ingest rate (documents per second).
import { performance } from "node:perf_hooks";
import { loadPlans } from "../knowledge/load-plan";
import type { Plan } from "../knowledge/types";
import { cliArgs, runCli, UsageError } from "./cli";
import { furnitureTitle } from "./eval/furniture";

const HELP = `Usage: npm run --silent corpus:summary -- <folder> [--skip <name> ...] [--list]

Loads every .txt/.md/.docx/.pdf of the folder (recursively) and prints, for the corpus:
documents loaded and failed, how many got a title, a number, an issuer, a kind and at least one
obligation, the share of obligations with a responsible unit and with a due rule, titles that look
like page furniture, and the ingest rate in documents per second.

Options:
  --skip <name>  leave out documents whose file name contains <name> (repeatable)
  --list         also one line per document: id, kind, number, issuer, title, obligations
  -h, --help     this help`;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : "-");

async function main(): Promise<number> {
  const args = cliArgs(
    {
      options: { skip: { type: "string", multiple: true }, list: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: true,
    },
    HELP,
  );
  if (args.positionals.length !== 1) throw new UsageError("Give one folder of documents.");
  const skip = args.values.skip ?? [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { plans: all, errors } = await loadPlans([args.positionals[0]]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const plans: Plan[] = all.filter((p) => !skip.some((s) => p.file.includes(s)));
  const errs = errors.filter((e) => !skip.some((s) => e.file.includes(s)));
  const count = (f: (p: Plan) => boolean) => plans.filter(f).length;
  const obligations = plans.flatMap((p) => p.obligations);
  const furniture = plans.filter((p) => furnitureTitle(p.meta.title));
  const lines: string[] = [];
  if (args.values.list) {
    for (const p of plans) {
      lines.push(`${p.id} | ${p.meta.kind ?? "-"} | ${p.meta.number ?? "-"} | ${p.meta.issuer ?? "-"} | ${p.meta.title.slice(0, 90)} | ${p.obligations.length}`);
    }
  }
  const n = plans.length;
  lines.push(
    `documents: ${n + errs.length}, loaded ${n}, failed ${errs.length}`,
    `title: ${count((p) => !!p.meta.title && !furnitureTitle(p.meta.title))}/${n}  number: ${count((p) => !!p.meta.number)}/${n}  issuer: ${count((p) => !!p.meta.issuer)}/${n}  kind: ${count((p) => !!p.meta.kind)}/${n}  date: ${count((p) => !!p.meta.date)}/${n}`,
    `with at least one obligation: ${count((p) => p.obligations.length > 0)}/${n}  obligations: ${obligations.length} (${(obligations.length / Math.max(1, n)).toFixed(1)} per document)`,
    `obligations with a responsible unit: ${pct(obligations.filter((o) => o.responsible.length).length, obligations.length)}  with a due rule: ${pct(obligations.filter((o) => o.schedule.length).length, obligations.length)}  with a date: ${pct(obligations.filter((o) => o.schedule.some((s) => s.due)).length, obligations.length)}`,
    `titles that look like page furniture: ${furniture.length}${furniture.length ? ` (${furniture.slice(0, 5).map((p) => p.id).join(", ")})` : ""}`,
    // Wall time depends on what else the machine runs; CPU time is what ingest costs.
    `ingest: ${((all.length + errors.length) / seconds).toFixed(1)} documents/s (${seconds.toFixed(1)} s for ${all.length + errors.length}), ${((all.length + errors.length) / Math.max(cpuSeconds, 1e-3)).toFixed(1)} documents per CPU second`,
  );
  for (const e of errs) lines.push(`failed: ${e.message}`);
  // Wait for the write: the process exits next, and a pipe (| python3 ...) would lose the tail.
  await new Promise<void>((done) => process.stdout.write(`${lines.join("\n")}\n`, () => done()));
  return errs.length ? 1 : 0;
}

runCli("corpus:summary", HELP, main);
