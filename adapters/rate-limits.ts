// Rate limits (rate-limiter-flexible): every POST per client address, chat turns per web user, and
// registration attempts (invite-code guesses) per address and per user. A refused request gets 429
// with Retry-After, in Vietnamese. On PostgreSQL the turn and registration counters live in the
// database (RateLimiterPostgres), so replicas share them and a guesser cannot multiply the limit by
// the number of replicas; if the database fails, each replica falls back to its own memory
// (insuranceLimiter). The per-address POST limit stays in memory: it is a cheap first shield that
// runs before anything else, and costs no query.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "../bot/storage/db";

export interface Limits {
  /** Any POST from this address. */
  request(ip: string): Promise<number | null>;
  /** One chat turn of this web user. */
  turn(identity: string): Promise<number | null>;
  /** One registration attempt ("đăng ký MÃ") from this address by this user. */
  register(ip: string, identity: string): Promise<number | null>;
}

export interface LimitSettings {
  /** POSTs per minute per address (an office behind one NAT shares it). */
  requestsPerMinute?: number;
  /** Chat turns per minute per web user. */
  turnsPerMinute?: number;
  /** Registration attempts per 15 minutes, per address and per user. */
  registrationsPer15Min?: number;
}

/** Seconds to wait when the limiter refuses, or null when allowed. */
async function take(l: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await l.consume(key);
    return null;
  } catch (r) {
    if (r instanceof RateLimiterRes) return Math.max(1, Math.ceil(r.msBeforeNext / 1000));
    throw r;
  }
}

/** rate-limiter-flexible's Postgres store on the app's Db (it asks only for `query({ text, values })`). */
function storeClient(db: Db) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await db.query(q.text, q.values);
      return { rows, rowCount: rows.length };
    },
  };
}

/** A limiter shared through the database when it is a PostgreSQL server, else in this process's memory. */
function shared(db: Db | undefined, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (db?.kind !== "postgres") return memory;
  return new RateLimiterPostgres({
    storeClient: storeClient(db),
    storeType: "client",
    tableName: "rate_limits",
    tableCreated: true, // migration 152
    keyPrefix,
    points,
    duration,
    insuranceLimiter: memory,
  });
}

export function createLimits(s: LimitSettings = {}, db?: Db): Limits {
  const requests = new RateLimiterMemory({ keyPrefix: "req", points: s.requestsPerMinute ?? 300, duration: 60 });
  const turns = shared(db, "turn", s.turnsPerMinute ?? 30, 60);
  const regIp = shared(db, "reg-ip", s.registrationsPer15Min ?? 10, 15 * 60);
  const regUser = shared(db, "reg-user", Math.max(1, Math.ceil((s.registrationsPer15Min ?? 10) / 2)), 15 * 60);
  return {
    request: (ip) => take(requests, ip),
    turn: (identity) => take(turns, identity),
    async register(ip, identity) {
      return (await take(regIp, ip)) ?? (await take(regUser, identity));
    },
  };
}

export const TOO_MANY = (seconds: number) => `Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${seconds} giây.`;
