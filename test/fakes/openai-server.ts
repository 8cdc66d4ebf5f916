// A real local HTTP server speaking the two OpenAI endpoints the project uses:
// POST /v1/chat/completions and POST /v1/embeddings. Tests decide each reply and read the requests.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
}

export interface FakeOpenAI {
  /** e.g. "http://127.0.0.1:54321/v1" */
  baseURL: string;
  requests: { path: string; body: unknown }[];
  /** What /chat/completions answers: text, or a status to fail with, after an optional delay. */
  chat: (req: ChatRequest) => { text?: string; status?: number; delayMs?: number };
  /** The vector for one embeddings input (default: a deterministic 8-dim vector of the text). */
  embed: (input: string) => number[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function defaultEmbedding(input: string): number[] {
  const v = new Array(8).fill(0);
  for (let i = 0; i < input.length; i++) v[input.charCodeAt(i) % 8] += 1;
  const n = Math.sqrt(v.reduce((a, b) => a + b * b, 0)) || 1;
  return v.map((x) => x / n);
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const fake: Omit<FakeOpenAI, "baseURL" | "close"> = {
    requests: [],
    chat: () => ({ text: "OK" }),
    embed: defaultEmbedding,
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "bad json" } }));
      return;
    }
    const path = (req.url ?? "").replace(/\?.*$/, "");
    fake.requests.push({ path, body });
    if (req.method === "POST" && path.endsWith("/chat/completions")) {
      const r = fake.chat(body as ChatRequest);
      if (r.delayMs) await new Promise((s) => setTimeout(s, r.delayMs));
      if (res.destroyed) return;
      if (r.status && r.status >= 400) {
        res.writeHead(r.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "fake failure", type: "server_error" } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "chatcmpl-fake",
          object: "chat.completion",
          created: 0,
          model: (body as ChatRequest).model,
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: r.text ?? "" } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    if (req.method === "POST" && path.endsWith("/embeddings")) {
      const b = body as { input: string | string[] | number[][]; model: string; encoding_format?: string };
      const inputs = Array.isArray(b.input) ? b.input : [b.input];
      // The openai SDK asks for base64 (packed float32) by default.
      const encode = (v: number[]) => (b.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v);
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          object: "list",
          model: b.model,
          data: inputs.map((inp, index) => ({ object: "embedding", index, embedding: encode(fake.embed(String(inp))) })),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `no route ${path}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fake, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeOpenAI;
}
