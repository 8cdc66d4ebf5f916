// A fake Bot Framework connector: a real local HTTP server that records every activity the bot
// posts (replies and proactive sends) and answers like the Teams connector does.
import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedActivity {
  method: string;
  path: string;
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

export interface FakeConnector {
  url: string;
  received: RecordedActivity[];
  /** Conversations that answer 403 (the bot was removed). */
  forbidden: Set<string>;
  /** Resolves when at least n activities were received. */
  waitFor(n: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  close(): Promise<void>;
}

/** Not chained: restify (in the same process) patches ServerResponse.writeHead to return undefined. */
function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: HttpRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: RecordedActivity[] = [];
  const forbidden = new Set<string>();
  const waiters: (() => void)[] = [];
  let n = 0;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    const body = await readBody(req);
    if (req.method !== "POST" || !m) {
      answer(res, 404, { error: { code: "NotFound" } });
      return;
    }
    const conversationId = decodeURIComponent(m[1]);
    if (forbidden.has(conversationId)) {
      answer(res, 403, { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } });
      return;
    }
    received.push({
      method: req.method,
      path: url.pathname,
      conversationId,
      replyToId: m[2] ? decodeURIComponent(m[2]) : undefined,
      authorization: req.headers.authorization,
      activity: JSON.parse(body || "{}"),
    });
    answer(res, 200, { id: `reply-${++n}` });
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    forbidden,
    async waitFor(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`fake connector got ${received.length} activities, expected ${count}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return received;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
