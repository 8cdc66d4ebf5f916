// The endpoint's input validation, called without a server (the answering path runs end to end in test/e2e).
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createWebChat } from "../../../adapters/web/chat";
import type { IncomingMessage } from "../../../bot/messages";

function chatRecording() {
  const seen: IncomingMessage[] = [];
  const chat = createWebChat({
    core: { handle: async (m) => (seen.push(m), []) },
    secret: "k".repeat(40),
    secureCookies: false,
    link: async () => "unused",
    log: pino({ level: "silent" }),
  });
  return { chat, seen };
}

describe("web chat endpoint", () => {
  const now = new Date("2023-05-02T02:00:00Z");
  it.each([
    [null, "body"],
    [{ text: "hello" }, "name"],
    [{ name: "An", text: "" }, "text or value"],
    [{ name: "An", text: "x".repeat(4001) }, "4000"],
    [{ name: "An", text: "ok", id: "bad id!" }, "id"],
  ])("answers 400 with the reason for %j", async (body, reason) => {
    const { chat, seen } = chatRecording();
    const res = await chat.handle({ body, now });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(reason);
    expect(seen).toHaveLength(0);
  });

  it("takes the identity from the signed cookie, not from the body", async () => {
    const { chat, seen } = chatRecording();
    const first = await chat.handle({ body: { name: "An", text: "xin chào", id: "abcdefgh1" }, now });
    const cookie = first.headers["set-cookie"].split(";")[0];
    await chat.handle({ cookieHeader: cookie, body: { name: "Bình", text: "lần hai", id: "abcdefgh2", channelUserId: "someone" }, now });
    await chat.handle({ body: { name: "An", text: "trình duyệt khác", id: "abcdefgh3" }, now });
    expect(seen[0].channelUserId).toBe(seen[1].channelUserId);
    expect(seen[2].channelUserId).not.toBe(seen[0].channelUserId);
    expect(seen[1]).toMatchObject({ userName: "Bình", messageId: `${seen[0].channelUserId}:abcdefgh2`, receivedAt: now });
  });
});
