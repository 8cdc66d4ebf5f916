// Teams end to end over HTTP: activities posted to /api/messages of the real server, replies
// recorded by a loopback fake Bot Connector (serviceUrl), proactive sends to stored references.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadAddressError, type ConversationAddress } from "../../bot/messages";
import { ensureUnit } from "../../bot/users/units";
import { createInvite } from "../../bot/users/invites";
import { startFakeConnector, type FakeConnector } from "../fakes/fake-connector";
import { installActivity, messageActivity } from "../adapters/teams/activities";
import { postJson, startHarness, type Harness } from "./harness";

let h: Harness;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  // Emulator mode trusts no sender timestamp: the turn's time is the server's clock, fixed here.
  h = await startHarness({}, { clock: () => new Date("2023-05-02T02:00:00.000Z") });
});
afterAll(async () => {
  await h?.stop();
  await connector?.close();
});

async function send(activity: Record<string, unknown>): Promise<number> {
  return (await postJson(`${h.server.url}/api/messages`, activity)).status;
}

async function nextReplies(before: number, count = 1) {
  await connector.waitFor(before + count);
  return connector.received.slice(before);
}

describe("Teams over HTTP (Emulator mode, fake connector)", () => {
  it("answers the 6-month report deadline, as a reply to the message, without auth", async () => {
    const before = connector.received.length;
    const status = await send(messageActivity({ serviceUrl: connector.url, id: "q-6m", text: "khi nao nop bao cao 6 thang" }));
    expect(status).toBe(200);
    const [reply] = await nextReplies(before);
    expect(reply.conversationId).toBe("a:personal-chat-1");
    expect(reply.replyToId).toBe("q-6m");
    expect(reply.authorization).toBeUndefined();
    expect(reply.activity.text).toContain("10/6");
  });

  it("removes the @mention in a channel and answers there", async () => {
    const before = connector.received.length;
    await send(messageActivity({ serviceUrl: connector.url, conversationType: "channel", mention: true, text: "khi nào nộp báo cáo năm?" }));
    const [reply] = await nextReplies(before);
    expect(reply.conversationId).toBe("19:channel-1@thread.tacv2;messageid=1");
    expect(reply.activity.text).toContain("25/11");
  });

  it("stores the personal conversation reference on install and greets once", async () => {
    const before = connector.received.length;
    await send(installActivity({ serviceUrl: connector.url, action: "add", conversationId: "a:installed-chat" }));
    const [greeting] = await nextReplies(before);
    expect(greeting.activity.text).toContain("Trợ lý Kế hoạch");
    const rows = await h.app.db.query<{ channel_user_id: string; dead: boolean; data: { serviceUrl: string } }>(
      "SELECT channel_user_id, dead, data FROM addresses WHERE channel = 'teams' AND conversation_key = 'a:installed-chat'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel_user_id: "aad-user-1", dead: false, data: { serviceUrl: connector.url } });
  });

  it("sends a proactive message to a stored reference; a 403 becomes DeadAddressError", async () => {
    const [row] = await h.app.db.query<{ channel: "teams"; conversation_key: string; channel_user_id: string; data: Record<string, unknown> }>(
      "SELECT channel, conversation_key, channel_user_id, data FROM addresses WHERE conversation_key = 'a:installed-chat'",
    );
    const address: ConversationAddress = { channel: row.channel, conversationKey: row.conversation_key, channelUserId: row.channel_user_id, data: row.data };
    const sender = h.server.senders.get("teams");
    const before = connector.received.length;
    await sender?.send(address, [{ kind: "text", text: "Còn 3 ngày đến hạn báo cáo 6 tháng.", quickReplies: ["Đã xong", "Nhắc lại sau 2 ngày"] }]);
    const [nudge] = await nextReplies(before);
    expect(nudge.conversationId).toBe("a:installed-chat");
    expect(nudge.activity.text).toBe("Còn 3 ngày đến hạn báo cáo 6 tháng.");
    expect((nudge.activity as { suggestedActions?: { actions: { value: string }[] } }).suggestedActions?.actions.map((a) => a.value)).toEqual(["Đã xong", "Nhắc lại sau 2 ngày"]);

    connector.forbidden.add("a:installed-chat");
    await expect(sender?.send(address, [{ kind: "text", text: "x" }])).rejects.toBeInstanceOf(DeadAddressError);
    connector.forbidden.delete("a:installed-chat");
  });

  it("marks the address dead when the app is removed", async () => {
    await send(installActivity({ serviceUrl: connector.url, action: "remove", conversationId: "a:installed-chat" }));
    const rows = await h.app.db.query<{ dead: boolean }>("SELECT dead FROM addresses WHERE conversation_key = 'a:installed-chat'");
    expect(rows[0].dead).toBe(true);
  });

  it("offers the Adaptive Card on 'cập nhật' and stores its submit in one turn", async () => {
    const unit = await ensureUnit(h.app.db, "Phòng Nội vụ", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "member", now: new Date("2023-05-01T00:00:00Z"), days: 30 });
    let before = connector.received.length;
    await send(messageActivity({ serviceUrl: connector.url, id: "reg-1", text: `đăng ký ${invite.code}` }));
    expect((await nextReplies(before))[0].activity.text).toMatch(/Đăng ký thành công/);

    before = connector.received.length;
    await send(messageActivity({ serviceUrl: connector.url, id: "ask-form-1", text: "cập nhật" }));
    const [formReply] = await nextReplies(before);
    const card = formReply.activity.attachments?.[0];
    expect(card?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const choices = (card?.content as { body: { id?: string; choices?: { title: string; value: string }[] }[] }).body.find((b) => b.id === "obligation")?.choices ?? [];
    expect(choices.length, "the unit's obligations are offered").toBeGreaterThan(0);
    const chosen = choices[choices.length - 1];
    const [planId, obligationId] = chosen.value.split("/").map(decodeURIComponent);

    before = connector.received.length;
    const value = { kind: "update_form", obligation: chosen.value, status: "đang thực hiện", percent: "60", note: "chờ số liệu phường Bắc Hồng" };
    await send(messageActivity({ serviceUrl: connector.url, id: "card-submit-1", value }));
    const [echo] = await nextReplies(before);
    expect(echo.activity.text, "the bot echoes what it stored").toMatch(/Đã ghi nhận[\s\S]*đang thực hiện \(60%\)[\s\S]*chờ số liệu phường Bắc Hồng/);
    expect((echo.activity as { suggestedActions?: { actions: { value: string }[] } }).suggestedActions?.actions.map((a) => a.value)).toEqual(["sửa", "hủy"]);
    const entries = await h.app.db.query<{ plan_id: string; obligation_id: string; status: string; percent: number; note: string; channel: string }>(
      "SELECT plan_id, obligation_id, status, percent, note, channel FROM report_entries WHERE source_message_id = 'card-submit-1'",
    );
    expect(entries).toEqual([{ plan_id: planId, obligation_id: obligationId, status: "đang thực hiện", percent: 60, note: "chờ số liệu phường Bắc Hồng", channel: "teams" }]);
  });

  it("answers 400 for an activity without a body and 405 for GET", async () => {
    const res = await fetch(`${h.server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(600);
  });
});

describe("Teams with credentials", () => {
  let secured: Harness;
  beforeAll(async () => {
    secured = await startHarness({
      MicrosoftAppId: "3f2c1a9e-1b2c-4d5e-8f90-123456789abc",
      MicrosoftAppPassword: "not-a-real-secret",
      MicrosoftAppTenantId: "11111111-2222-3333-4444-555555555555",
    });
  });
  afterAll(async () => secured?.stop());

  it("rejects an unsigned request with 401 and sends nothing", async () => {
    const before = connector.received.length;
    const res = await postJson(`${secured.server.url}/api/messages`, messageActivity({ serviceUrl: connector.url, text: "khi nao nop bao cao 6 thang" }));
    expect(res.status).toBe(401);
    const forged = await postJson(`${secured.server.url}/api/messages`, messageActivity({ serviceUrl: connector.url, text: "x" }), { authorization: "Bearer forged.token.value" });
    expect(forged.status).toBe(401);
    expect(connector.received.length).toBe(before);
  });
});
