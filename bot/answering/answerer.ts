// The app's answerer: the engine with the office-set dates (officeAwareAnswerer), answering on a
// pool of worker threads (answer-pool.ts) or, with ANSWER_WORKERS=0 and DATA_DIR=memory (tests,
// tools), on the main thread.
import type { Logger } from "pino";
import type { Plan } from "../../knowledge/types";
import type { Config } from "../config";
import type { Answerer } from "../core/answerer";
import { buildEngine } from "../plans/knowledge-engine";
import { cachedPlanList, planCacheDir } from "../plans/plan-cache";
import { officeAwareAnswerer } from "../plans/office-answerer";
import type { DbQuery } from "../storage/db";
import { answerWorkers, createAnswerPool } from "./answer-pool";
import type { EarlyAnswerer } from "./early-answerer";

export type ClosableAnswerer = Answerer & { close(): Promise<void> };

/**
 * `plans`: for an engine on this thread (no workers); workers read the plan cache in DATA_DIR instead.
 * `early`: workers started on the last start's plans (startEarlyAnswerer), kept when the plan cache's
 * list is still theirs and they loaded; closed otherwise.
 */
export async function createAnswerer(config: Config, plans: Plan[], db: DbQuery, log: Logger, early?: EarlyAnswerer | null): Promise<ClosableAnswerer> {
  const size = answerWorkers(config);
  if (early) {
    const dir = planCacheDir(config);
    if (dir && cachedPlanList(dir)?.text === early.list) {
      try {
        await early.pool.ready;
        log.info({ workers: early.pool.size }, "answering on worker threads (started early)");
        return { ...officeAwareAnswerer(early.pool, db), close: () => early.pool.close() };
      } catch {
        // Logged by the worker; the pool below builds or updates the index.
      }
    }
    // Stopped once its load is over: terminating a worker inside hnswlib's native load can end the process.
    await early.pool.ready.catch(() => {});
    await early.pool.close();
  }
  if (size === 0) {
    const engine = await buildEngine(config, plans, (m) => log.debug(m));
    return { ...officeAwareAnswerer(engine, db), close: async () => {} };
  }
  // The workers read the plans from the plan cache the start just wrote (loadEngine), not a copy sent to each.
  const pool = createAnswerPool({ size, config, timeoutMs: config.ANSWER_TIMEOUT_MS, log });
  try {
    await pool.ready;
  } catch (err) {
    await pool.close();
    throw err;
  }
  log.info({ workers: size }, "answering on worker threads");
  return { ...officeAwareAnswerer(pool, db), close: () => pool.close() };
}
