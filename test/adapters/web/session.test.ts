// The web session: signed random token, server-side row, idle and absolute timeouts, rotation, logout.
import { describe, expect, it } from "vitest";
import { memorySessionStore, readSessionToken, SESSION_COOKIE, WebSessions } from "../../../adapters/web/session";
import { sign } from "../../../adapters/signing";

const secret = "k".repeat(40);
const T0 = new Date("2026-03-01T00:00:00Z");
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const cookieOf = (setCookie: string | undefined) => setCookie!.split(";")[0];

describe("web sessions", () => {
  it("a new browser gets an HttpOnly, SameSite=Strict cookie whose token is 256 bits and not the identity", async () => {
    const s = new WebSessions({ secret, store: memorySessionStore(), secure: true });
    const a = await s.resolve(undefined, T0);
    expect(a.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+; Secure$`));
    expect(a.setCookie).not.toContain(a.identity);
    const again = await s.resolve(cookieOf(a.setCookie), days(1));
    expect(again).toEqual({ identity: a.identity, token: a.token });
  });

  it("refuses a forged or tampered cookie, and one signed with another secret: a new identity", async () => {
    const s = new WebSessions({ secret, store: memorySessionStore(), secure: false });
    const a = await s.resolve(undefined, T0);
    const [name, value] = cookieOf(a.setCookie).split("=");
    const [token, sig] = value.split(".");
    const tampered = `${name}=${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}.${sig}`;
    const forged = `${name}=${"x".repeat(43)}.${sign("another-secret-another-secret-another", "web-session", "x".repeat(43))}`;
    for (const c of [tampered, forged, `${name}=${token}`, `${name}=${token}.${sig}x`]) {
      const r = await s.resolve(c, T0);
      expect(r.identity, c).not.toBe(a.identity);
      expect(r.setCookie).toBeTruthy();
    }
    expect(readSessionToken(undefined, secret)).toBeNull();
  });

  it("ends after the idle timeout and after the absolute timeout", async () => {
    const s = new WebSessions({ secret, store: memorySessionStore(), secure: false, idleDays: 7, maxDays: 30 });
    const a = await s.resolve(undefined, T0);
    const c = cookieOf(a.setCookie);
    expect((await s.resolve(c, days(6))).identity).toBe(a.identity);
    expect((await s.resolve(c, days(12))).identity).toBe(a.identity); // used on day 6: 6 idle days
    expect((await s.resolve(c, days(19.5))).identity).not.toBe(a.identity); // 7.5 idle days
    const b = await s.resolve(undefined, T0);
    const cb = cookieOf(b.setCookie);
    for (let d = 5; d < 30; d += 5) expect((await s.resolve(cb, days(d))).identity).toBe(b.identity);
    expect((await s.resolve(cb, days(31))).identity).not.toBe(b.identity); // used all along, but 31 days old
  });

  it("rotation keeps the identity and kills the old token; logout kills the session (a replay gets a new identity)", async () => {
    const s = new WebSessions({ secret, store: memorySessionStore(), secure: false });
    const a = await s.resolve(undefined, T0);
    const r = await s.rotate(a, T0);
    expect(r.identity).toBe(a.identity);
    expect(r.token).not.toBe(a.token);
    expect((await s.resolve(cookieOf(a.setCookie), T0)).identity).not.toBe(a.identity);
    expect((await s.resolve(cookieOf(r.setCookie), T0)).identity).toBe(a.identity);
    expect(await s.logout(cookieOf(r.setCookie), T0)).toMatch(/Max-Age=0/);
    expect((await s.resolve(cookieOf(r.setCookie), days(0.1))).identity).not.toBe(a.identity);
  });

  it("keeps a web user of the earlier cookie format (signed 24-character id) and moves them to a new token", async () => {
    const s = new WebSessions({ secret, store: memorySessionStore(), secure: false });
    const legacyId = "AbCdEfGhIjKlMnOpQrStUvWx";
    const r = await s.resolve(`${SESSION_COOKIE}=${legacyId}.${sign(secret, "web-session", legacyId)}`, T0);
    expect(r.identity).toBe(legacyId);
    expect(r.setCookie).toBeTruthy();
  });
});
