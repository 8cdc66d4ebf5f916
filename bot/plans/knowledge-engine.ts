// The answering engine over the plans, with its search index saved in DATA_DIR/index: loaded as
// saved when the plans are unchanged, updated or built otherwise. loadEngine needs no store, so a
// worker thread can build its own engine from what the main thread's start left in DATA_DIR.
import { KnowledgeEngine } from "../../knowledge/answer/engine";
import { createOpenAIEmbedder } from "../../knowledge/search/openai-embedder";
import { preloadGraph, type GraphPreload } from "../../knowledge/search/vector-index";
import type { Plan } from "../../knowledge/types";
import { embeddingSettings, llmSettings, type Config } from "../config";
import { forAnswering, indexDir, loadCachedPlans, planCacheDir, type PlanRef } from "./plan-cache";
import { collectGarbage } from "../collect-garbage";

export async function buildEngine(config: Config, plans: Plan[], log: (msg: string) => void = () => {}, savedOnly = false, preloaded: GraphPreload | null = null): Promise<KnowledgeEngine> {
  const emb = embeddingSettings(config);
  return KnowledgeEngine.build(plans, {
    llm: llmSettings(config),
    embedder: emb ? createOpenAIEmbedder(emb) : undefined,
    indexDir: indexDir(config) ?? undefined,
    log,
    savedOnly,
    preloaded,
  });
}

/**
 * The engine over the plans the last start loaded, from DATA_DIR/index alone (plan cache and saved
 * index; no store). Null when there is none yet (DATA_DIR=memory, or no start has finished loading).
 * `early`: those plans, and only as the saved index has them (SavedIndexMismatch otherwise): a
 * restart loads them while the main thread still opens the store.
 */
export async function loadEngine(config: Config, log: (msg: string) => void = () => {}, early?: { plans: PlanRef[] }): Promise<KnowledgeEngine | null> {
  const dir = planCacheDir(config);
  // The saved graph is read on the thread pool while this thread reads the plans.
  const index = indexDir(config);
  const preloaded = index ? preloadGraph(index) : null;
  try {
    const plans = dir ? loadCachedPlans(dir, forAnswering, early?.plans) : null;
    if (!early) collectGarbage(); // before a build (a restart's load of the saved index is not held up)
    return plans && (await buildEngine(config, plans, log, !!early, preloaded));
  } finally {
    await preloaded?.graph; // never left reading when this worker is told to stop
  }
}
