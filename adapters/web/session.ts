// The web chat's session, after OWASP ASVS (V3): the cookie holds a random 256-bit token, HMAC-signed,
// HttpOnly, SameSite=Strict (Secure on https); the server keeps only the token's SHA-256 with the
// web user's stable identity, its creation and its last use. A session ends after WEB_SESSION_IDLE_DAYS
// without use, WEB_SESSION_MAX_DAYS after it began, or at logout; registration gets a new token for
// the same identity (no session fixation). The identity, never the token, is what the core and
// the logs see.
import { createHash, randomBytes } from "node:crypto";
import type { DbQuery } from "../../bot/storage/db";
import { sign, verify } from "../signing";

export const SESSION_COOKIE = "tlkh_sid";
const PURPOSE = "web-session";
const DAY_MS = 24 * 3600_000;
/** Last-use stamps closer together than this are not written again. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionRow {
  identity: string;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export interface SessionStore {
  get(tokenHash: string): Promise<SessionRow | null>;
  put(tokenHash: string, identity: string, now: Date): Promise<void>;
  touch(tokenHash: string, now: Date): Promise<void>;
  revoke(tokenHash: string, now: Date): Promise<void>;
}

export function dbSessionStore(db: DbQuery): SessionStore {
  return {
    async get(h) {
      const [r] = await db.query<{ identity: string; created_at: Date; last_seen_at: Date; revoked_at: Date | null }>(
        "SELECT identity, created_at, last_seen_at, revoked_at FROM web_sessions WHERE token_hash = $1",
        [h],
      );
      return r ? { identity: r.identity, createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null } : null;
    },
    async put(h, identity, now) {
      await db.query("INSERT INTO web_sessions (token_hash, identity, created_at, last_seen_at) VALUES ($1, $2, $3, $3) ON CONFLICT (token_hash) DO NOTHING", [h, identity, now]);
    },
    async touch(h, now) {
      await db.query("UPDATE web_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL", [h, now]);
    },
    async revoke(h, now) {
      await db.query("UPDATE web_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL", [h, now]);
    },
  };
}

/** For tests and tools without a database. */
export function memorySessionStore(): SessionStore {
  const rows = new Map<string, SessionRow>();
  return {
    async get(h) {
      const r = rows.get(h);
      return r ? { ...r } : null;
    },
    async put(h, identity, now) {
      if (!rows.has(h)) rows.set(h, { identity, createdAt: now, lastSeenAt: now, revokedAt: null });
    },
    async touch(h, now) {
      const r = rows.get(h);
      if (r && !r.revokedAt) r.lastSeenAt = now;
    },
    async revoke(h, now) {
      const r = rows.get(h);
      if (r && !r.revokedAt) r.revokedAt = now;
    },
  };
}

/** Length of the earlier cookie format's id (18 random bytes, base64url). */
const LEGACY_LENGTH = 24;

/**
 * A cookie in the earlier format (the signed id is the identity, no server row). Kept for tools
 * and benchmarks that sign a web user in directly; WebSessions moves such a cookie to a token.
 */
export function newSession(secret: string, secure: boolean): { sid: string; setCookie: string } {
  const sid = randomBytes(18).toString("base64url");
  const attrs = [`${SESSION_COOKIE}=${sid}.${sign(secret, PURPOSE, sid)}`, "Path=/", "HttpOnly", "SameSite=Strict"];
  if (secure) attrs.push("Secure");
  return { sid, setCookie: attrs.join("; ") };
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The signed token in a Cookie header, or null when absent or not signed with `secret`. */
export function readSessionToken(cookieHeader: string | undefined, secret: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    const [token, sig] = rest.join("=").split(".");
    if (token && sig && /^[A-Za-z0-9_-]{16,64}$/.test(token) && verify(secret, PURPOSE, token, sig)) return token;
  }
  return null;
}

export interface SessionOptions {
  secret: string;
  store: SessionStore;
  secure: boolean;
  idleDays?: number;
  maxDays?: number;
}

export interface ResolvedSession {
  identity: string;
  token: string;
  /** Set when a new cookie must be sent (new session, or a legacy cookie replaced). */
  setCookie?: string;
}

export class WebSessions {
  private readonly idleMs: number;
  private readonly maxMs: number;
  constructor(private readonly o: SessionOptions) {
    this.idleMs = (o.idleDays ?? 30) * DAY_MS;
    this.maxMs = (o.maxDays ?? 180) * DAY_MS;
  }

  private cookie(token: string): string {
    const attrs = [`${SESSION_COOKIE}=${token}.${sign(this.o.secret, PURPOSE, token)}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${Math.floor(this.maxMs / 1000)}`];
    if (this.o.secure) attrs.push("Secure");
    return attrs.join("; ");
  }

  clearCookie(): string {
    return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=0", ...(this.o.secure ? ["Secure"] : [])].join("; ");
  }

  private async start(identity: string, now: Date): Promise<ResolvedSession> {
    const token = randomBytes(32).toString("base64url");
    await this.o.store.put(hashToken(token), identity, now);
    return { identity, token, setCookie: this.cookie(token) };
  }

  /** The request's live session, or a new one (new identity) when it has none, or it ended. */
  async resolve(cookieHeader: string | undefined, now: Date): Promise<ResolvedSession> {
    const token = readSessionToken(cookieHeader, this.o.secret);
    if (token) {
      const h = hashToken(token);
      const row = await this.o.store.get(h);
      if (row && !row.revokedAt) {
        const idle = now.getTime() - row.lastSeenAt.getTime() > this.idleMs;
        const old = now.getTime() - row.createdAt.getTime() > this.maxMs;
        if (!idle && !old) {
          if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.o.store.touch(h, now);
          return { identity: row.identity, token };
        }
        await this.o.store.revoke(h, now);
      } else if (!row && token.length === LEGACY_LENGTH) {
        // A cookie of the earlier format (signed id, no server row): the id was the identity.
        // Kept, so registered web users stay registered, and moved to a new token at once; the
        // old cookie is recorded as ended, so it works only this once.
        await this.o.store.put(h, token, now);
        await this.o.store.revoke(h, now);
        return this.start(token, now);
      }
    }
    return this.start(randomBytes(18).toString("base64url"), now);
  }

  /** The identity of the request's live session, or null; never starts one (read-only pages). */
  async identityOf(cookieHeader: string | undefined, now: Date): Promise<string | null> {
    const token = readSessionToken(cookieHeader, this.o.secret);
    if (!token) return null;
    const row = await this.o.store.get(hashToken(token));
    if (!row) return token.length === LEGACY_LENGTH ? token : null;
    if (row.revokedAt || now.getTime() - row.lastSeenAt.getTime() > this.idleMs || now.getTime() - row.createdAt.getTime() > this.maxMs) return null;
    return row.identity;
  }

  /** A new token for the same identity; the old one stops working (after registration). */
  async rotate(current: ResolvedSession, now: Date): Promise<ResolvedSession> {
    await this.o.store.revoke(hashToken(current.token), now);
    return this.start(current.identity, now);
  }

  /** Ends the request's session; returns the cookie header that clears it in the browser. */
  async logout(cookieHeader: string | undefined, now: Date): Promise<string> {
    const token = readSessionToken(cookieHeader, this.o.secret);
    if (token) await this.o.store.revoke(hashToken(token), now);
    return this.clearCookie();
  }
}
