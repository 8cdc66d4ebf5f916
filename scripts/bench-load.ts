// Prints how fast plans load (read + normalise + structure + obligations):
// npx tsx scripts/bench-load.ts [--plans DIR] [--rounds N]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadPlans, planFromText } from "../knowledge/load-plan";

const { values } = parseArgs({ options: { plans: { type: "string", default: "test/fixtures/plans" }, rounds: { type: "string", default: "20" }, help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log("Usage: npx tsx scripts/bench-load.ts [--plans DIR] [--rounds N]\nLoads every plan in DIR N times and prints plans/s and ms per plan (and per 20 KB of text).");
  process.exit(0);
}
const rounds = Math.max(1, Number(values.rounds) || 20);
const { plans } = await loadPlans([values.plans!]); // warm-up, and the file list
const t0 = performance.now();
for (let i = 0; i < rounds; i++) await loadPlans([values.plans!]);
const ms = performance.now() - t0;
const n = plans.length * rounds;
const kb = plans.reduce((a, p) => a + p.text.length, 0) / 1024;
console.log(`files: ${plans.length} plans (${kb.toFixed(0)} KB of text), ${rounds} rounds`);
console.log(`load from disk: ${(n / (ms / 1000)).toFixed(1)} plans/s, ${(ms / n).toFixed(2)} ms/plan, ${((ms / rounds / kb) * 20).toFixed(2)} ms per 20 KB`);
// Text-only pipeline (no file reading): normalise + structure + obligations.
const texts = plans.filter((p) => /\.(txt|md)$/u.test(p.file)).map((p) => ({ id: p.id, file: p.file, text: readFileSync(p.file, "utf8") }));
const t1 = performance.now();
for (let i = 0; i < rounds; i++) for (const t of texts) planFromText(t.id, t.text, t.file);
const ms1 = performance.now() - t1;
const kb1 = texts.reduce((a, t) => a + t.text.length, 0) / 1024;
console.log(`text pipeline: ${((ms1 / rounds / kb1) * 20).toFixed(2)} ms per 20 KB, ${(ms1 / (texts.length * rounds)).toFixed(2)} ms/plan`);
