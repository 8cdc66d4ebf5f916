// npm run --silent corpus:summary -- DIR [--skip NAME ...] [--list] [--whole]
// Loads every document of a folder as the bot ingests it and prints how many got a title, a
// number, an issuer, a kind, at least one obligation, the share of obligations with a responsible
// unit and with a due rule, and the ingest rate (documents per second): load + extract, and with
// --whole also the bot's whole ingest (a fresh PGlite store, then the answering engine's index).
import { performance } from "node:perf_hooks";
import { loadPlans } from "../knowledge/load-plan";
import type { Plan } from "../knowledge/types";
import { cliArgs, runCli, UsageError } from "./cli";
import { furnitureTitle } from "./eval/furniture";
import { engineFromPlans, plansFromDir } from "./knowledge/engine-from-plans";

const HELP = `Usage: npm run --silent corpus:summary -- <folder> [--skip <name> ...] [--list] [--whole]

Loads every .txt/.md/.docx/.pdf of the folder (recursively) and prints, for the corpus:
documents loaded and failed, how many got a title, a number, an issuer, a kind and at least one
obligation, the share of obligations with a responsible unit and with a due rule, titles that look
like page furniture, and the ingest rate in documents per second (wall clock, and per CPU
second: the wall rate depends on what else the machine runs).

Options:
  --skip <name>  leave out documents whose file name contains <name> (repeatable)
  --list         also one line per document: id, kind, number, issuer, title, obligations
  --whole        also time the bot's whole ingest: read, extract, store in a fresh PGlite
                 store, read back and build the answering engine's search index
  -h, --help     this help`;

// Wall time depends on what else the machine runs; CPU time is what ingest costs.
const rate = (what: string, docs: number, seconds: number, cpuSeconds: number) =>
  `${what}: ${(docs / seconds).toFixed(1)} documents/s (${seconds.toFixed(1)} s for ${docs}), ${(docs / Math.max(cpuSeconds, 1e-3)).toFixed(1)} documents per CPU second`;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : "-");

async function main(): Promise<number> {
  const args = cliArgs(
    {
      options: { skip: { type: "string", multiple: true }, list: { type: "boolean", default: false }, whole: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
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
    rate("load + extract", all.length + errors.length, seconds, cpuSeconds),
  );
  if (args.values.whole) {
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    const stored = await plansFromDir(args.positionals[0], { store: "temp-pglite", now: new Date() });
    await engineFromPlans(stored.plans);
    const c = process.cpuUsage(c0);
    lines.push(rate("whole ingest (store + index)", stored.plans.length + stored.errors.length, (performance.now() - w0) / 1000, (c.user + c.system) / 1e6));
  }
  for (const e of errs) lines.push(`failed: ${e.message}`);
  // Wait for the write: the process exits next, and a pipe (| python3 ...) would lose the tail.
  await new Promise<void>((done) => process.stdout.write(`${lines.join("\n")}\n`, () => done()));
  return errs.length ? 1 : 0;
}

runCli("corpus:summary", HELP, main);
