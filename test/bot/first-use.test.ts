// A scripted conversation against createApp with real plans (Hồng Lĩnh 2023, whose 6-month report
// is due "trước ngày 10/6", and Tiên Cảnh 2024): one rule for the current reporting period across a
// sentence update, the form, "tiến độ", "chưa cập nhật" and "xuất báo cáo"; "đặt hạn" never
// replaces a date the plan states; "hủy" shows what it withdraws and asks before going further
// back; greetings and overview questions answered from data; and a restart with a plan file removed.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import type { IncomingMessage, OutgoingMessage, UpdateFormMessage } from "../../bot/messages";
import { reportFileMessage } from "../../bot/report/export";
import { recordEntry } from "../../bot/updates/entries";
import { setReportingRules } from "../../bot/updates/period";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { textOf } from "./core/harness";
import { silentLog } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "tlkh-first-use-"));
const plansDir = join(dir, "plans");
mkdirSync(plansDir);
for (const f of ["honglinh-2023.txt", "tiencanh-2024.md"]) copyFileSync(join("knowledge/sample-plans", f), join(plansDir, f));
const config = loadConfig({ DATA_DIR: join(dir, "data"), PLANS_DIR: plansDir, LOG_LEVEL: "silent", NUDGES_ENABLED: "false" });
// 20/6/2023, 10:00 in Hà Nội (the Hồng Lĩnh plan's year): the calendar says first half, but the
// plan's 6-month report was due by 9/6, so updates now belong to the second half.
const NOW = new Date("2023-06-20T03:00:00Z");
const H2 = "6 tháng cuối năm 2023";

let app: App;
let seq = 0;
async function say(user: string, text: string, now = NOW, value?: Record<string, unknown>): Promise<OutgoingMessage[]> {
  seq += 1;
  const msg: IncomingMessage = { channel: "web", messageId: `m${seq}`, channelUserId: user, userName: user, isGroup: false, text, value, receivedAt: now };
  return app.handle(msg);
}
async function sayText(user: string, text: string, now = NOW): Promise<string> {
  return textOf(await say(user, text, now));
}
async function register(user: string, unit: string, role: "member" | "coordinator"): Promise<void> {
  const u = await ensureUnit(app.db, unit, "admin");
  const inv = await createInvite(app.db, { unitId: u.id, role, now: NOW, days: 30 });
  expect(await sayText(user, `đăng ký ${inv.code}`)).toMatch(/thành công/);
}

beforeAll(async () => {
  app = await createApp(config, { log: silentLog, clock: () => NOW });
  await register("bh", "UBND phường Bắc Hồng", "member");
  await register("nv", "Phòng Nội vụ", "coordinator");
});
afterAll(async () => {
  await app?.close().catch(() => {});
  setReportingRules({});
  rmSync(dir, { recursive: true, force: true });
});

describe("one current reporting period", () => {
  it("a sentence update and a form update for the same task land in the same period, and listings and the export agree", async () => {
    let out = await sayText("bh", "cập nhật báo cáo 6 tháng: đang thực hiện 50%, chờ số liệu tổ dân phố");
    if (/nhiệm vụ nào/.test(out)) {
      const n = out.split("\n").find((l) => /^\d+\. .*tổng hợp báo cáo/i.test(l))?.split(".")[0];
      out = await sayText("bh", n ?? "1");
    }
    expect(out).toMatch(/Đã ghi nhận/);
    expect(out).toContain(`Kỳ báo cáo: ${H2}`);
    expect(out).toMatch(/tổng hợp báo cáo tình hình/i);

    const [form] = (await say("bh", "cập nhật")).filter((m): m is UpdateFormMessage => m.kind === "update_form");
    expect(form.periods?.[0]).toEqual({ id: "2023-H2", label: H2 });
    const task = form.obligations.find((o) => /tổng hợp báo cáo tình hình/i.test(o.label));
    expect(task).toBeDefined();
    // As the web page sends it (the period field at its default), and as a Teams card without one.
    const viaForm = textOf(await say("bh", "", NOW, { kind: "update_form", obligation: task?.id, status: "hoàn thành", period: form.periods?.[0].id, note: "đã gửi báo cáo" }));
    expect(viaForm).toContain(`Kỳ báo cáo: ${H2}`);
    const noPeriod = textOf(await say("bh", "", NOW, { kind: "update_form", obligation: task?.id, status: "hoàn thành", note: "bản cuối" }));
    expect(noPeriod).toContain(`Kỳ báo cáo: ${H2}`);
    const periods = await app.db.query<{ period: string }>("SELECT DISTINCT period FROM report_entries WHERE withdrawn_at IS NULL");
    expect(periods).toEqual([{ period: "2023-H2" }]);

    expect(await sayText("nv", "tiến độ báo cáo 6 tháng")).toContain(H2);
    expect(await sayText("nv", "chưa cập nhật")).toContain(H2);
    const [file] = await say("nv", "xuất báo cáo 6 tháng csv");
    expect(file.kind).toBe("file");
    if (file.kind !== "file") return;
    expect(file.fileName).toContain("2023-H2");
    expect(file.data.toString("utf8")).toContain("bản cuối");
  });

  it("the echo names the period and 'sửa' corrects it", async () => {
    const out = await sayText("bh", "sửa 6 tháng đầu năm");
    expect(out).toContain("Kỳ báo cáo: 6 tháng đầu năm 2023");
    expect(await sayText("bh", "sửa 6 tháng cuối năm")).toContain(`Kỳ báo cáo: ${H2}`);
  });

  it("'hủy' shows what it withdraws, and asks before withdrawing an older entry", async () => {
    const first = await sayText("bh", "hủy");
    expect(first).toMatch(/Đã rút lại cập nhật:[\s\S]*Nhiệm vụ: .*[\s\S]*Kỳ báo cáo: 6 tháng cuối năm 2023[\s\S]*bản cuối/);
    const live = async () => (await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM report_entries WHERE withdrawn_at IS NULL"))[0].n;
    const before = await live();
    const second = await sayText("bh", "hủy");
    expect(second).toMatch(/vừa rút lại[\s\S]*đã gửi báo cáo[\s\S]*hủy tiếp/);
    expect(await live()).toBe(before);
    expect(await sayText("bh", "hủy tiếp")).toMatch(/Đã rút lại cập nhật:[\s\S]*đã gửi báo cáo/);
    expect(await live()).toBe(before - 1);
  });
});

describe("office-set dates", () => {
  it("refuses a date for a task whose plan states one, and keeps the plan's date in answers", async () => {
    const out = await sayText("nv", "đặt hạn báo cáo 6 tháng 15/6 honglinh-2023");
    expect(out).toContain("trước ngày 10/6");
    expect(out).toMatch(/giữ nguyên/);
    expect(await app.db.query("SELECT * FROM office_deadlines")).toEqual([]);
    // Named by its own words, the undated task gets the office's date, and the reply names it.
    const set = await sayText("nv", "đặt hạn theo dõi kiểm tra đôn đốc 6 tháng 15/6 honglinh-2023");
    expect(set).toMatch(/Đã đặt hạn "ngày 15\/6" cho 1 việc[\s\S]*Theo dõi, kiểm tra đôn đốc/);
    const answer = await sayText("bh", "khi nào nộp báo cáo 6 tháng?");
    expect(answer).toContain("10/6");
    expect(answer).not.toMatch(/văn phòng đặt/);
  });
});

describe("conversation basics", () => {
  const JUNE_2023 = new Date("2023-06-01T03:00:00Z");
  it("greets and thanks without searching the plans", async () => {
    const hi = await sayText("guest", "xin chào");
    expect(hi).toMatch(/Trợ lý Kế hoạch/);
    expect(hi).not.toMatch(/Không tìm thấy/);
    expect(await sayText("guest", "cảm ơn bạn")).toMatch(/Không có gì/);
  });

  it("lists the loaded plans, current ones first and ended ones marked", async () => {
    const out = await sayText("guest", "kế hoạch nào đang được nạp?", JUNE_2023);
    expect(out).toMatch(/Đang nạp 2 kế hoạch/);
    const lines = out.split("\n").slice(1);
    expect(lines[0]).toMatch(/2023/);
    expect(lines[0]).not.toMatch(/hết thời hạn/);
    expect(lines[1]).toMatch(/2024/);
    expect(await sayText("guest", "kế hoạch nào đang được nạp?", new Date("2026-06-20T03:00:00Z"))).toMatch(/đã hết thời hạn/);
  });

  it("says what is due this month, from the plans' own dates", async () => {
    const out = await sayText("guest", "tháng này có việc gì đến hạn?", JUNE_2023);
    expect(out).toMatch(/đến hạn trong tháng 6\/2023/);
    expect(out).toMatch(/hạn cuối 09\/06\/2023|hạn cuối 9\/6\/2023/);
    expect(out).toContain("trước ngày 10/6");
    // A registered user gets their unit's tasks.
    expect(await sayText("bh", "tuần này có việc gì đến hạn?", new Date("2023-06-05T03:00:00Z"))).toMatch(/của UBND phường Bắc Hồng[\s\S]*trước ngày 10\/6/);
  });
});

describe("plans follow PLANS_DIR", () => {
  it("after a restart with a plan file removed, answers no longer come from it and its entries are still exported", async () => {
    const tien = app.plans.find((p) => p.id === "tiencanh-2024");
    expect(tien).toBeDefined();
    const [bh] = await app.db.query<{ id: number; unit_id: number }>("SELECT u.id, u.unit_id FROM users u JOIN identities i ON i.user_id = u.id WHERE i.channel_user_id = 'bh'");
    await recordEntry(app.db, {
      unitId: bh.unit_id,
      reporterId: bh.id,
      planId: "tiencanh-2024",
      obligationId: tien?.obligations[0].id ?? null,
      period: "2024-H2",
      status: "đang thực hiện",
      percent: 40,
      note: "việc của kế hoạch Tiên Cảnh",
      channel: "web",
      sourceMessageId: "tien-1",
      doneOn: null,
      now: NOW,
    });
    const question = "Tổng kết 05 năm thực hiện công tác dân vận chính quyền trên địa bàn xã";
    const before = await app.answerer.answer(question, { now: NOW });
    expect(before.citations.map((c) => c.plan)).toContain("tiencanh-2024");
    await app.close();

    rmSync(join(plansDir, "tiencanh-2024.md"));
    copyFileSync(join(plansDir, "honglinh-2023.txt"), join(plansDir, "honglinh-copy.txt"));
    app = await createApp(config, { log: silentLog, clock: () => NOW });
    expect(app.plans.map((p) => p.id)).toEqual(["honglinh-2023"]);
    expect(app.ingested.map((r) => r.status)).toEqual(["unchanged"]);
    const after = await app.answerer.answer(question, { now: NOW });
    expect(after.citations.map((c) => c.plan)).not.toContain("tiencanh-2024");
    // The export of the period (as `npm run export -- --period 2024-H2` makes it) still holds the entry.
    const file = await reportFileMessage(app.db, { period: "2024-H2", format: "csv", today: "2024-12-01" });
    expect(file.data.toString("utf8")).toContain("việc của kế hoạch Tiên Cảnh");
    expect(await sayText("guest", "kế hoạch nào đang được nạp?")).not.toMatch(/Tiên Cảnh|2024/);
  });

  it("a missing PLANS_DIR stops the start with the variable and the fix", async () => {
    const bad = loadConfig({ DATA_DIR: "memory", PLANS_DIR: join(dir, "no-such-folder"), LOG_LEVEL: "silent" });
    await expect(createApp(bad, { log: silentLog, clock: () => NOW })).rejects.toThrow(/PLANS_DIR: the folder .*no-such-folder" does not exist\. Create the folder/);
  });
});
