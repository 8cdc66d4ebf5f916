// Embeddings from an OpenAI-compatible server (OpenAI, Ollama, vLLM) through @langchain/openai,
// imported on the first call: a server without embeddings never loads it (seconds at start).
import type { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "./embedder";

export interface OpenAIEmbedderSettings {
  baseURL?: string;
  apiKey: string;
  model: string;
  /** Texts per request; servers cap the batch size. */
  batchSize?: number;
  timeoutMs?: number;
  /** Retries of a failed request (default 2). */
  maxRetries?: number;
}

export function createOpenAIEmbedder(s: OpenAIEmbedderSettings): Embedder {
  let client: Promise<OpenAIEmbeddings> | null = null;
  const open = () =>
    (client ??= import("@langchain/openai").then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model: s.model,
          apiKey: s.apiKey,
          batchSize: s.batchSize ?? 256,
          maxRetries: s.maxRetries ?? 2,
          timeout: s.timeoutMs ?? 30_000,
          configuration: s.baseURL ? { baseURL: s.baseURL } : undefined,
        }),
    ));
  return {
    id: `openai:${s.baseURL ?? "https://api.openai.com/v1"}:${s.model}`,
    embedDocuments: async (texts) => (await open()).embedDocuments(texts),
    embedQuery: async (text) => (await open()).embedQuery(text),
  };
}
