// A date the office sets by chat for a period the plan leaves undated reaches the answers, through
// createApp and the core: the answer gives that date and says the office set it, not the plan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../bot/app";
import { loadConfig } from "../../../bot/config";
import type { IncomingMessage } from "../../../bot/messages";
import { createInvite } from "../../../bot/users/invites";
import { ensureUnit } from "../../../bot/users/units";
import { silentLog } from "../fixtures";
import { textOf } from "../core/harness";

const config = loadConfig({ DATA_DIR: "memory", PLANS_DIR: "test/fixtures/plans/office", LOG_LEVEL: "silent" });
const now = new Date("2026-03-15T03:00:00Z");
let app: App;
let n = 0;
const say = async (user: string, text: string) => {
  const msg: IncomingMessage = { channel: "web", messageId: `m${++n}`, channelUserId: user, isGroup: false, text, receivedAt: now };
  return textOf(await app.handle(msg));
};

beforeAll(async () => {
  app = await createApp(config, { log: silentLog, clock: () => now });
  const unit = await ensureUnit(app.db, "Phòng Nội vụ", "admin");
  const inv = await createInvite(app.db, { unitId: unit.id, role: "coordinator", now });
  expect(await say("coord", `đăng ký ${inv.code}`)).toContain("thành công");
});
afterAll(async () => {
  await app.close();
});

describe("office-set deadlines in answers", () => {
  it("before: the plan states the period without a date, and the answer says so", async () => {
    const a = await say("asker", "khi nào nộp báo cáo 6 tháng");
    expect(a).toContain("không nêu ngày cụ thể");
    expect(a).not.toContain("văn phòng đặt");
  });

  it("after 'đặt hạn' by the coordinator: the date, marked as set by the office; the plan's own dates unchanged", async () => {
    expect(await say("coord", "đặt hạn báo cáo 6 tháng 15/6")).toMatch(/Đã đặt hạn "ngày 15\/6"/);

    const vi = await say("asker", "khi nào nộp báo cáo 6 tháng");
    expect(vi).toContain("Hạn do văn phòng đặt (kế hoạch không nêu ngày): ngày 15/6");
    expect(vi).toMatch(/hạn cuối 15\/6\/2026, còn 92 ngày/);
    expect(vi).not.toContain("không nêu ngày cụ thể");
    expect(vi).toContain("Nguồn:");

    const en = await say("asker", "when is the 6-month report due?");
    expect(en).toContain("set by the office (the plan gives no date)");
    expect(en).toContain("15/6/2026");

    // The annual report has its own date in the plan: no office wording.
    const yearly = await say("asker", "hạn nộp báo cáo năm");
    expect(yearly).toContain("trước ngày 20/11/2026");
    expect(yearly).not.toContain("văn phòng đặt");
  });

  it("a member cannot set a date, and nothing changes", async () => {
    const unit = await ensureUnit(app.db, "Phòng Tư pháp", "admin");
    const inv = await createInvite(app.db, { unitId: unit.id, role: "member", now });
    await say("member", `đăng ký ${inv.code}`);
    expect(await say("member", "đặt hạn báo cáo 6 tháng 20/6")).toContain("Chỉ quản trị viên hoặc người điều phối");
    expect(await say("asker", "khi nào nộp báo cáo 6 tháng")).toContain("ngày 15/6");
  });
});
