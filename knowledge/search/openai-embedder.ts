// Embeddings from an OpenAI-compatible server (OpenAI, Ollama, vLLM) through @langchain/openai.
import { OpenAIEmbeddings } from "@langchain/openai";
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
  const client = new OpenAIEmbeddings({
    model: s.model,
    apiKey: s.apiKey,
    batchSize: s.batchSize ?? 256,
    maxRetries: s.maxRetries ?? 2,
    timeout: s.timeoutMs ?? 30_000,
    configuration: s.baseURL ? { baseURL: s.baseURL } : undefined,
  });
  return {
    id: `openai:${s.baseURL ?? "https://api.openai.com/v1"}:${s.model}`,
    embedDocuments: (texts) => client.embedDocuments(texts),
    embedQuery: (text) => client.embedQuery(text),
  };
}
