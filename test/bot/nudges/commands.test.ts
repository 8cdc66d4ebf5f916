// The nudge chat commands through the real conversation core (PGlite in memory), with the
// scheduler sending the nudges they answer.
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../bot/config";
import { defaultHandlers } from "../../../bot/core/handlers";
import { createCore } from "../../../bot/core/router";
import type { IncomingMessage } from "../../../bot/messages";
import { createNudgeCommands, nudgeIntent } from "../../../bot/nudges/commands";
import { officeSchedules } from "../../../bot/nudges/office-deadlines";
import { NudgeScheduler } from "../../../bot/nudges/scheduler";
import type { EngineDb } from "../../../bot/storage/engine";
import type { Answer } from "../../../knowledge/types";
import { addDays } from "../../../knowledge/occurrences";
import { at, calendar } from "./fixtures";
import { openMemory, RecordingSender, seedHonglinh, userOf } from "./db";

const config = loadConfig({});
const notFound: Answer = { answered: false, kind: "content", language: "vi", text: "Không tìm thấy trong các kế hoạch đã nạp.", citations: [], via: "extractive" };

let db: EngineDb;
let zalo: RecordingSender;
let teams: RecordingSender;
let scheduler: NudgeScheduler;
let handle: (msg: IncomingMessage) => Promise<{ kind: string; text?: string }[]>;
let n = 0;

beforeEach(async () => {
  db = await openMemory();
  await seedHonglinh(db);
  zalo = new RecordingSender("zalo");
  teams = new RecordingSender("teams");
  scheduler = new NudgeScheduler({ db, senders: [zalo, teams], config, calendar, delivery: { workerId: "t" } });
  const core = createCore({
    db,
    answerer: { answer: async () => notFound },
    log: pino({ level: "silent" }),
    handlers: defaultHandlers({ extra: [createNudgeCommands({ calendar, config })] }),
  });
  handle = core.handle;
});
afterEach(async () => {
  await db.close();
});

async function say(userId: number, text: string, when: Date, messageId = `m${++n}`): Promise<string> {
  const out = await handle({ channel: "console", messageId, channelUserId: `u${userId}`, isGroup: false, text, receivedAt: when });
  return out.map((m) => m.text ?? "").join("\n");
}

const nudgesTo = (userId: number) => [...zalo.delivered, ...teams.delivered].filter((d) => userOf(d) === userId);

describe("nudge commands", () => {
  it("recognises the commands with and without diacritics, and in English", () => {
    expect(nudgeIntent("Lịch nhắc")).toEqual({ kind: "schedule", lang: "vi" });
    expect(nudgeIntent("lich nhac")).toEqual({ kind: "schedule", lang: "vi" });
    expect(nudgeIntent("Nhắc lại sau 2 ngày nhé")).toEqual({ kind: "snooze", lang: "vi", days: 2 });
    expect(nudgeIntent("nhac lai sau 3 ngay")).toEqual({ kind: "snooze", lang: "vi", days: 3 });
    expect(nudgeIntent("snooze 2 days")).toEqual({ kind: "snooze", lang: "en", days: 2 });
    expect(nudgeIntent("Đã xong")).toEqual({ kind: "done", lang: "vi" });
    expect(nudgeIntent("tắt nhắc")).toEqual({ kind: "mute", lang: "vi", scope: "all" });
    expect(nudgeIntent("tắt nhắc việc này")).toEqual({ kind: "mute", lang: "vi", scope: "this" });
    expect(nudgeIntent("bật nhắc")).toEqual({ kind: "unmute", lang: "vi" });
    expect(nudgeIntent("đặt hạn báo cáo 6 tháng 15/6")).toMatchObject({ kind: "setDeadline" });
    // An update with content is the update parser's, not a bare "đã xong".
    expect(nudgeIntent("đã xong báo cáo 6 tháng 80%")).toBeNull();
    expect(nudgeIntent("khi nào nộp báo cáo 6 tháng")).toBeNull();
  });

  it("lịch nhắc lists the user's upcoming deadlines with days left and the next nudge", async () => {
    const text = await say(10, "lịch nhắc", at("2023-06-01", 10));
    expect(text).toContain("Lịch hạn sắp tới của UBND phường Bắc Hồng (hôm nay 1/6/2023)");
    expect(text).toContain("hạn cuối Thứ Sáu, 9/6/2023, còn 8 ngày; nhắc tiếp ngày 2/6/2023");
    expect(await say(99, "lịch nhắc", at("2023-06-01", 10))).toMatch(/chưa đăng ký/);
    expect(await say(10, "my reminders", at("2023-06-01", 10))).toContain("8 days left");
    // Phòng Nội vụ's reporting task has no date in the plan: listed as such, never with an invented one.
    expect(await say(13, "lich nhac", at("2023-06-01", 10))).toMatch(/không nêu ngày[\s\S]*Theo dõi, kiểm tra đôn đốc/);
  });

  it("nhắc lại sau 2 ngày: no nudge until then, one on the working day it ends, then the series goes on", async () => {
    await scheduler.tick(at("2023-06-02"));
    expect(nudgesTo(10)).toHaveLength(1);
    // Friday + 2 days is Sunday: back on Monday.
    expect(await say(10, "Nhắc lại sau 2 ngày", at("2023-06-02", 9))).toContain('Tôi sẽ nhắc lại việc "Tổng hợp báo cáo tình hình, kết quả thực hiện công tác dân vận chính quyền" vào Thứ Hai, 5/6/2023');
    for (let d = "2023-06-03"; d <= "2023-06-09"; d = addDays(d, 1)) await scheduler.tick(at(d));
    const texts = nudgesTo(10).map((x) => (x.messages[0].kind === "text" ? x.messages[0].text : ""));
    expect(texts.map((t) => t.split(":")[0])).toEqual(["⏰ Nhắc hạn", "⏰ Nhắc lại", "⏰ Nhắc hạn", "⏰ Nhắc hạn", "⏰ Nhắc hạn"]);
    expect(texts[1]).toContain("còn 4 ngày");
    expect(await say(11, "nhắc lại sau 40 ngày", at("2023-06-02", 9))).toMatch(/từ 1 đến 30 ngày/);
  });

  it("đã xong on a nudge records a done entry for that occurrence, stops its nudges and the coordinator's line", async () => {
    await scheduler.tick(at("2023-06-02"));
    const reply = await say(10, "Đã xong", at("2023-06-02", 9), "done-1");
    expect(reply).toContain("Đã ghi nhận: UBND phường Bắc Hồng đã hoàn thành");
    expect(reply).toContain("6 tháng đầu năm 2023");
    // The same message delivered twice stores one entry.
    await say(10, "Đã xong", at("2023-06-02", 9), "done-1");
    const entries = await db.query<{ unit_id: number; obligation_id: string; period: string; status: string }>(
      "SELECT unit_id, obligation_id, period, status FROM report_entries WHERE withdrawn_at IS NULL",
    );
    expect(entries).toEqual([{ unit_id: 2, obligation_id: "o12", period: "2023-H1", status: "hoàn thành" }]);
    for (let d = "2023-06-03"; d <= "2023-06-13"; d = addDays(d, 1)) await scheduler.tick(at(d));
    expect(nudgesTo(10)).toHaveLength(1);
    expect(nudgesTo(11)).toHaveLength(5);
    const summary = nudgesTo(13).map((x) => (x.messages[0].kind === "text" ? x.messages[0].text : ""));
    expect(summary[0]).toContain("UBND xã Thuận Lộc");
    expect(summary[0]).not.toContain("UBND phường Bắc Hồng");
    // A second "đã xong" says it is already recorded.
    expect(await say(10, "đã xong", at("2023-06-05", 9))).toMatch(/đã báo cáo hoàn thành .* rồi/);
  });

  it("'đã xong' without a recent nudge is left to the update flow", async () => {
    const reply = await say(10, "đã xong", at("2023-06-01", 9));
    expect(reply).not.toContain("Đã ghi nhận: UBND phường Bắc Hồng đã hoàn thành");
    const entries = await db.query("SELECT 1 FROM report_entries WHERE note = 'Trả lời nhắc hạn: đã xong'");
    expect(entries).toEqual([]);
  });

  it("tắt nhắc stops all nudges, bật nhắc brings them back; tắt nhắc việc này mutes one obligation", async () => {
    expect(await say(10, "tắt nhắc", at("2023-06-01", 9))).toContain("Đã tắt mọi nhắc hạn");
    await scheduler.tick(at("2023-06-02"));
    expect(nudgesTo(10)).toEqual([]);
    expect(await say(10, "bật nhắc", at("2023-06-02", 9))).toContain("Đã bật lại");
    await scheduler.tick(at("2023-06-06"));
    expect(nudgesTo(10)).toHaveLength(1);
    expect(await say(11, "tắt nhắc việc này", at("2023-06-06", 9))).toContain('Đã tắt nhắc việc "Tổng hợp báo cáo');
    await scheduler.tick(at("2023-06-08"));
    expect(nudgesTo(11)).toHaveLength(2); // 2/6 and 6/6, none after muting
    expect(nudgesTo(10)).toHaveLength(2);
  });

  it("đặt hạn: a coordinator sets a date for an undated period; nudges and answers say the office set it", async () => {
    expect(await say(10, "đặt hạn báo cáo 6 tháng 15/6", at("2023-05-20", 9))).toMatch(/Chỉ quản trị viên hoặc người điều phối/);
    expect(await say(13, "đặt hạn báo cáo 15/6", at("2023-05-20", 9))).toMatch(/chưa rõ kỳ báo cáo/);
    expect(await say(13, "đặt hạn báo cáo 6 tháng 31/6", at("2023-05-20", 9))).toMatch(/không có trên lịch/);
    // "báo cáo 6 tháng" fits the half-year report, whose date the plan states: refused, with that date.
    const refused = await say(13, "đặt hạn báo cáo 6 tháng 15/6", at("2023-05-20", 9));
    expect(refused).toMatch(/đã nêu hạn cho việc này: "trước ngày 10\/6"[\s\S]*giữ nguyên[\s\S]*Theo dõi, kiểm tra đôn đốc/);
    expect(await officeSchedules(db, "honglinh-2023")).toEqual(new Map());
    const ok = await say(13, "đặt hạn theo dõi đôn đốc 6 tháng 15/6", at("2023-05-20", 9));
    expect(ok).toContain('Đã đặt hạn "ngày 15/6" cho 1 việc');
    expect(ok).toContain("Theo dõi, kiểm tra đôn đốc");
    expect(ok).toContain("Hạn cuối gần nhất: Thứ Năm, 15/6/2023");
    // The dated half-year report keeps the plan's own date.
    const office = await officeSchedules(db, "honglinh-2023");
    expect([...office.keys()]).toEqual(["honglinh-2023|o11"]);
    expect(await say(13, "lịch nhắc", at("2023-06-01", 10))).toContain("hạn cuối Thứ Năm, 15/6/2023, còn 14 ngày; hạn do văn phòng đặt");
    for (const d of ["2023-06-08", "2023-06-15"]) await scheduler.tick(at(d));
    const toNoiVu = [...nudgesTo(13), ...nudgesTo(15)].map((x) => (x.messages[0].kind === "text" ? x.messages[0].text : "")).filter((t) => t.startsWith("⏰"));
    expect(toNoiVu).toHaveLength(4); // coordinator 13 and admin 15, on 8/6 and 15/6
    for (const t of toNoiVu) expect(t).toContain("hạn do văn phòng đặt, kế hoạch không nêu ngày");
    const audit = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'office_deadline.set'");
    expect(audit).toHaveLength(1);
  });
});
