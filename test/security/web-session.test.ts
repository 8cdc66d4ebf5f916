// The web session over HTTP: a new session on registration, logout ends it (a replayed cookie is a
// stranger), a tampered cookie is a stranger, the secret is shared by replicas through the database,
// a short secret stops the start naming the variable, and the page cannot be framed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedSecret } from "../../adapters/signing";
import { ConfigError, loadConfig } from "../../bot/config";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { dropSchema, freshSchema, openPg, PG_MISSING, PG_URL } from "../bot/storage/engines";
import { startHarness, type Harness } from "../e2e/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => h?.stop());

async function chat(text: string, cookie?: string, id?: string) {
  const res = await fetch(`${h.server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ name: "Lan", text, ...(id ? { id } : {}) }),
  });
  const body = (await res.json()) as { replies: { text?: string }[] };
  return { status: res.status, setCookie: res.headers.get("set-cookie")?.split(";")[0], text: body.replies?.map((r) => r.text ?? "").join("\n") ?? "" };
}

describe("web session over HTTP", () => {
  it("registration renews the session; logout ends it; old and replayed cookies are strangers", async () => {
    const first = await chat("xin chào");
    const c1 = first.setCookie!;
    expect(c1).toMatch(/^tlkh_sid=/);
    expect((await chat("help", c1)).setCookie).toBeUndefined(); // the session holds
    const unit = await ensureUnit(h.app.db, "Phòng Tư pháp", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "member", now: new Date() });
    const reg = await chat(`đăng ký ${invite.code}`, c1);
    const c2 = reg.setCookie!;
    expect(c2).toBeTruthy();
    expect(c2).not.toBe(c1);
    // The renewed cookie is the registered user; the pre-registration cookie no longer is anyone.
    expect((await chat("tiến độ", c2)).setCookie).toBeUndefined();
    expect((await chat("tiến độ", c1)).setCookie).toBeTruthy();
    const out = await fetch(`${h.server.url}/api/logout`, { method: "POST", headers: { "content-type": "application/json", cookie: c2 }, body: "{}" });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/tlkh_sid=;.*Max-Age=0/);
    const replay = await chat("tiến độ", c2);
    expect(replay.setCookie).toBeTruthy(); // a new, unregistered session
    expect(replay.text).toMatch(/đăng ký/i);
    const tampered = c2.replace(/.$/, (ch) => (ch === "A" ? "B" : "A"));
    expect((await chat("help", tampered)).setCookie).toBeTruthy();
    const formLogout = await fetch(`${h.server.url}/api/logout`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(formLogout.status).toBe(415);
  });

  it("the chat page forbids framing (CSP frame-ancestors)", async () => {
    const res = await fetch(`${h.server.url}/`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the session secret", () => {
  it("a short WEB_SESSION_SECRET stops the start with a message naming the variable", () => {
    expect(() => loadConfig({ WEB_SESSION_SECRET: "a" })).toThrow(ConfigError);
    expect(() => loadConfig({ WEB_SESSION_SECRET: "a" })).toThrow(/WEB_SESSION_SECRET.*at least 32/);
    expect(loadConfig({ WEB_SESSION_SECRET: "x".repeat(32) }).WEB_SESSION_SECRET).toHaveLength(32);
  });

  it("two replicas on one PostgreSQL generate and share one secret", async () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
    const schema = freshSchema("secret");
    const a = await openPg(schema);
    const b = await openPg(schema);
    try {
      const [sa, sb] = await Promise.all([sharedSecret(a, undefined, "memory"), sharedSecret(b, undefined, "memory")]);
      expect(sa).toBe(sb);
      expect(Buffer.byteLength(sa)).toBeGreaterThanOrEqual(32);
      expect(await sharedSecret(b, undefined, "memory")).toBe(sa);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(schema);
    }
  });
});
