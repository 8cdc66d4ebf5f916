// The app's answerer: the engine with the office-set dates (officeAwareAnswerer), answering on a
// pool of worker threads (answer-pool.ts) or, with ANSWER_WORKERS=0 and DATA_DIR=memory (tests,
// tools), on the main thread.
import { availableParallelism } from "node:os";
import type { Logger } from "pino";
import type { Plan } from "../../knowledge/types";
import type { Config } from "../config";
import type { Answerer } from "../core/answerer";
import { buildEngine, planCacheDir } from "../plans/knowledge-engine";
import { cachedPlanList } from "../plans/plan-cache";
import { officeAwareAnswerer } from "../plans/office-answerer";
import type { DbQuery } from "../storage/db";
import { createAnswerPool, type AnswerPool } from "./answer-pool";

/**
 * Workers by default: one core is left to the main thread, which spends more of a turn than the
 * engine does (HTTP, botbuilder, the embedded database, logging), so on 2 cores one worker. Each
 * worker holds its own copy of the index, hence the cap. In-memory data (tests, tools): none.
 */
export function answerWorkers(config: Pick<Config, "ANSWER_WORKERS" | "DATA_DIR">, cores = availableParallelism()): number {
  if (config.ANSWER_WORKERS !== undefined) return config.ANSWER_WORKERS;
  if (config.DATA_DIR === "memory") return 0;
  return Math.max(1, Math.min(4, cores - 1));
}

export type ClosableAnswerer = Answerer & { close(): Promise<void> };

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
