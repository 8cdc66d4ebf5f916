import type { Activity } from "botbuilder";
import { describe, expect, it } from "vitest";
import { activityToIncoming } from "../../../adapters/teams/inbound";
import { toConversationReference, teamsReferenceSchema } from "../../../adapters/teams/reference";
import { messageActivity } from "./activities";

const serviceUrl = "https://smba.trafficmanager.net/apac/";
const now = new Date("2030-01-01T00:00:00Z");

describe("activityToIncoming", () => {
  it("maps a personal message with its address and the Teams timestamp", () => {
    const msg = activityToIncoming(messageActivity({ serviceUrl, id: "m1", text: "khi nao nop bao cao 6 thang" }) as Partial<Activity>, now);
    expect(msg).toMatchObject({ channel: "teams", messageId: "m1", channelUserId: "aad-user-1", isGroup: false, text: "khi nao nop bao cao 6 thang" });
    expect(msg?.receivedAt.toISOString()).toBe("2023-05-02T02:00:00.000Z");
    expect(msg?.address).toMatchObject({ channel: "teams", channelUserId: "aad-user-1", conversationKey: "a:personal-chat-1" });
    const ref = teamsReferenceSchema.parse(msg?.address?.data);
    expect(toConversationReference(ref)).toMatchObject({ serviceUrl, conversation: { id: "a:personal-chat-1", tenantId: "tenant-1" }, bot: { id: "28:bot-app-id" } });
  });

  it("removes the bot's mention in a channel and stores no address there", () => {
    const msg = activityToIncoming(messageActivity({ serviceUrl, conversationType: "channel", mention: true, text: "hạn báo cáo năm?" }) as Partial<Activity>, now);
    expect(msg).toMatchObject({ isGroup: true, text: "hạn báo cáo năm?" });
    expect(msg?.address).toBeUndefined();
  });

  it("passes a card submit as value, untouched and without made-up text", () => {
    const value = { kind: "update_form", obligation: "thixa-2026/o3", status: "hoàn thành", percent: "100", note: " đã gửi " };
    const msg = activityToIncoming(messageActivity({ serviceUrl, value }) as Partial<Activity>, now);
    expect(msg).toMatchObject({ text: "", value });
    const other = activityToIncoming(messageActivity({ serviceUrl, value: { action: "x" } }) as Partial<Activity>, now);
    expect(other).toMatchObject({ text: "", value: { action: "x" } });
  });

  it("falls back to the server clock without a timestamp, and to from.id without an AAD id", () => {
    const a = messageActivity({ serviceUrl, text: "x" }) as Record<string, unknown>;
    delete a.timestamp;
    (a.from as Record<string, unknown>).aadObjectId = undefined;
    const msg = activityToIncoming(a as Partial<Activity>, now);
    expect(msg?.receivedAt).toEqual(now);
    expect(msg?.channelUserId).toBe("29:user-1");
  });

  it("returns null for an activity without id or conversation", () => {
    const a = messageActivity({ serviceUrl, text: "x" }) as Record<string, unknown>;
    delete a.conversation;
    expect(activityToIncoming(a as Partial<Activity>, now)).toBeNull();
  });
});
