// Behind a reverse proxy every request comes from 127.0.0.1. With TRUST_PROXY the client's address
// is the proxy's X-Forwarded-For entry, so rate limits count each user's own address and an outside
// caller is refused by the Teams Emulator gate; without it, a forwarded request is never "local" and
// a client's own X-Forwarded-For changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, gateAddress } from "../../adapters/client-address";
import { startHarness, type Harness } from "../e2e/harness";

const req = (headers: Record<string, string>, remoteAddress = "127.0.0.1") => ({ headers, socket: { remoteAddress } });

describe("the client's address", () => {
  it("is the peer unless TRUST_PROXY, then the last X-Forwarded-For entry", () => {
    expect(clientAddress(req({ "x-forwarded-for": "198.51.100.9" }), false)).toBe("127.0.0.1");
    expect(clientAddress(req({ "x-forwarded-for": "10.9.9.9, 198.51.100.9" }), true)).toBe("198.51.100.9");
    expect(clientAddress(req({}), true)).toBe("127.0.0.1");
  });

  it("a forwarded request is not this machine's for the Emulator gate, unless the proxy says so", () => {
    expect(gateAddress(req({ "x-forwarded-for": "198.51.100.9" }), false)).toBeUndefined();
    expect(gateAddress(req({ forwarded: "for=198.51.100.9" }), false)).toBeUndefined();
    expect(gateAddress(req({ "x-real-ip": "198.51.100.9" }), false)).toBeUndefined();
    expect(gateAddress(req({}), false)).toBe("127.0.0.1");
    expect(gateAddress(req({ "x-forwarded-for": "198.51.100.9" }), true)).toBe("198.51.100.9");
    expect(gateAddress(req({ "x-forwarded-for": "127.0.0.1" }), true)).toBe("127.0.0.1");
  });
});

let plain: Harness;
let proxied: Harness;
beforeAll(async () => {
  plain = await startHarness();
  proxied = await startHarness({ TRUST_PROXY: "true" }, { limits: { registrationsPer15Min: 2, turnsPerMinute: 1000, requestsPerMinute: 1000 } });
}, 240_000);
afterAll(async () => {
  await plain?.stop();
  await proxied?.stop();
});

const activity = { type: "message", id: "x1", text: "khi nao nop bao cao 6 thang", serviceUrl: "http://127.0.0.1:9/", from: { id: "29:a" }, recipient: { id: "28:b" }, conversation: { id: "a:1" }, channelId: "msteams" };
const post = (h: Harness, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("over HTTP", () => {
  it("Emulator mode refuses a request a proxy forwarded from outside, with or without TRUST_PROXY", async () => {
    expect((await post(plain, "/api/messages", activity, { "x-forwarded-for": "203.0.113.5" })).status).toBe(403);
    expect((await post(proxied, "/api/messages", activity, { "x-forwarded-for": "203.0.113.5" })).status).toBe(403);
  });

  it("with TRUST_PROXY, registration guesses are counted per forwarded address", async () => {
    const guess = (ip: string, i: number) => post(proxied, "/api/chat", { name: "X", text: `đăng ký GUESS${i}` }, { "x-forwarded-for": ip }).then((r) => r.status);
    expect([await guess("203.0.113.5", 1), await guess("203.0.113.5", 2), await guess("203.0.113.5", 3)]).toEqual([200, 200, 429]);
    expect(await guess("203.0.113.6", 4), "another user behind the same proxy is not throttled").toBe(200);
  });
});
