// One restify server for every channel: Teams (/api/messages), the web chat (/ and /api/chat),
// signed downloads (/files/...), health checks, the Zalo bot (/api/zalo or polling) and the Zalo
// listener beside it. close() is the graceful shutdown: stop accepting, answer every request
// received (http-drain.ts), stop Zalo and nudges, finish their turns, close the store.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Server as NodeHttpServer } from "node:http";
import restify from "restify";
import pino, { type Logger } from "pino";
import type { Config } from "../bot/config";
import type { ChannelName, FileMessage, OutgoingMessage, ProactiveSender } from "../bot/messages";
import { startNudgeScheduler } from "../bot/nudges/scheduler";
import type { Db } from "../bot/storage/db";
import { dbAddressBook } from "./address-book";
import type { AddressBook, BotCore } from "./core";
import { Downloads } from "./downloads";
import { drainable } from "./http-drain";
import { createLimits, TOO_MANY, type LimitSettings } from "./rate-limits";
import { clientAddress } from "./client-address";
import { sharedSecret } from "./signing";
import { loadPage } from "./static-files";
import { lazyTeamsChannel } from "./teams/lazy-channel";
import { officeSettings } from "../bot/report/office";
import { registerBoard } from "./web/board/routes";
import { createWebChat, MAX_TEXT_CHARS, webWelcome } from "./web/chat";
import { dbSessionStore, WebSessions } from "./web/session";
import { ZaloChannel } from "./zalo/channel";
import { parseKeywords } from "./zalo/inbound";
import { runWhenLeader, ZALO_LISTENER_LOCK } from "./zalo/leader";
import type { ZaloPort } from "./zalo/port";
import type { BackoffOptions } from "./zalo/backoff";
import { ZaloBotApi } from "./zalo-bot/api";
import { WEBHOOK_PATH, ZaloBotChannel, type ZaloBotChannelDeps } from "./zalo-bot/channel";
import { runZaloBot } from "./zalo-bot/run";
import { SECRET_HEADER } from "./zalo-bot/webhook-secret";

/** What the server needs of the application (bot/app.ts createApp). */
export interface AppLike extends BotCore {
  db: Db;
  close(): Promise<void>;
  /** While the knowledge loads (bot/app.ts openApp): /readyz says 503 with this progress. */
  progress?(): { phase: string; loaded: number; total: number; error?: string };
  /** Settles once the knowledge is loaded; the nudge scheduler starts after it. */
  ready?: Promise<unknown>;
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
  /** Overrides of the Zalo bot channel's timings (tests); the channel is on when ZALO_BOT_TOKEN is set. */
  zaloBot?: Partial<Pick<ZaloBotChannelDeps, "rateLimits" | "backoff" | "pollTimeoutSec" | "random">> & { sendBackoff?: BackoffOptions };
  /**
   * Started once the senders exist. Default: the nudge scheduler when NUDGES_ENABLED; null for none.
   */
  /** Rate limits (default: createLimits()); tests pass lower ones. */
  limits?: LimitSettings;
  /** The clock of the edge (default: the system clock); e2e tests pass a fixed one. */
  clock?: () => Date;
  /**
   * An HTTP server already listening (scripts/start.ts opens one first thing, so health checks are
   * answered while the application loads); its requests are handed to this server from now on.
   */
  listener?: NodeHttpServer;
  background?: ((senders: Map<ChannelName, ProactiveSender>) => Stoppable | null | Promise<Stoppable | null>) | null;
}

export interface RunningServer {
  url: string;
  port: number;
  senders: Map<ChannelName, ProactiveSender>;
  zalo: ZaloChannel | null;
  zaloBot: ZaloBotChannel | null;
  close(): Promise<void>;
}

const TEAMS_BODY_BYTES = 1024 * 1024;
const ZALO_BOT_BODY_BYTES = 256 * 1024;
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
  const secret = await sharedSecret(app.db, config.WEB_SESSION_SECRET, config.DATA_DIR);
  let publicUrl = baseUrl;
  const downloads = new Downloads({ dir: join(config.DATA_DIR, "downloads"), secret, baseUrl: () => publicUrl });
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }
  // The clock is read here, at the edge: the web page, its chat and the board too.
  const now = opts.clock ?? (() => new Date());
  const link = (file: FileMessage) => downloads.put(file, now());

  const teams = lazyTeamsChannel({ config, core: app, addresses, link, log, clock: opts.clock });
  // botbuilder is imported while the knowledge loads (the main thread mostly waits for the answer
  // workers then), and /readyz waits for it: the first Teams turns after it do not pay the import.
  let teamsLoaded = false;
  void teams.load().then(
    () => (teamsLoaded = true),
    (err: unknown) => {
      teamsLoaded = true; // each Teams request then says why
      log.error({ err }, "the Teams channel could not be loaded");
    },
  );
  const sessions = new WebSessions({
    secret,
    store: dbSessionStore(app.db),
    secure: baseUrl.startsWith("https:"),
    idleDays: config.WEB_SESSION_IDLE_DAYS,
    maxDays: config.WEB_SESSION_MAX_DAYS,
  });
  const limits = createLimits(opts.limits, app.db);
  const web = createWebChat({ core: app, secret, sessions, limits, secureCookies: baseUrl.startsWith("https:"), link: (f, now) => downloads.put(f, now), log });
  const senders = new Map<ChannelName, ProactiveSender>([["teams", teams.sender]]);

  const server = restify.createServer({ name: "tro-ly-ke-hoach", handleUncaughtExceptions: false });
  const listener = opts.listener ?? server.server;
  if (opts.listener) opts.listener.removeAllListeners("request");
  const http = drainable(listener);
  if (opts.listener) opts.listener.on("request", (req, res) => server.server.emit("request", req, res));

  // Every POST counts against its client address; a refused one costs nothing further.
  server.pre((req, res, next) => {
    if (req.method !== "POST") return next();
    limits.request(clientAddress(req, config.TRUST_PROXY) ?? "?").then(
      (wait) => {
        if (wait === null) return next();
        res.header("retry-after", String(wait));
        res.send(429, { error: TOO_MANY(wait) });
        return next(false);
      },
      (err: unknown) => next(err as Error),
    );
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
      const out = await track(web.handle({ cookieHeader: req.headers.cookie, body: req.body, now: now(), ip: clientAddress(req, config.TRUST_PROXY) }));
      res.send(out.status, out.body, out.headers);
    } catch (err) {
      log.error({ err }, "web chat turn failed");
      res.send(500, { error: "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút." });
    }
  });

  // Logout: the session ends on the server and the cookie is cleared. JSON only, like /api/chat
  // (SameSite=Strict and no CORS: another site cannot log a user out).
  server.post("/api/logout", restify.plugins.bodyParser({ maxBodySize: 1024 }), async (req: restify.Request, res: restify.Response) => {
    if (!req.is("application/json")) {
      res.send(415, { error: "Gửi JSON (content-type: application/json)." });
      return;
    }
    const out = await web.logout({ cookieHeader: req.headers.cookie, now: now() });
    res.send(out.status, out.body, out.headers);
  });

  server.get("/api/welcome", async (_req: restify.Request, res: restify.Response) => {
    try {
      res.send(200, await webWelcome(app.db, now()), { "cache-control": "no-store" });
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
        "content-security-policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "cache-control": "no-cache",
      });
      res.end(file.body);
    });
  }

  registerBoard(server, { db: app.db, secret, sessions, office: officeSettings(config), log, clock: now }, track);

  server.get("/files/:id/:name", async (req: restify.Request, res: restify.Response) => {
    const file = await downloads.fromUrl(req.url ?? "", now());
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

  // The official Zalo bot: webhook calls at /api/zalo (any replica answers), or polling (below).
  const zaloBot = config.ZALO_BOT_TOKEN
    ? new ZaloBotChannel({
        api: new ZaloBotApi({ baseUrl: config.ZALO_BOT_API_URL, token: config.ZALO_BOT_TOKEN, sendBackoff: opts.zaloBot?.sendBackoff }),
        core: { handle: (msg) => track(app.handle(msg)) },
        log,
        mode: config.ZALO_BOT_MODE,
        secret: config.ZALO_BOT_WEBHOOK_SECRET,
        webhookUrl: () => `${publicUrl}${WEBHOOK_PATH}`,
        link,
        ...opts.zaloBot,
      })
    : null;
  if (zaloBot) senders.set("zalo-bot", zaloBot.sender);
  server.post(WEBHOOK_PATH, restify.plugins.bodyParser({ maxBodySize: ZALO_BOT_BODY_BYTES }), async (req: restify.Request, res: restify.Response) => {
    if (!zaloBot) {
      res.send(404, { error: "The Zalo bot is off on this server (no ZALO_BOT_TOKEN)." });
      return;
    }
    const out = zaloBot.handleWebhook(req.headers[SECRET_HEADER], req.body);
    res.send(out.status, out.body);
  });

  server.get("/healthz", async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { ok: true });
  });
  server.get("/readyz", async (_req: restify.Request, res: restify.Response) => {
    const progress = app.progress?.();
    if (progress && progress.phase !== "ready") {
      // Starting: alive (see /healthz) but not ready to answer; the body says how far it has got.
      res.send(503, { ok: false, starting: progress.phase !== "failed", ...progress }, { "cache-control": "no-store" });
      return;
    }
    if (!teamsLoaded) {
      res.send(503, { ok: false, starting: true, phase: "channels", loaded: progress?.loaded ?? 0, total: progress?.total ?? 0 }, { "cache-control": "no-store" });
      return;
    }
    try {
      await app.db.query("SELECT 1");
      res.send(200, { ok: true, teams: "loaded", zalo: zalo ? (zalo.connected ? "connected" : "connecting") : "off", zaloBot: zaloBot ? zaloBot.status : "off" });
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
      tryLock: (onLost) => app.db.tryAdvisoryLock(ZALO_LISTENER_LOCK, onLost),
      start: () => channel.start(),
      stop: () => channel.stop(),
      log: log.child({ channel: "zalo" }),
    });
  }

  // A request must arrive whole within 30 s (headers within 15 s), not Node's 300 s: a client that
  // trickles its body cannot hold connections open.
  listener.requestTimeout = 30_000;
  listener.headersTimeout = 15_000;
  if (!opts.listener) {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, opts.host ?? "0.0.0.0", () => resolve());
    });
  }
  const address = listener.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  if (!config.PUBLIC_BASE_URL) publicUrl = `http://localhost:${actualPort}`;

  // Webhook: registered by every replica. Polling: only by the replica holding the lock.
  const zaloBotRun: Stoppable | null = zaloBot ? runZaloBot(zaloBot, { tryLock: (key, onLost) => app.db.tryAdvisoryLock(key, onLost), log }) : null;

  const startBackground =
    opts.background === undefined
      ? config.NUDGES_ENABLED
        ? (s: Map<ChannelName, ProactiveSender>) => startNudgeScheduler({ db: app.db, senders: s, config, log: log.child({ part: "nudges" }) })
        : null
      : opts.background;
  // Nudges need the plans: while the knowledge loads (app.ready), the scheduler starts after it.
  let background: Stoppable | null = null;
  let stopped = false;
  const begin = async () => {
    if (stopped || !startBackground) return;
    const b = await startBackground(senders);
    if (stopped) await b?.stop();
    else background = b;
  };
  const backgroundStarted = app.ready ? app.ready.then(begin, () => {}) : null;
  if (!app.ready) await begin();

  log.info(
    {
      port: actualPort,
      teams: teams.authenticated ? "on (authenticated)" : "on (Emulator mode, no MicrosoftAppId)",
      zalo: zalo ? "on" : `off (no ${config.ZALO_CREDENTIALS_FILE})`,
      zaloBot: zaloBot ? `on (${zaloBot.mode})` : "off (no ZALO_BOT_TOKEN)",
      web: `${publicUrl}/`,
      nudges: startBackground ? "on" : "off",
    },
    "Trợ lý Kế hoạch is listening",
  );

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    log.info({ requests: http.activeRequests, connections: http.openConnections }, "shutting down: answering the requests received");
    await http.close(() => log.info("stopped accepting connections"));
    stopped = true;
    await (background as Stoppable | null)?.stop();
    await zaloLeader?.stop();
    await zaloBotRun?.stop();
    // Zalo turns (and any other tracked turn) still running.
    await Promise.allSettled([...inFlight]);
    await app.close(); // waits for the knowledge still loading, if any
    await backgroundStarted;
    log.info("server stopped");
  }

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    senders,
    zalo,
    zaloBot,
    close: () => (closing ??= close()),
  };
}
