// The update form through the real core: "cập nhật" offers the unit's obligations, a submitted form
// (msg.value) is stored on the chosen obligation in one turn, bad values get a polite reply and
// store nothing, and on text channels "2: đang thực hiện 60%" answers the numbered form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMessage, UpdateFormMessage } from "../../../bot/messages";
import { harness, textOf, type Harness } from "./harness";
import { msgFrom } from "../fixtures";

let h: Harness;
beforeAll(async () => {
  h = await harness(new Date("2026-03-15T03:00:00Z"));
  await h.register("lan", "Phòng Nội vụ", "coordinator");
  await h.register("vp", "Văn phòng", "member");
});
afterAll(() => h.db.close());

async function entries() {
  return h.db.query<{ obligation_id: string | null; plan_id: string | null; status: string; percent: number | null; note: string; period: string; source_message_id: string }>(
    "SELECT obligation_id, plan_id, status, percent, note, period, source_message_id FROM report_entries WHERE withdrawn_at IS NULL ORDER BY id",
  );
}

async function turn(user: string, text: string, value?: Record<string, unknown>, messageId?: string): Promise<OutgoingMessage[]> {
  return h.handle(msgFrom(user, text, h.now, { ...(value ? { value } : {}), ...(messageId ? { messageId } : {}) }));
}

function formOf(out: OutgoingMessage[]): UpdateFormMessage {
  const f = out.find((m): m is UpdateFormMessage => m.kind === "update_form");
  if (!f) throw new Error(`no update form in: ${textOf(out)}`);
  return f;
}

describe("the update form in the core", () => {
  it("tells an unregistered user how to register, for the offer and for a submit", async () => {
    expect(textOf(await turn("stranger", "cập nhật"))).toMatch(/chưa đăng ký[\s\S]*đăng ký MÃ/);
    expect(textOf(await turn("stranger", "", { kind: "update_form", status: "hoàn thành" }))).toMatch(/chưa đăng ký/);
    expect(await entries()).toEqual([]);
  });

  it("offers the unit's obligations on a bare 'cập nhật', soonest due first, with plan and due date", async () => {
    for (const t of ["cập nhật", "cap nhat", "Báo cáo tiến độ", "cập nhật tiến độ."]) {
      const form = formOf(await turn("lan", t));
      expect(form.obligations.map((o) => o.id)).toEqual(["thixa-2026/o2", "thixa-2026/o3"]);
      expect(form.statuses).toEqual(expect.arrayContaining(["chưa bắt đầu", "đang thực hiện", "hoàn thành", "vướng mắc"]));
      expect(form.statuses).toHaveLength(4);
    }
    const [o2, o3] = formOf(await turn("lan", "cập nhật")).obligations;
    expect(o2.label).toMatch(/^tổng hợp báo cáo 6 tháng.* · Kế hoạch thực hiện công tác dân vận .* · hạn tới 9\/6\/2026$/);
    expect(o3.label).toMatch(/quy chế dân chủ.* · 6 tháng, không nêu ngày$/);
  });

  it("stores a submitted form on the chosen obligation in one turn and echoes it with sửa/hủy", async () => {
    const [, o3] = formOf(await turn("lan", "cập nhật")).obligations;
    const out = await turn("lan", "", { kind: "update_form", obligation: o3.id, status: "hoàn thành", percent: "", note: "  đã gửi   Văn phòng " }, "card-1");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: "text", quickReplies: ["sửa", "hủy"] });
    expect(textOf(out)).toMatch(/Đã ghi nhận[\s\S]*quy chế dân chủ[\s\S]*6 tháng đầu năm 2026[\s\S]*hoàn thành \(100%\)[\s\S]*đã gửi Văn phòng/);
    expect(await entries()).toEqual([
      { obligation_id: "o3", plan_id: "thixa-2026", status: "hoàn thành", percent: 100, note: "đã gửi Văn phòng", period: "2026-H1", source_message_id: "card-1" },
    ]);
    // The same submit delivered again stores nothing more; "sửa" edits the entry the form made.
    expect(textOf(await turn("lan", "", { kind: "update_form", obligation: o3.id, status: "hoàn thành" }, "card-1"))).toMatch(/đã được ghi nhận trước đó/);
    expect(textOf(await turn("lan", "sửa 90%"))).toMatch(/đang thực hiện \(90%\)/);
    expect(await entries()).toMatchObject([{ obligation_id: "o3", status: "đang thực hiện", percent: 90 }]);
  });

  it("takes percent as a number, a status without diacritics, and an explicit period", async () => {
    await turn("lan", "", { kind: "update_form", obligation: "thixa-2026/o2", status: "dang thuc hien", percent: 40, period: "2026" }, "card-2");
    expect((await entries()).at(-1)).toMatchObject({ obligation_id: "o2", status: "đang thực hiện", percent: 40, period: "2026", note: "" });
  });

  it("answers bad values politely and stores nothing", async () => {
    const before = (await entries()).length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ kind: "update_form", obligation: "thixa-2026/o2", status: "xong lắm" }, /tình trạng phải là một trong: chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc/],
      [{ kind: "update_form", obligation: "thixa-2026/o2", status: "đang thực hiện", percent: "180" }, /phần trăm hoàn thành phải là số nguyên từ 0 đến 100/],
      [{ kind: "update_form", obligation: "thixa-2026/o2", status: "đang thực hiện", percent: "abc" }, /phần trăm/],
      [{ kind: "update_form", obligation: "o2", status: "đang thực hiện" }, /việc được chọn không đúng định dạng/],
      [{ kind: "update_form", obligation: "thixa-2026/o2", status: "đang thực hiện", note: "x".repeat(1001) }, /ghi chú dài quá/],
      [{ kind: "update_form", obligation: "thixa-2026/o2", status: "đang thực hiện", period: "H1" }, /kỳ báo cáo không hợp lệ/],
      [{ kind: "update_form", obligation: "thixa-2026/o2" }, /tình trạng/],
      // Phòng Tư pháp's obligation: not this user's unit.
      [{ kind: "update_form", obligation: "thixa-2026/o4", status: "hoàn thành" }, /không thuộc các việc của Phòng Nội vụ/],
    ];
    for (const [value, expected] of cases) {
      const out = await turn("lan", "", value);
      expect(textOf(out), JSON.stringify(value).slice(0, 80)).toMatch(expected);
      expect(textOf(out)).not.toMatch(/Đã ghi nhận/);
    }
    expect((await entries()).length).toBe(before);
  });

  it("offers the form again when a submit names no obligation but the unit has some", async () => {
    const before = (await entries()).length;
    const out = await turn("lan", "", { kind: "update_form", status: "hoàn thành" });
    expect(textOf(out)).toMatch(/chưa chọn việc/);
    expect(formOf(out).obligations).toHaveLength(2);
    expect((await entries()).length).toBe(before);
  });

  it("stores a general entry from a unit without obligations", async () => {
    const form = formOf(await turn("vp", "cập nhật"));
    expect(form.obligations).toEqual([]);
    expect(form.text).toMatch(/chưa có việc nào/);
    await turn("vp", "", { kind: "update_form", status: "vướng mắc", note: "chờ kinh phí" }, "card-vp");
    expect((await entries()).at(-1)).toMatchObject({ obligation_id: null, status: "vướng mắc", note: "chờ kinh phí", source_message_id: "card-vp" });
  });

  it("on text channels, 'N: status' answers the numbered form; other text starting with a number is not taken", async () => {
    await turn("lan", "cập nhật");
    const out = textOf(await turn("lan", "1: đang thực hiện 60%, chờ số liệu phường", undefined, "typed-1"));
    expect(out).toMatch(/Đã ghi nhận[\s\S]*tổng hợp báo cáo 6 tháng[\s\S]*đang thực hiện \(60%\)/);
    expect((await entries()).at(-1)).toMatchObject({ obligation_id: "o2", percent: 60, note: "chờ số liệu phường", source_message_id: "typed-1" });
    // The list stays open for the next task.
    await turn("lan", "2 hoàn thành", undefined, "typed-2");
    expect((await entries()).at(-1)).toMatchObject({ obligation_id: "o3", status: "hoàn thành", source_message_id: "typed-2" });
    expect(textOf(await turn("lan", "2"))).toMatch(/Việc 2: .*quy chế dân chủ[\s\S]*gõ số kèm tình trạng/);
    expect(textOf(await turn("lan", "6 tháng nộp mấy báo cáo?"))).toBe("Trả lời: 6 tháng nộp mấy báo cáo?");
  });
});
