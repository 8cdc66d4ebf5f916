import { describe, expect, it } from "vitest";
import { newSession, readSession, SESSION_COOKIE } from "../../../adapters/web/session";

const secret = "s".repeat(40);

describe("web session cookie", () => {
  it("round-trips a signed session id", () => {
    const { sid, setCookie } = newSession(secret, true);
    expect(setCookie).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const cookie = setCookie.split(";")[0];
    expect(readSession(`other=1; ${cookie}`, secret)).toBe(sid);
  });

  it("rejects a forged or re-signed id", () => {
    const { setCookie } = newSession(secret, false);
    const [, value] = setCookie.split(";")[0].split("=");
    const [, sig] = value.split(".");
    expect(readSession(`${SESSION_COOKIE}=someone-elses-session-id.${sig}`, secret)).toBeNull();
    expect(readSession(setCookie.split(";")[0], "another-secret-another-secret-another")).toBeNull();
    expect(readSession(undefined, secret)).toBeNull();
  });
});
