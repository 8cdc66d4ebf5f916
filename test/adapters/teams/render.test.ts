import { describe, expect, it } from "vitest";
import { renderForTeams } from "../../../adapters/teams/render";

const link = async () => "https://bot.example/files/abc/bao-cao.docx?exp=1&sig=x";

describe("renderForTeams", () => {
  it("writes citations under the answer", async () => {
    const a = await renderForTeams(
      { kind: "text", text: "Hạn: 9/6/2023.", citations: [{ plan: "p", planTitle: "Kế hoạch 2023", section: "IV. Tổ chức thực hiện", quote: "trước ngày 10/6" }] },
      { personal: true, link },
    );
    expect(a.text).toContain("Hạn: 9/6/2023.");
    expect(a.text).toContain("Kế hoạch 2023, IV. Tổ chức thực hiện: “trước ngày 10/6”");
  });

  it("gives nudge quick replies as suggested actions in a personal chat and card buttons elsewhere", async () => {
    const msg = { kind: "text" as const, text: "Còn 3 ngày.", quickReplies: ["Đã xong", "Nhắc lại sau 2 ngày"] };
    const personal = await renderForTeams(msg, { personal: true, link });
    expect(personal.suggestedActions?.actions.map((x) => [x.type, x.value])).toEqual([["imBack", "Đã xong"], ["imBack", "Nhắc lại sau 2 ngày"]]);
    const group = await renderForTeams(msg, { personal: false, link });
    const buttons = (group.attachments?.[0].content as { buttons: { value: string }[] }).buttons;
    expect(buttons.map((b) => b.value)).toEqual(["Đã xong", "Nhắc lại sau 2 ngày"]);
  });

  it("renders the update form as an Adaptive Card with a submit action", async () => {
    const a = await renderForTeams(
      { kind: "update_form", text: "Cập nhật tiến độ", obligations: [{ id: "o1", label: "Báo cáo 6 tháng" }], statuses: ["đang thực hiện", "hoàn thành"] },
      { personal: true, link },
    );
    const att = a.attachments?.[0];
    expect(att?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = att?.content as { body: { id?: string; choices?: { value: string }[] }[]; actions: { type: string; data: unknown }[] };
    expect(card.body.map((b) => b.id).filter(Boolean)).toEqual(["obligation", "status", "percent", "note"]);
    expect(card.body[1].choices?.map((c) => c.value)).toEqual(["o1"]);
    expect(card.actions[0]).toMatchObject({ type: "Action.Submit", data: { kind: "update_form" } });
  });

  it("sends a file as a download link", async () => {
    const a = await renderForTeams({ kind: "file", fileName: "bao-cao.docx", mimeType: "application/octet-stream", data: Buffer.from("x"), caption: "Dự thảo báo cáo" }, { personal: true, link });
    expect(a.text).toContain("(https://bot.example/files/abc/bao-cao.docx?exp=1&sig=x)");
  });
});
