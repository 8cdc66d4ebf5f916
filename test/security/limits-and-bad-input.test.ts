// Rate limits (invite-code guessing, floods) and bad input over every endpoint: never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../e2e/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { limits: { registrationsPer15Min: 6, turnsPerMinute: 1000, requestsPerMinute: 120 } });
}, 180_000);
afterAll(async () => h?.stop());

const post = (path: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${h.server.url}${path}`, { method: "POST", headers, body });

describe("rate limits", () => {
  it("throttles invite-code guesses per user and per address with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    let cookie: string | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await post("/api/chat", JSON.stringify({ name: "X", text: `đăng ký GUESS${i}` }), { "content-type": "application/json", ...(cookie ? { cookie } : {}) });
      cookie = res.headers.get("set-cookie")?.split(";")[0] ?? cookie; // registration renews the cookie
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(((await res.json()) as { error: string }).error).toMatch(/thử lại sau \d+ giây/);
      }
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429, 429, 429, 429]);
    // A fresh browser from the same address: the address limit (6) still counts its guesses.
    const other = await Promise.all([0, 1, 2, 3].map((i) => post("/api/chat", JSON.stringify({ name: "Y", text: `đăng ký OTHER${i}` }))));
    expect(other.map((r) => r.status).filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });
});

describe("bad input over every endpoint", () => {
  it("answers 48 bad requests with 4xx, never 5xx", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const cases: [string, string, string, Record<string, string>][] = [];
    const json = { "content-type": "application/json" };
    for (const path of ["/api/chat", "/api/messages", "/api/logout"]) {
      for (const body of ["", "{", "null", "[]", "1", '"x"', "{\"a\":", big, "\u0000", '{"type":null}', '{"name":5}', '{"__proto__":{"x":1}}']) cases.push(["POST", path, body, json]);
      cases.push(["POST", path, "a=1", { "content-type": "application/x-www-form-urlencoded" }]);
      cases.push(["POST", path, "<x/>", { "content-type": "application/xml" }]);
    }
    for (const path of ["/files/x/y", "/files/../../etc/passwd/x", "/files/%00/a?exp=1&sig=2", "/nope", "/api/chat", "/api/messages"]) cases.push(["GET", path, "", {}]);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const statuses: number[] = [];
    for (const [method, path, body, headers] of cases) {
      const res = await fetch(`${h.server.url}${path}`, { method, headers, body: method === "GET" ? undefined : body });
      await res.text();
      statuses.push(res.status);
      expect(res.status, `${method} ${path} ${body.slice(0, 20)}`).toBeLessThan(500);
    }
    expect(statuses.every((s) => s >= 400 || s === 200)).toBe(true);
    console.log(`bad input: ${cases.length} requests, statuses ${[...new Set(statuses)].sort().join(", ")}`);
  });
});
