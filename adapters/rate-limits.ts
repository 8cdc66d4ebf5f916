// Rate limits (rate-limiter-flexible, in memory per replica): every POST per client address, chat
// turns per web user, and registration attempts (invite-code guesses) per address and per user.
// A refused request gets 429 with Retry-After, in Vietnamese.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

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
async function take(l: RateLimiterMemory, key: string): Promise<number | null> {
  try {
    await l.consume(key);
    return null;
  } catch (r) {
    if (r instanceof RateLimiterRes) return Math.max(1, Math.ceil(r.msBeforeNext / 1000));
    throw r;
  }
}

export function createLimits(s: LimitSettings = {}): Limits {
  const requests = new RateLimiterMemory({ keyPrefix: "req", points: s.requestsPerMinute ?? 300, duration: 60 });
  const turns = new RateLimiterMemory({ keyPrefix: "turn", points: s.turnsPerMinute ?? 30, duration: 60 });
  const regIp = new RateLimiterMemory({ keyPrefix: "reg-ip", points: s.registrationsPer15Min ?? 10, duration: 15 * 60 });
  const regUser = new RateLimiterMemory({ keyPrefix: "reg-user", points: Math.max(1, Math.ceil((s.registrationsPer15Min ?? 10) / 2)), duration: 15 * 60 });
  return {
    request: (ip) => take(requests, ip),
    turn: (identity) => take(turns, identity),
    async register(ip, identity) {
      return (await take(regIp, ip)) ?? (await take(regUser, identity));
    },
  };
}

export const TOO_MANY = (seconds: number) => `Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${seconds} giây.`;
