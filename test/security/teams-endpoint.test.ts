// The Teams endpoint under attack: Emulator mode refuses form posts, callers from other machines
// and foreign serviceUrls; with credentials, seven kinds of forged token all get 401, and bad
// activities get 400, never a 500 with internal text.
import { createHmac, generateKeyPairSync, sign as rsaSign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gateTeamsRequest, isLoopbackAddress } from "../../adapters/teams/gate";
import { messageActivity } from "../adapters/teams/activities";
import { startFakeConnector, type FakeConnector } from "../fakes/fake-connector";
import { postJson, startHarness, type Harness } from "../e2e/harness";

const APP_ID = "3f2c1a9e-1b2c-4d5e-8f90-123456789abc";
let emulator: Harness;
let secured: Harness;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  // Bound on every interface, so a request can also come from this machine's LAN address.
  emulator = await startHarness({}, { host: "0.0.0.0" });
  secured = await startHarness({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-a-real-secret", MicrosoftAppTenantId: "11111111-2222-3333-4444-555555555555" });
}, 300_000);
afterAll(async () => {
  await emulator?.stop();
  await secured?.stop();
  await connector?.close();
});

const b64 = (x: unknown) => Buffer.from(typeof x === "string" ? x : JSON.stringify(x)).toString("base64url");
const nowS = Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ iss: "https://api.botframework.com", aud: APP_ID, exp: nowS + 3600, nbf: nowS - 60, serviceurl: "http://127.0.0.1:9/", ...over });
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
function rs256(payload: Record<string, unknown>, kid = "forged-key"): string {
  const head = b64({ alg: "RS256", typ: "JWT", kid });
  const body = b64(payload);
  return `${head}.${body}.${rsaSign("sha256", Buffer.from(`${head}.${body}`), privateKey).toString("base64url")}`;
}
function hs256(payload: Record<string, unknown>, key: string): string {
  const head = b64({ alg: "HS256", typ: "JWT" });
  const body = b64(payload);
  return `${head}.${body}.${createHmac("sha256", key).update(`${head}.${body}`).digest("base64url")}`;
}

describe("Teams endpoint, Emulator mode", () => {
  it("refuses a form-encoded activity (a cross-site simple request) with 415 and stores nothing", async () => {
    const before = connector.received.length;
    const res = await fetch(`${emulator.server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `type=message&text=${encodeURIComponent("cập nhật báo cáo 6 tháng: đã xong")}&serviceUrl=${encodeURIComponent(connector.url)}`,
    });
    expect(res.status).toBe(415);
    const plain = await fetch(`${emulator.server.url}/api/messages`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(messageActivity({ serviceUrl: connector.url, text: "x" })) });
    expect(plain.status).toBe(415);
    expect(connector.received.length).toBe(before);
  });

  it("refuses a caller from another machine with 403 (unless TEAMS_EMULATOR_REMOTE)", async () => {
    const lan = await import("node:os").then((os) => Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address);
    expect(lan, "this test needs a non-loopback IPv4 address").toBeTruthy();
    const url = `http://${lan}:${emulator.server.port}/api/messages`;
    const res = await postJson(url, messageActivity({ serviceUrl: connector.url, text: "khi nao nop bao cao 6 thang" }));
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/TEAMS_EMULATOR_REMOTE/);
    expect(gateTeamsRequest({ contentType: "application/json", body: { type: "message" }, remoteAddress: "10.0.0.5", authenticated: false, allowRemoteEmulator: true }).ok).toBe(true);
    expect(isLoopbackAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("192.168.1.2")).toBe(false);
  });

  it("does not post to a serviceUrl on another host (SSRF)", async () => {
    for (const serviceUrl of ["http://169.254.169.254/latest/", "http://example.com/", "file:///etc/passwd", "http://127.0.0.1.nip.io/"]) {
      const res = await postJson(`${emulator.server.url}/api/messages`, messageActivity({ serviceUrl, text: "help" }));
      expect(res.status, serviceUrl).toBe(400);
    }
  });

  it("answers an activity without a type, or not an object, with 400", async () => {
    const { type: _t, ...noType } = messageActivity({ serviceUrl: connector.url, text: "x" });
    for (const body of [noType, [], "text", { type: "" }, { type: 5 }]) {
      const res = await postJson(`${emulator.server.url}/api/messages`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).not.toMatch(/at |node_modules|Error:/);
    }
  });
});

describe("Teams endpoint with credentials", () => {
  const variants: [string, string][] = [
    ["no header", ""],
    ["not a JWT", "Bearer forged.token.value"],
    ["alg none", `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`],
    ["HS256 signed with the app password", `Bearer ${hs256(claims(), "not-a-real-secret")}`],
    ["RS256 with a key Microsoft never published", `Bearer ${rs256(claims())}`],
    ["expired", `Bearer ${rs256(claims({ exp: nowS - 3600, nbf: nowS - 7200 }))}`],
    ["another bot's audience", `Bearer ${rs256(claims({ aud: "00000000-0000-0000-0000-000000000000" }))}`],
    ["no Bearer scheme", rs256(claims())],
  ];
  it.each(variants)("a forged token (%s) gets 401 and nothing is sent", async (_name, authorization) => {
    const before = connector.received.length;
    const headers: Record<string, string> = authorization ? { authorization } : {};
    const started = Date.now();
    const res = await postJson(`${secured.server.url}/api/messages`, messageActivity({ serviceUrl: connector.url, text: "khi nao nop bao cao 6 thang" }), headers);
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/at |node_modules|Error:|jwt|token/i);
    expect(connector.received.length).toBe(before);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
