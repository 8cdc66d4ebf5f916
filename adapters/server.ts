// One restify server for every channel: Teams (/api/messages), the web chat (/ and /api/chat),
// signed downloads (/files/...), health checks, and the Zalo listener beside it. close() is the
// graceful shutdown: stop accepting, finish turns in progress, stop Zalo and nudges, close the store.
import { existsSync } from "node:fs";
import { join } from "node:path";
import restify from "restify";
import pino, { type Logger } from "pino";
import type { Config } from "../bot/config";
import type { ChannelName, FileMessage, OutgoingMessage, ProactiveSender } from "../bot/messages";
import { startNudgeScheduler } from "../bot/nudges/scheduler";
import type { Db } from "../bot/storage/db";
import { dbAddressBook } from "./address-book";
import type { AddressBook, BotCore } from "./core";
import { Downloads } from "./downloads";
import { loadOrCreateSecret } from "./signing";
import { loadPage } from "./static-files";
import { createTeamsChannel } from "./teams/channel";
import { officeSettings } from "../bot/report/office";
import { registerBoard } from "./web/board/routes";
import { createWebChat, MAX_TEXT_CHARS, webWelcome } from "./web/chat";
import { ZaloChannel } from "./zalo/channel";
import { parseKeywords } from "./zalo/inbound";
import { runWhenLeader, ZALO_LISTENER_LOCK } from "./zalo/leader";
import type { ZaloPort } from "./zalo/port";

/** What the server needs of the application (bot/app.ts createApp). */
export interface AppLike extends BotCore {
  db: Db;
  close(): Promise<void>;
}

/** Something running beside the server that must stop on shutdown (the nudge scheduler). */
export interface Stoppable {
  stop(): Promise<void> | void;
}

export interface ServerOptions {
  config: Config;
  app: AppLike;
  log?: Logger;
  /** Overrides config.PORT (tests use 0 for a free port). */
  port?: number;
  host?: string;
  addresses?: AddressBook;
  /** Zalo login; default: cookie login from ZALO_CREDENTIALS_FILE when that file exists. */
  zalo?: { login(): Promise<ZaloPort>; persist?(port: ZaloPort): Promise<void> } | null;
  /**
   * Started once the senders exist. Default: the nudge scheduler when NUDGES_ENABLED; null for none.
   */
  background?: ((senders: Map<ChannelName, ProactiveSender>) => Stoppable | null | Promise<Stoppable | null>) | null;
}

export interface RunningServer {
  url: string;
  port: number;
  senders: Map<ChannelName, ProactiveSender>;
  zalo: ZaloChannel | null;
  close(): Promise<void>;
}

const TEAMS_BODY_BYTES = 1024 * 1024;
const CHAT_BODY_BYTES = MAX_TEXT_CHARS * 4 + 4096;

async function defaultZalo(config: Config) {
  if (!existsSync(config.ZALO_CREDENTIALS_FILE)) return null;
  // Imported lazily so a server without Zalo never loads zca-js.
  const { loginFromFile, saveSession } = await import("./zalo/login");
  return {
    login: () => loginFromFile(config.ZALO_CREDENTIALS_FILE),
    persist: (port: ZaloPort) => saveSession(config.ZALO_CREDENTIALS_FILE, port as Parameters<typeof saveSession>[1]),
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { config, app } = opts;
  const log = opts.log ?? pino({ level: config.LOG_LEVEL });
  const addresses = opts.addresses ?? dbAddressBook(app.db);
  const port = opts.port ?? config.PORT;
  const baseUrl = (config.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const secret = loadOrCreateSecret(config.WEB_SESSION_SECRET, config.DATA_DIR);
  let publicUrl = baseUrl;
  const downloads = new Downloads({ dir: join(config.DATA_DIR, "downloads"), secret, baseUrl: () => publicUrl });
  const inFlight = new Set<Promise<unknown>>();
  let shuttingDown = false;

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }
  // The clock is read here, at the edge.
  const link = (file: FileMessage) => downloads.put(file, new Date());

  const teams = createTeamsChannel({ config, core: app, addresses, link, log });
  const web = createWebChat({ core: app, secret, secureCookies: baseUrl.startsWith("https:"), link: (f, now) => downloads.put(f, now), log });
  const senders = new Map<ChannelName, ProactiveSender>([["teams", teams.sender]]);

  const server = restify.createServer({ name: "tro-ly-ke-hoach", handleUncaughtExceptions: false });
  server.pre((req, res, next) => {
    if (shuttingDown && req.url !== "/healthz") {
      res.header("connection", "close");
      res.send(503, { error: "Máy chủ đang khởi động lại, vui lòng thử lại sau giây lát." });
      return next(false);
    }
    return next();
  });

  server.post("/api/messages", restify.plugins.bodyParser({ maxBodySize: TEAMS_BODY_BYTES }), async (req: restify.Request, res: restify.Response) => {
    await track(teams.process(req, res));
  });

  server.post("/api/chat", restify.plugins.bodyParser({ maxBodySize: CHAT_BODY_BYTES, rejectUnknown: true }), async (req: restify.Request, res: restify.Response) => {
    if (!req.is("application/json")) {
      res.send(415, { error: "Gửi JSON (content-type: application/json)." });
      return;
    }
    try {
      const out = await track(web.handle({ cookieHeader: req.headers.cookie, body: req.body, now: new Date() }));
      res.send(out.status, out.body, out.headers);
    } catch (err) {
      log.error({ err }, "web chat turn failed");
      res.send(500, { error: "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút." });
    }
  });

  server.get("/api/welcome", async (_req: restify.Request, res: restify.Response) => {
    try {
      res.send(200, await webWelcome(app.db, new Date()), { "cache-control": "no-store" });
    } catch (err) {
      log.warn({ err }, "welcome failed");
      res.send(503, { error: "Chưa đọc được danh sách kế hoạch; vui lòng tải lại trang." });
    }
  });

  const page = loadPage();
  for (const [route, file] of page) {
    server.get(route, async (_req: restify.Request, res: restify.Response) => {
      res.writeHead(200, {
        "content-type": file.contentType,
        "content-length": file.body.length,
        "content-security-policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'",
        "x-content-type-options": "nosniff",
        "cache-control": "no-cache",
      });
      res.end(file.body);
    });
  }

  registerBoard(server, { db: app.db, secret, office: officeSettings(config), log }, track);

  server.get("/files/:id/:name", async (req: restify.Request, res: restify.Response) => {
    const file = await downloads.fromUrl(req.url ?? "", new Date());
    if (!file) {
      res.send(404, { error: "Liên kết tải về không hợp lệ hoặc đã hết hạn. Hãy yêu cầu xuất báo cáo lại." });
      return;
    }
    res.writeHead(200, {
      "content-type": file.mimeType,
      "content-length": file.data.length,
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    });
    res.end(file.data);
  });

  server.get("/healthz", async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { ok: true });
  });
  server.get("/readyz", async (_req: restify.Request, res: restify.Response) => {
    try {
      await app.db.query("SELECT 1");
      res.send(200, { ok: true, zalo: zalo ? (zalo.connected ? "connected" : "connecting") : "off" });
    } catch (err) {
      log.warn({ err }, "readiness check failed");
      res.send(503, { ok: false, error: "database unavailable" });
    }
  });

  // Zalo: one listener per account, so with PostgreSQL only the replica holding the lock runs it.
  const zaloDeps = opts.zalo === undefined ? await defaultZalo(config) : opts.zalo;
  let zalo: ZaloChannel | null = null;
  let zaloLeader: Stoppable | null = null;
  if (zaloDeps) {
    const channel = new ZaloChannel({
      login: zaloDeps.login,
      persist: zaloDeps.persist,
      core: { handle: (msg) => track(app.handle(msg)) },
      log,
      keywords: parseKeywords(config.ZALO_GROUP_KEYWORD),
      alert: async (text) => {
        log.error({ alert: text }, "admin alert");
        for (const address of await addresses.adminAddresses("teams")) {
          await teams.sender.send(address, [{ kind: "text", text } satisfies OutgoingMessage]).catch((err: unknown) => log.warn({ err }, "Teams alert failed"));
        }
      },
    });
    zalo = channel;
    senders.set("zalo", channel.sender);
    zaloLeader = runWhenLeader({
      tryLock: () => app.db.tryAdvisoryLock(ZALO_LISTENER_LOCK),
      start: () => channel.start(),
      stop: () => channel.stop(),
      log: log.child({ channel: "zalo" }),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  if (!config.PUBLIC_BASE_URL) publicUrl = `http://localhost:${actualPort}`;

  const startBackground =
    opts.background === undefined
      ? config.NUDGES_ENABLED
        ? (s: Map<ChannelName, ProactiveSender>) => startNudgeScheduler({ db: app.db, senders: s, config, log: log.child({ part: "nudges" }) })
        : null
      : opts.background;
  const background = startBackground ? await startBackground(senders) : null;

  log.info(
    {
      port: actualPort,
      teams: teams.authenticated ? "on (authenticated)" : "on (Emulator mode, no MicrosoftAppId)",
      zalo: zalo ? "on" : `off (no ${config.ZALO_CREDENTIALS_FILE})`,
      web: `${publicUrl}/`,
      nudges: background ? "on" : "off",
    },
    "Trợ lý Kế hoạch is listening",
  );

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    shuttingDown = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.server.closeIdleConnections?.();
    await Promise.allSettled([...inFlight]);
    await background?.stop();
    await zaloLeader?.stop();
    server.server.closeAllConnections?.();
    await closed;
    await app.close();
    log.info("server stopped");
  }

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    senders,
    zalo,
    close: () => (closing ??= close()),
  };
}
