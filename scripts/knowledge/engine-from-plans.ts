// Building a KnowledgeEngine for the command-line tools: plans from a folder (in memory, or
// through the bot's ingest into a fresh temporary PGlite store), embeddings and LLM settings
// from the environment (bot/config.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddingSettings, llmSettings, loadConfig } from "../../bot/config";
import { ingestFiles } from "../../bot/plans/ingest-files";
import { loadStoredPlans } from "../../bot/plans/library";
import { openDb } from "../../bot/storage/open-db";
import { KnowledgeEngine } from "../../knowledge/answer/engine";
import { loadPlanFile, loadPlans } from "../../knowledge/load-plan";
import { createOpenAIEmbedder } from "../../knowledge/search/openai-embedder";
import type { Plan } from "../../knowledge/types";

export interface LoadedEngine {
  engine: KnowledgeEngine;
  plans: Plan[];
  /** Files that could not be loaded, with the reason. */
  errors: { file: string; reason: string }[];
}

export async function plansFromDir(dir: string | readonly string[], o: { store: "memory" | "temp-pglite"; now: Date }): Promise<{ plans: Plan[]; errors: { file: string; reason: string }[] }> {
  if (o.store === "memory") {
    const r = await loadPlans(typeof dir === "string" ? [dir] : [...dir]);
    return { plans: r.plans, errors: r.errors.map((e) => ({ file: e.file, reason: e.message })) };
  }
  const folder = mkdtempSync(join(tmpdir(), "tlkh-eval-"));
  const db = await openDb({ dataDir: folder });
  try {
    const outcomes = await ingestFiles(db, typeof dir === "string" ? [dir] : [...dir], { load: loadPlanFile, now: o.now });
    const errors = outcomes.filter((r) => r.status === "error").map((r) => ({ file: r.file, reason: r.reason ?? "unknown error" }));
    return { plans: await loadStoredPlans(db), errors };
  } finally {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function engineFromPlans(plans: Plan[], env: Record<string, string | undefined> = process.env, log?: (m: string) => void): Promise<KnowledgeEngine> {
  const config = loadConfig(env);
  const emb = embeddingSettings(config);
  return KnowledgeEngine.build(plans, {
    embedder: emb ? createOpenAIEmbedder(emb) : undefined,
    llm: llmSettings(config),
    log,
  });
}
