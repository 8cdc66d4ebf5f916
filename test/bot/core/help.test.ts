// The help reply by role, and every nudge command it quotes is one the nudge handler understands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText } from "../../../bot/core/help";
import { nudgeIntent } from "../../../bot/nudges/commands";
import { harness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.register("mem", "Phòng Nội vụ", "member");
  await h.register("coo", "Phòng Nội vụ", "coordinator");
  await h.register("adm", "Văn phòng", "admin");
});
afterAll(() => h.db.close());

const NUDGE_FORMS = ["lịch nhắc", "tắt nhắc", "bật nhắc", "tắt nhắc việc này", "nhắc lại sau 2 ngày", "đã xong"];
const COORDINATOR_FORMS = ["tiến độ đơn vị", "chưa cập nhật", "xuất báo cáo 6 tháng", "đặt hạn báo cáo 6 tháng 15/6"];

describe("help", () => {
  it("lists questions, updates and the nudge commands to a member, not the coordinator or admin commands", async () => {
    const text = await h.say("mem", "help");
    for (const f of ["cập nhật", "tiến độ", ...NUDGE_FORMS]) expect(text).toContain(`"${f}"`);
    for (const f of [...COORDINATOR_FORMS, "tạo mã mời"]) expect(text).not.toContain(f);
    expect(text).toMatch(/vai trò thành viên/);
  });

  it("adds the coordinator commands for coordinators, and the invite command only for admins", async () => {
    const coo = await h.say("coo", "giúp");
    for (const f of [...NUDGE_FORMS, ...COORDINATOR_FORMS]) expect(coo).toContain(`"${f}"`);
    expect(coo).not.toContain("tạo mã mời");
    const adm = await h.say("adm", "hướng dẫn");
    for (const f of COORDINATOR_FORMS) expect(adm).toContain(`"${f}"`);
    expect(adm).toContain("tạo mã mời");
  });

  it("tells an unregistered sender how to register", async () => {
    const text = await h.say("nobody", "help");
    expect(text).toMatch(/đăng ký MÃ[\s\S]*Bạn chưa đăng ký/);
    expect(text).not.toContain("đặt hạn");
  });

  it("quotes nudge commands exactly as the nudge handler reads them", () => {
    const quoted = [...helpText("admin").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const expected: Record<string, string> = {
      "lịch nhắc": "schedule",
      "tắt nhắc": "mute",
      "tắt nhắc việc này": "mute",
      "bật nhắc": "unmute",
      "nhắc lại sau 2 ngày": "snooze",
      "đã xong": "done",
      "đặt hạn báo cáo 6 tháng 15/6": "setDeadline",
    };
    for (const [form, kind] of Object.entries(expected)) {
      expect(quoted).toContain(form);
      expect(nudgeIntent(form)?.kind, form).toBe(kind);
    }
  });
});
