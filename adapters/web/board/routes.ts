// The coordinator's progress board on the web: the page (/board) and its JSON (/api/board), plus
// the draft report as a download (/api/board/export). Who is signed in comes from the web chat's
// signed session cookie (the identity registered by invite on the chat page); members see their
// own unit only and get 403 for another unit's data.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type restify from "restify";
import { z } from "zod";
import { localDate } from "../../../knowledge/occurrences";
import { boardFor } from "../../../bot/report/board";
import { exportReport, REPORT_FORMATS } from "../../../bot/report/export";
import type { OfficeSettings } from "../../../bot/report/model";
import type { DbQuery } from "../../../bot/storage/db";
import { halfYearOf, isPeriodKey } from "../../../bot/updates/period";
import { findUserByIdentity } from "../../../bot/users/users";
import { readSessionToken, type WebSessions } from "../session";
import { encodeJson } from "./json-response";

const querySchema = z.object({
  period: z.string().refine(isPeriodKey, "period must look like 2027-H1, 2027-Q2 or 2027").optional(),
  plan: z.string().max(200).optional(),
  unit: z.coerce.number().int().positive().optional(),
  format: z.enum(REPORT_FORMATS).default("docx"),
});

export interface BoardDeps {
  db: DbQuery;
  secret: string;
  /** The server's web sessions; without them a signed earlier-format cookie names the user. */
  sessions?: WebSessions;
  office: OfficeSettings;
  log: Logger;
  /** The server's clock (default: the system clock). */
  clock?: () => Date;
}

export interface BoardResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const JSON_HEADERS = { "cache-control": "no-store" };
// The board itself may be kept by the browser, but only to be revalidated (ETag) on every view.
const BOARD_HEADERS = { "cache-control": "private, no-cache" };

export function createBoard(deps: BoardDeps) {
  const clock = deps.clock ?? (() => new Date());
  async function viewerOf(cookieHeader: string | undefined) {
    const sid = deps.sessions ? await deps.sessions.identityOf(cookieHeader, clock()) : readSessionToken(cookieHeader, deps.secret);
    return sid ? findUserByIdentity(deps.db, "web", sid) : null;
  }
  function parse(query: unknown) {
    const q = querySchema.safeParse(query ?? {});
    if (!q.success) return { error: q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } as const;
    return { value: q.data } as const;
  }
  return {
    /** GET /api/board?period=&plan=&unit= */
    async data(req: { cookieHeader?: string; query: unknown; now: Date }): Promise<BoardResponse> {
      const q = parse(req.query);
      if ("error" in q) return { status: 400, headers: JSON_HEADERS, body: { error: `Yêu cầu không hợp lệ (${q.error}).` } };
      const viewer = await viewerOf(req.cookieHeader);
      const r = await boardFor(deps.db, viewer, { period: q.value.period, planId: q.value.plan, unitId: q.value.unit }, localDate(req.now));
      return r.ok ? { status: 200, headers: BOARD_HEADERS, body: r.data } : { status: r.status, headers: JSON_HEADERS, body: { error: r.error } };
    },
    /** GET /api/board/export?period=&plan=&format=docx|csv|md: coordinators and admins. */
    async export(req: { cookieHeader?: string; query: unknown; now: Date }): Promise<BoardResponse> {
      const q = parse(req.query);
      if ("error" in q) return { status: 400, headers: JSON_HEADERS, body: { error: `Yêu cầu không hợp lệ (${q.error}).` } };
      const viewer = await viewerOf(req.cookieHeader);
      if (!viewer) return { status: 401, headers: JSON_HEADERS, body: { error: "Bạn chưa đăng ký." } };
      if (viewer.role === "member") return { status: 403, headers: JSON_HEADERS, body: { error: "Chỉ cán bộ tổng hợp hoặc quản trị viên mới xuất được báo cáo." } };
      const today = localDate(req.now);
      const period = q.value.period ?? halfYearOf(today);
      const r = await exportReport(deps.db, { period, format: q.value.format, today, planId: q.value.plan ?? null, office: deps.office });
      return {
        status: 200,
        headers: {
          "content-type": r.mimeType,
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`,
          "x-content-type-options": "nosniff",
          "cache-control": "private, no-store",
        },
        body: r.data,
      };
    },
  };
}

export type Board = ReturnType<typeof createBoard>;

const PAGE_DIR = dirname(fileURLToPath(import.meta.url));
const PAGE_FILES: [string, string, string][] = [
  ["/board", "index.html", "text/html; charset=utf-8"],
  ["/board/board.js", "board.js", "text/javascript; charset=utf-8"],
  ["/board/board.css", "board.css", "text/css; charset=utf-8"],
];

/** Registers the board's routes on the server; `track` lets a graceful shutdown wait for them. */
export function registerBoard(server: restify.Server, deps: BoardDeps, track: <T>(p: Promise<T>) => Promise<T>): void {
  const board = createBoard(deps);
  const clock = deps.clock ?? (() => new Date());
  for (const [route, file, contentType] of PAGE_FILES) {
    const body = readFileSync(join(PAGE_DIR, file));
    server.get(route, async (_req: restify.Request, res: restify.Response) => {
      res.writeHead(200, {
        "content-type": contentType,
        "content-length": body.length,
        "content-security-policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'",
        "x-content-type-options": "nosniff",
        "cache-control": "no-cache",
      });
      res.end(body);
    });
  }
  const send = async (req: restify.Request, res: restify.Response, out: BoardResponse) => {
    if (Buffer.isBuffer(out.body)) {
      res.writeHead(out.status, { ...out.headers, "content-length": out.body.length });
      res.end(out.body);
      return;
    }
    const json = await encodeJson(out.status, out.body, out.headers, { acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: req.headers["if-none-match"] });
    res.writeHead(json.status, json.headers);
    res.end(json.body ?? undefined);
  };
  const route = (handler: Board["data"]) => async (req: restify.Request, res: restify.Response) => {
    try {
      const query = Object.fromEntries(new URL(req.url ?? "/", "http://localhost").searchParams);
      await track(handler({ cookieHeader: req.headers.cookie, query, now: clock() }).then((out) => send(req, res, out)));
    } catch (err) {
      deps.log.error({ err }, "board request failed");
      res.send(500, { error: "Xin lỗi, không tải được bảng tiến độ. Vui lòng thử lại sau ít phút." });
    }
  };
  server.get("/api/board", route(board.data));
  server.get("/api/board/export", route(board.export));
}
