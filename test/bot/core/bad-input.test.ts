// Bad input gets a clear Vietnamese reply and stores nothing wrongly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../../bot/messages";
import { harness, textOf, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.register("an", "Phòng Nội vụ", "member");
});
afterAll(() => h.db.close());

const count = async (table: string) => (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe("bad input", () => {
  it("empty and whitespace messages", async () => {
    expect(await h.say("an", "")).toMatch(/Tin nhắn trống/);
    expect(await h.say("an", "   \n ")).toMatch(/Tin nhắn trống/);
  });

  it("a 10,000-character message is refused politely and not sent to the engine", async () => {
    const asked = h.answerer.asked.length;
    expect(await h.say("an", "á".repeat(10_000))).toMatch(/quá dài \(10\.000 ký tự\)/);
    expect(h.answerer.asked.length).toBe(asked);
  });

  it("an unknown command", async () => {
    expect(await h.say("an", "/xoa-het")).toMatch(/Lệnh "\/xoa-het" không có[\s\S]*help/);
  });

  it("a percent of 180 and a date of 31/02", async () => {
    const before = await count("report_entries");
    expect(await h.say("an", "cập nhật báo cáo 6 tháng: đã xong 180%")).toMatch(/180% không hợp lệ[\s\S]*0 đến 100%/);
    expect(await h.say("an", "bc nam da gui ngay 31/02")).toMatch(/31\/02 không có thật/);
    expect(await h.say("an", "sửa 250%")).toMatch(/250% không hợp lệ/);
    expect(await count("report_entries")).toBe(before);
  });

  it("an update without a status asks for one", async () => {
    expect(await h.say("an", "cập nhật báo cáo 6 tháng")).toMatch(/chưa rõ tình trạng/);
  });

  it("someone else's unit", async () => {
    const before = await count("report_entries");
    expect(await h.say("an", "tiến độ đơn vị Phòng Tư pháp")).toMatch(/không xem được tiến độ của đơn vị khác \(Phòng Tư pháp\)/);
    expect(await h.say("an", "cập nhật cho đơn vị Phòng Tư pháp: đã xong")).toMatch(/chỉ gửi được cập nhật cho đơn vị của mình \(Phòng Nội vụ\)/);
    expect(await count("report_entries")).toBe(before);
  });

  it("expired, reused and unknown invite codes", async () => {
    const expired = await h.invite("Phòng Tư pháp", "member", 1);
    h.now = new Date(h.now.getTime() + 3 * 86_400_000);
    expect(await h.say("binh", `đăng ký ${expired}`)).toMatch(/đã hết hạn[\s\S]*mã mới/);
    const code = await h.invite("Phòng Tư pháp", "member");
    expect(await h.say("binh", `đăng ký ${code}`)).toMatch(/thành công[\s\S]*Phòng Tư pháp/);
    expect(await h.say("binh", `đăng ký ${code}`)).toMatch(/đã đăng ký bằng mã này rồi/);
    expect(await h.say("cuc", `đăng ký ${code}`)).toMatch(/đã được sử dụng[\s\S]*một lần/);
    expect(await h.say("cuc", "đăng ký ZZZZ9999")).toMatch(/không đúng/);
    const users = await h.db.query<{ name: string }>("SELECT name FROM users ORDER BY id");
    expect(users.map((u) => u.name)).toEqual(["an", "binh"]);
  });

  it("only admins create invites by chat", async () => {
    expect(await h.say("an", "tạo mã mời Phòng Tư pháp thành viên")).toMatch(/chỉ quản trị viên/);
    await h.register("root", "Văn phòng", "admin");
    // A unit the store does not know is not created silently; "cán bộ tổng hợp" is the coordinator role, not part of the name.
    const asked = await h.say("root", "tạo mã mời UBND phường Bắc Hồng cán bộ tổng hợp");
    expect(asked).toMatch(/Chưa có đơn vị "UBND phường Bắc Hồng" trong danh sách[\s\S]*"tạo mã mời UBND phường Bắc Hồng điều phối đơn vị mới"[\s\S]*Chưa có mã nào/);
    expect(await h.db.query("SELECT 1 FROM units WHERE name ILIKE '%Bắc Hồng%'")).toEqual([]);
    const r = await h.say("root", "tạo mã mời Phòng Tư pháp điều phối đơn vị mới 3 ngày");
    const code = /Mã mời: ([A-Z0-9]{8})/.exec(r)?.[1];
    expect(r).toMatch(/Phòng Tư pháp, vai trò điều phối/);
    expect(await h.say("dung", `đăng ký ${code}`)).toMatch(/Phòng Tư pháp, vai trò điều phối/);
  });

  it("a malformed message from an adapter gets a reply, not a crash", async () => {
    const bad = { channel: "fax", messageId: "", text: 5 } as unknown as IncomingMessage;
    expect(textOf(await h.handle(bad))).toMatch(/không hợp lệ/);
  });

  it("a failing store gets an apology, not a crash", async () => {
    const broken = { ...h.db, query: () => Promise.reject(new Error("db down")), transaction: () => Promise.reject(new Error("db down")) };
    const { createCore } = await import("../../../bot/core/router");
    const { defaultHandlers } = await import("../../../bot/core/handlers");
    const { silentLog } = await import("../fixtures");
    const core = createCore({ db: broken, answerer: h.answerer, log: silentLog, handlers: defaultHandlers() });
    const out = await core.handle({ channel: "web", messageId: "x", channelUserId: "u", isGroup: false, text: "tiến độ", receivedAt: h.now });
    expect(textOf(out)).toMatch(/Xin lỗi, hệ thống đang gặp sự cố/);
  });
});
