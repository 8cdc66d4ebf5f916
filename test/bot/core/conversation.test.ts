// The scripted conversation of the issue: register, the three example updates, edit, undo, list,
// export; the .docx is unzipped and its document.xml holds the entries.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileMessage } from "../../../bot/messages";
import { harness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await harness(new Date("2026-03-15T03:00:00Z"));
});
afterAll(() => h.db.close());

async function entries() {
  return h.db.query<{ status: string; percent: number | null; note: string; period: string; obligation_id: string | null; withdrawn_at: Date | null; unit: string }>(
    "SELECT e.status, e.percent, e.note, e.period, e.obligation_id, e.withdrawn_at, n.name AS unit FROM report_entries e JOIN units n ON n.id = e.unit_id ORDER BY e.id",
  );
}

describe("a scripted conversation", () => {
  it("answers help in Vietnamese and sends questions to the answering engine with the user's plan", async () => {
    expect(await h.say("lan", "help")).toMatch(/Trợ lý Kế hoạch có thể giúp bạn[\s\S]*tiến độ[\s\S]*đăng ký MÃ/);
    expect(await h.say("lan", "khi nao nop bao cao 6 thang")).toContain("Trả lời: khi nao nop bao cao 6 thang");
    expect(h.answerer.asked.at(-1)).toEqual({ question: "khi nao nop bao cao 6 thang", planId: null });
  });

  it("tells an unregistered user how to register instead of storing an update", async () => {
    expect(await h.say("lan", "cập nhật báo cáo 6 tháng: đã xong 80%")).toMatch(/chưa đăng ký[\s\S]*đăng ký MÃ/);
    expect(await entries()).toEqual([]);
  });

  it("registers, takes the three example updates, asks which obligation when two fit", async () => {
    await h.register("lan", "Phòng Nội vụ", "coordinator");
    await h.register("minh", "Phòng Văn hóa - Thông tin", "member");

    const ask = await h.say("lan", "cập nhật báo cáo 6 tháng: đã xong 80%, còn chờ số liệu phường Bắc Hồng");
    expect(ask).toMatch(/nhiệm vụ nào của đơn vị\?\n1\. .*báo cáo 6 tháng[\s\S]*\n2\. /);
    expect(await entries()).toEqual([]);
    const chosen = await h.say("lan", "1");
    expect(chosen).toMatch(/Đã ghi nhận[\s\S]*6 tháng đầu năm 2026[\s\S]*đang thực hiện \(80%\)[\s\S]*còn chờ số liệu phường Bắc Hồng/);
    // The same answer delivered again stores nothing more.
    await h.say("lan", "1");

    expect(await h.say("minh", "tiến độ tuyên truyền Dân vận khéo: đang làm")).toMatch(/Đã ghi nhận[\s\S]*Dân vận khéo[\s\S]*đang thực hiện/);
    expect(await h.say("lan", "bc nam da gui ngay 20/11")).toMatch(/năm 2025[\s\S]*hoàn thành \(100%\)[\s\S]*20\/11\/2025/);

    expect(await entries()).toEqual([
      expect.objectContaining({ unit: "Phòng Nội vụ", status: "đang thực hiện", percent: 80, period: "2026-H1", obligation_id: "o2", note: "còn chờ số liệu phường Bắc Hồng" }),
      expect.objectContaining({ unit: "Phòng Văn hóa - Thông tin", status: "đang thực hiện", period: "2026-H1", obligation_id: "o0" }),
      expect.objectContaining({ unit: "Phòng Nội vụ", status: "hoàn thành", percent: 100, period: "2025", obligation_id: "o2" }),
    ]);
  });

  it("edits the last entry with sửa and withdraws it with hủy", async () => {
    expect(await h.say("lan", "sửa: vướng mắc, chờ xác nhận của Văn phòng")).toMatch(/Đã sửa[\s\S]*vướng mắc[\s\S]*chờ xác nhận/);
    expect(await h.say("lan", "hủy")).toMatch(/Đã rút lại/);
    const rows = await entries();
    expect(rows[2]).toMatchObject({ status: "vướng mắc", note: "chờ xác nhận của Văn phòng" });
    expect(rows[2].withdrawn_at).not.toBeNull();
    expect(await h.say("lan", "sửa 90%")).toMatch(/đang thực hiện \(90%\)/);
    expect((await entries())[0]).toMatchObject({ percent: 90, status: "đang thực hiện" });
    const audit = await h.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'report_entry' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(["entry.create", "entry.create", "entry.create", "entry.edit", "entry.withdraw", "entry.edit"]);
  });

  it("lists: a member sees their own entries, a coordinator every unit's", async () => {
    const mine = await h.say("minh", "tiến độ");
    expect(mine).toMatch(/Cập nhật của bạn \(1\)/);
    expect(mine).not.toContain("90%");
    const all = await h.say("lan", "tiến độ báo cáo 6 tháng");
    expect(all).toMatch(/Phòng Nội vụ[\s\S]*90%/);
    expect(all).toContain("Phòng Văn hóa - Thông tin");
    expect(await h.say("lan", "chưa cập nhật")).toMatch(/Phòng Tư pháp[\s\S]*Ủy ban nhân dân các phường/);
  });

  it("exports the draft report as a Word file that holds the entries under the plan's section titles", async () => {
    const out = await h.handle({ channel: "console", messageId: "exp-1", channelUserId: "lan", isGroup: false, text: "xuất báo cáo 6 tháng", receivedAt: h.now });
    const file = out.find((m): m is FileMessage => m.kind === "file");
    expect(file?.fileName).toBe("bao-cao-tien-do-2026-H1.docx");
    const zip = await JSZip.loadAsync(file?.data ?? Buffer.alloc(0));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const words = xml.replace(/<[^>]+>/g, " ");
    for (const s of ["II. TỔ CHỨC THỰC HIỆN", "1. Chế độ báo cáo", "Phòng Nội vụ", "đang thực hiện (90%)", "còn chờ số liệu phường Bắc Hồng", "Phòng Văn hóa - Thông tin", "chưa cập nhật", "Phòng Tư pháp"]) {
      expect(words).toContain(s);
    }
    // The withdrawn annual entry is not in a 6-month report either way.
    expect(words).not.toContain("chờ xác nhận");
  });

  it("refuses the report and other units' progress to a member", async () => {
    expect(await h.say("minh", "xuất báo cáo 6 tháng")).toMatch(/chỉ cán bộ tổng hợp/);
    expect(await h.say("minh", "tiến độ đơn vị Phòng Nội vụ")).toMatch(/không xem được tiến độ của đơn vị khác \(Phòng Nội vụ\)/);
    expect(await h.say("minh", "cập nhật cho Phòng Nội vụ: đã xong 100%")).toMatch(/chỉ gửi được cập nhật cho đơn vị của mình/);
    expect(await entries()).toHaveLength(3);
  });
});
