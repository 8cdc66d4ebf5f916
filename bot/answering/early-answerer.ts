// A restart's answer workers, started before anything else loads: this module imports no engine
// code, so scripts/start.ts starts them before it imports the application (a second or so of module
// loading on the main thread that the workers' own loading then overlaps).
import type { Logger } from "pino";
import type { Config } from "../config";
import { cachedPlanList, planCacheDir } from "../plans/plan-cache";
import { answerWorkers, createAnswerPool, type AnswerPool } from "./answer-pool";

/** Workers started on the plans of the last start, with the plan list they were given. */
export interface EarlyAnswerer {
  list: string;
  pool: AnswerPool;
}

/**
 * A restart's workers, started before the store is open: they load the last start's plans from the
 * plan cache and the saved index (reading only) while the main thread opens the store and checks
 * PLANS_DIR; createAnswerer keeps them when the plans turn out unchanged. Null when there are no
 * workers or no earlier start.
 */
export function startEarlyAnswerer(config: Config, log: Logger): EarlyAnswerer | null {
  const size = answerWorkers(config);
  const dir = planCacheDir(config);
  const list = dir && size > 0 ? cachedPlanList(dir) : null;
  if (!list) return null;
  const pool = createAnswerPool({ size, config, timeoutMs: config.ANSWER_TIMEOUT_MS, log, early: { plans: list.plans } });
  pool.ready.catch(() => {}); // looked at by createAnswerer
  return { list: list.text, pool };
}
