// Word documents read from their XML: list numbers Word draws (1., a), -), task tables kept row by
// row, the two-column header table read as lines.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { loadPlanFile } from "../../../knowledge/load-plan";
import { readPlanFile } from "../../../knowledge/load/read-file";

const cell = (...lines: string[]) => new TableCell({ children: lines.map((l) => new Paragraph(l)) });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });
const numbered = (text: string, level: number, reference = "plan") => new Paragraph({ children: [new TextRun(text)], numbering: { reference, level } });

async function makePlanDocx(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: "plan",
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: "%1.", alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: "%2.", alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: "%3)", alignment: AlignmentType.LEFT },
            { level: 3, format: LevelFormat.BULLET, text: "-", alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Table({ rows: [row(cell("ỦY BAN NHÂN DÂN", "HUYỆN AN PHÚ"), cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")), row(cell("Số: 21/KH-UBND"), cell("An Phú, ngày 10 tháng 02 năm 2025"))] }),
          new Paragraph("KẾ HOẠCH"),
          new Paragraph("Phòng, chống tham nhũng năm 2025"),
          numbered("MỤC ĐÍCH, YÊU CẦU", 0),
          numbered("Nâng cao trách nhiệm của người đứng đầu.", 3),
          numbered("NỘI DUNG", 0),
          new Table({
            rows: [
              row(cell("TT"), cell("NỘI DUNG"), cell("ĐƠN VỊ CHỦ TRÌ"), cell("ĐƠN VỊ PHỐI HỢP"), cell("THỜI GIAN")),
              row(cell("1"), cell("Rà soát các quy định về định mức"), cell("Phòng Tài chính - Kế hoạch"), cell("Các cơ quan"), cell("Quý II/2025")),
              row(cell("2"), cell("Thanh tra trách nhiệm tại 02 đơn vị"), cell("Thanh tra huyện"), cell("Phòng Nội vụ"), cell("Trước 30/9/2025")),
            ],
          }),
          numbered("TỔ CHỨC THỰC HIỆN", 0),
          numbered("Phòng Nội vụ", 1),
          numbered("Báo cáo kết quả về Ủy ban nhân dân huyện định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/11).", 2),
          numbered("Các xã, thị trấn", 1),
          numbered("Báo cáo hằng quý về Thanh tra huyện trước ngày 10 của tháng cuối quý.", 2),
          new Paragraph("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan báo cáo về Thanh tra huyện để tổng hợp./."),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe("a Word plan with list numbering and tables", async () => {
  const dir = mkdtempSync(join(tmpdir(), "docx-"));
  const path = join(dir, "anphu-pctn-2025.docx");
  writeFileSync(path, await makePlanDocx());

  it("writes the numbers Word draws and keeps table rows together", async () => {
    const lines = (await readPlanFile(path)).raw.split(/\n+/u);
    expect(lines).toContain("I. MỤC ĐÍCH, YÊU CẦU");
    expect(lines).toContain("- Nâng cao trách nhiệm của người đứng đầu.");
    expect(lines).toContain("III. TỔ CHỨC THỰC HIỆN");
    expect(lines).toContain("2. Các xã, thị trấn");
    expect(lines).toContain("a) Báo cáo hằng quý về Thanh tra huyện trước ngày 10 của tháng cuối quý.");
    expect(lines).toContain("| 2 | Thanh tra trách nhiệm tại 02 đơn vị | Thanh tra huyện | Phòng Nội vụ | Trước 30/9/2025 |");
    // The header table is page layout: its cells become lines.
    expect(lines.slice(0, 4)).toEqual(["ỦY BAN NHÂN DÂN", "HUYỆN AN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
  });

  it("loads as a plan with its header, sections, table rows and dated obligations", async () => {
    const plan = await loadPlanFile(path);
    expect(plan.meta).toMatchObject({ number: "21/KH-UBND", issuer: "Ủy ban nhân dân huyện An Phú", date: "10/2/2025", title: "Kế hoạch phòng, chống tham nhũng năm 2025" });
    expect(plan.sections.map((s) => s.path)).toContain("III. TỔ CHỨC THỰC HIỆN › 2. Các xã, thị trấn");
    const row = plan.obligations.find((o) => o.quote.includes("Thanh tra trách nhiệm"))!;
    expect(row.responsible).toEqual(["Thanh tra huyện"]);
    expect(row.schedule.map((s) => [s.period, s.due && `${s.due.day}/${s.due.month}/${s.due.year}`])).toEqual([["once", "30/9/2025"]]);
    const quarterly = plan.obligations.find((o) => o.quote.includes("hằng quý"))!;
    expect(quarterly.responsible).toEqual(["Các xã, thị trấn"]);
    expect(quarterly.recipient).toBe("Thanh tra huyện");
    const half = plan.obligations.find((o) => o.quote.includes("6 tháng"))!;
    expect(half.responsible).toEqual(["Phòng Nội vụ"]);
    expect(half.schedule.map((s) => `${s.period}@${s.due?.day}/${s.due?.month}`)).toEqual(["half_year@15/6", "yearly@15/11"]);
  });
});
