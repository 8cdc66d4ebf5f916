// The app's answerer: the engine with the office-set dates (officeAwareAnswerer), answering on a
// pool of worker threads (answer-pool.ts) or, with ANSWER_WORKERS=0 and DATA_DIR=memory (tests,
// tools), on the main thread.
import { availableParallelism } from "node:os";
import type { Logger } from "pino";
import type { Plan } from "../../knowledge/types";
import type { Config } from "../config";
import type { Answerer } from "../core/answerer";
import { buildEngine } from "../plans/knowledge-engine";
import { officeAwareAnswerer } from "../plans/office-answerer";
import type { DbQuery } from "../storage/db";
import { createAnswerPool } from "./answer-pool";

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

/** `plans`: for an engine on this thread (no workers); workers read the plan cache in DATA_DIR instead. */
export async function createAnswerer(config: Config, plans: Plan[], db: DbQuery, log: Logger): Promise<ClosableAnswerer> {
  const size = answerWorkers(config);
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
