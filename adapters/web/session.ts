// The web chat's signed session cookie: a random id per browser, HMAC-signed, so the identity the
// core sees (channelUserId) comes from the server, never from the request body.
import { randomBytes } from "node:crypto";
import { sign, verify } from "../signing";

export const SESSION_COOKIE = "tlkh_sid";
const PURPOSE = "web-session";
const ONE_YEAR_S = 365 * 24 * 3600;

/** The session id in a Cookie header, or null when absent or not signed by us. */
export function readSession(cookieHeader: string | undefined, secret: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    const [sid, sig] = rest.join("=").split(".");
    if (sid && sig && /^[A-Za-z0-9_-]{16,64}$/.test(sid) && verify(secret, PURPOSE, sid, sig)) return sid;
  }
  return null;
}

export function newSession(secret: string, secure: boolean): { sid: string; setCookie: string } {
  const sid = randomBytes(18).toString("base64url");
  const attrs = [`${SESSION_COOKIE}=${sid}.${sign(secret, PURPOSE, sid)}`, "Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${ONE_YEAR_S}`];
  if (secure) attrs.push("Secure");
  return { sid, setCookie: attrs.join("; ") };
}
