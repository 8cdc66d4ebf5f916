// The draft report of a scripted half-year, read back from the .docx's document.xml: the ND 30
// header table, the sections, the plan's own headings, the summary counts, Nơi nhận; only the
// plans current in the period and the office's units.
import { mkdirSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, planTopic } from "../../../bot/report/model";
import { nextPeriod } from "../../../knowledge/time";
import { exportReport } from "../../../bot/report/export";
import { openDb } from "../../../bot/storage/open-db";
import type { EngineDb } from "../../../bot/storage/engine";
import { OFFICE, RECIPIENT, sendUpdates, setUpOffice, type Office } from "./half-year";

const NOW = new Date("2027-06-20T03:00:00Z");
let db: EngineDb;
let office: Office;
let replies: string[];

beforeAll(async () => {
  db = await openDb({ dataDir: "memory" });
  office = await setUpOffice(db, NOW);
  replies = await sendUpdates(office, NOW);
});
afterAll(() => db.close());

const xmlText = (xml: string) => xml.replace(/<w:tab\/>/g, " ").replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"');

describe("the draft report", () => {
  it("stored one entry of each status from the chat", async () => {
    const rows = await db.query<{ status: string }>("SELECT status FROM report_entries WHERE withdrawn_at IS NULL ORDER BY status");
    expect(rows.map((r) => r.status), replies.join("\n---\n")).toEqual(["chưa bắt đầu", "hoàn thành", "vướng mắc", "đang thực hiện"].sort());
  });

  it("reads the topic of a plan from its title", () => {
    expect(planTopic("Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023")).toBe("công tác dân vận chính quyền");
    expect(planTopic("Chương trình phối hợp giữa Ban Dân vận Tỉnh ủy và Ban cán sự đảng về công tác dân vận giai đoạn 2022 - 2026")).toBe("công tác dân vận");
    expect(planTopic("Kế hoạch triển khai Đề án 06 năm 2025")).toBe("thực hiện đề án 06");
    expect(nextPeriod("2027-H1")).toBe("2027-H2");
    expect(nextPeriod("2027-H2")).toBe("2028-H1");
    expect(nextPeriod("2027-Q4")).toBe("2028-Q1");
  });

  it("covers the plans in force and the office's units only", async () => {
    const m = await buildReport(db, { period: "2027-H1", today: "2027-06-20", office: OFFICE });
    expect(m.plans.map((p) => p.planId)).toEqual(["ctr-tinh-2025-2028", "thixa-2027"]);
    expect(m.subject).toBe("Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2027");
    expect(m.summary.map((r) => r.unitName)).toEqual(["Phòng Nội vụ", "Phòng Tư pháp", "Phòng Văn hóa - Thông tin"]);
    expect(m.recipients).toEqual([RECIPIENT]);
  });

  it("writes a Word file in the ND 30 format with the sections, the summary and Nơi nhận", async () => {
    const r = await exportReport(db, { period: "2027-H1", format: "docx", today: "2027-06-20", office: OFFICE });
    // Kept for the visual check (LibreOffice to PDF and PNG, see README).
    mkdirSync("test-output", { recursive: true });
    writeFileSync("test-output/bao-cao-2027-H1.docx", r.data);
    const zip = await JSZip.loadAsync(r.data);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const text = xmlText(xml);
    // A4 portrait, margins 20/20/30/15 mm, Times New Roman.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    // The header table: issuer and number on the left, quốc hiệu, tiêu ngữ and date on the right.
    const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? "";
    const cells = [...firstTable.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => xmlText(c[0]));
    expect(cells).toHaveLength(2);
    expect(cells[0]).toContain("ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH");
    expect(cells[0]).toContain("Số: .../BC-UBND");
    expect(cells[1]).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(cells[1]).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(cells[1]).toContain("Hồng Lĩnh, ngày ... tháng ... năm 2027");
    expect(firstTable).toMatch(/<w:i\/>[\s\S]*Hồng Lĩnh, ngày/);
    // Title, subject, the four sections in order.
    const order = ["BÁO CÁO", "Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2027", `Kính gửi: ${RECIPIENT}`, "I. KẾT QUẢ ĐẠT ĐƯỢC", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2027", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Nơi nhận:", "PHỤ LỤC"];
    let at = -1;
    for (const s of order) {
      const i = text.indexOf(s, at + 1);
      expect(i, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    // The plan's own headings, in full, and each unit's status under its task.
    expect(text).toContain("II. TỔ CHỨC THỰC HIỆN");
    expect(text).toContain("1. Chế độ báo cáo");
    expect(text).toMatch(/tổng hợp báo cáo 6 tháng và báo cáo năm gửi Ủy ban nhân dân thị xã \(hạn 9\/6\/2027\):\n\+ Phòng Nội vụ: đang thực hiện \(80%\); quá hạn; còn chờ số liệu phường Bắc Hồng/);
    expect(text).toMatch(/\+ Phòng Văn hóa - Thông tin: hoàn thành \(100%\)/);
    expect(text).toMatch(/Thực hiện [^\n]*Kế hoạch thực hiện công tác Dân vận chính quyền năm 2027 số 12\/KH-UBND ngày 15\/01\/2027/);
    // II from the blocked entry; III the next half-year's tasks; IV placeholders.
    const ii = text.slice(text.indexOf("II. TỒN TẠI"), text.indexOf("III. PHƯƠNG HƯỚNG"));
    expect(ii).toMatch(/Phòng Tư pháp \(nhiệm vụ: báo cáo công tác phổ biến pháp luật hàng năm\): chưa có kinh phí in tài liệu/);
    const iii = text.slice(text.indexOf("III. PHƯƠNG HƯỚNG"), text.indexOf("IV. KIẾN NGHỊ"));
    expect(iii).toMatch(/tổng hợp báo cáo 6 tháng và báo cáo năm[^\n]*hạn 24\/11\/2027/);
    expect(text.slice(text.indexOf("IV. KIẾN NGHỊ"))).toContain("[...]");
    // Not the 2023 plan; not the province's bodies as units of the office.
    expect(text).not.toContain("năm 2023");
    expect(text).not.toMatch(/\+ Ban Dân vận Tỉnh ủy:/);
    expect(text).toContain("Đơn vị thực hiện theo kế hoạch: Ban Dân vận Tỉnh ủy");
    // Nơi nhận and the signature block.
    const sign = text.slice(text.indexOf("Nơi nhận:"), text.indexOf("PHỤ LỤC"));
    expect(sign).toContain(`- ${RECIPIENT};`);
    expect(sign).toContain("- Lưu: VT.");
    expect(sign).toContain("TM. ỦY BAN NHÂN DÂN");
    expect(sign).toContain("CHỦ TỊCH");
    // The summary: units × status with a total.
    const summary = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?STT[\s\S]*?<\/w:tbl>/.exec(xml.slice(xml.indexOf("PHỤ LỤC")))?.[0] ?? "";
    const rows = [...summary.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => xmlText(c[0]).trim()));
    expect(rows[0]).toEqual(["STT", "Đơn vị", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Vướng mắc", "Chưa bắt đầu", "Chưa cập nhật", "Quá hạn"]);
    expect(rows.slice(1)).toEqual([
      ["1", "Phòng Nội vụ", "2", "0", "1", "0", "1", "0", "1"],
      ["2", "Phòng Tư pháp", "1", "0", "0", "1", "0", "0", "0"],
      ["3", "Phòng Văn hóa - Thông tin", "1", "1", "0", "0", "0", "0", "0"],
      ["", "Tổng cộng", "4", "1", "1", "1", "1", "0", "1"],
    ]);
  });

  it("leaves what configuration does not give as a visible placeholder", async () => {
    const r = await exportReport(db, { period: "2027-H1", format: "md", today: "2027-06-20" });
    const md = r.data.toString("utf8");
    expect(md).toContain("[TÊN CƠ QUAN BAN HÀNH]");
    expect(md).toContain("Số: .../BC-[...]");
    expect(md).toContain("[...], ngày ... tháng ... năm 2027");
    expect(md).toContain("I. KẾT QUẢ ĐẠT ĐƯỢC");
    expect(md).toContain("| 1 | Phòng Nội vụ | 2 | 0 | 1 | 0 | 1 | 0 | 1 |");
  });
});
