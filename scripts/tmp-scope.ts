import { plansFromDir, engineFromPlans } from "./knowledge/engine-from-plans";
import { understand as parseQuestion } from "../knowledge/answer/question";
const { plans } = await plansFromDir(["../shared/corpus/docs", "../shared/eval/real/docs"], { store: "memory", now: new Date("2026-05-01") });
const engine: any = await engineFromPlans(plans, {});
for (const q of process.argv.slice(2)) {
  const pq = parseQuestion(q);
  console.log(q.slice(0, 60), "=>", engine.scope(pq, null));
  console.log("  referenced", engine.hints.referenced(pq.raw));
}
