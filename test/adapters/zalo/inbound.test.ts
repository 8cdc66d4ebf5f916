import { describe, expect, it } from "vitest";
import { parseKeywords, zaloMessageToIncoming } from "../../../adapters/zalo/inbound";
import { BOT_UID, dm, groupMsg } from "../../fakes/fake-zalo";

const kw = parseKeywords("@trolý,/tl");
const now = new Date("2023-05-02T02:00:00Z");

describe("zaloMessageToIncoming", () => {
  it("maps a DM with a DM address", () => {
    const msg = zaloMessageToIncoming(dm("111", "khi nao nop bao cao 6 thang", "m1"), BOT_UID, kw, now);
    expect(msg).toMatchObject({ channel: "zalo", messageId: "m1", channelUserId: "111", isGroup: false, text: "khi nao nop bao cao 6 thang" });
    expect(msg?.address).toEqual({ channel: "zalo", channelUserId: "111", conversationKey: "user:111", data: { threadId: "111", type: "user" } });
  });

  it("ignores a group message that does not address the bot", () => {
    expect(zaloMessageToIncoming(groupMsg("g1", "222", "họp lúc 8h nhé"), BOT_UID, kw, now)).toBeNull();
  });

  it("takes a group message with the bot's mention, without the mention text", () => {
    const text = "@Trợ lý khi nào nộp báo cáo năm?";
    const msg = zaloMessageToIncoming(groupMsg("g1", "222", text, [{ uid: BOT_UID, pos: 0, len: 7, type: 0 }]), BOT_UID, kw, now);
    expect(msg).toMatchObject({ isGroup: true, text: "khi nào nộp báo cáo năm?" });
    expect(msg?.address).toBeUndefined();
  });

  it("does not take a mention of someone else", () => {
    const msg = zaloMessageToIncoming(groupMsg("g1", "222", "@Lan xem giúp", [{ uid: "333", pos: 0, len: 4, type: 0 }]), BOT_UID, kw, now);
    expect(msg).toBeNull();
  });

  it("takes a keyword at the start, with or without diacritics, and strips it", () => {
    expect(zaloMessageToIncoming(groupMsg("g1", "222", "/tl hạn báo cáo quý"), BOT_UID, kw, now)?.text).toBe("hạn báo cáo quý");
    expect(zaloMessageToIncoming(groupMsg("g1", "222", "@troly: hạn báo cáo quý"), BOT_UID, kw, now)?.text).toBe("hạn báo cáo quý");
    expect(zaloMessageToIncoming(groupMsg("g1", "222", "/tlx hạn"), BOT_UID, kw, now)).toBeNull();
  });

  it("ignores the bot's own messages and non-text content", () => {
    const own = { ...dm("111", "xin chào"), isSelf: true };
    expect(zaloMessageToIncoming(own, BOT_UID, kw, now)).toBeNull();
    const sticker = dm("111", "");
    (sticker.data as { content: unknown }).content = { id: 1, catId: 2 };
    expect(zaloMessageToIncoming(sticker, BOT_UID, kw, now)).toBeNull();
  });
});
