// The draft report as a Word document (the `docx` package): title, period, then the plan's own
// section titles as headings, each obligation with a table of units, status and notes.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { ReportModel, ReportRow } from "./model";
import { noteCell, reportTitle, statusCell } from "./render-text";

const FONT = "Times New Roman";
const border = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, bold = false, widthPct = 25): TableCell {
  return new TableCell({
    borders,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 24 })] })],
  });
}

function rowsTable(rows: ReportRow[]): Table {
  const head = new TableRow({ tableHeader: true, children: [cell("Đơn vị", true, 25), cell("Tình trạng", true, 20), cell("Ghi chú", true, 40), cell("Người cập nhật", true, 15)] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [head, ...rows.map((r) => new TableRow({ children: [cell(r.unitName, false, 25), cell(statusCell(r), false, 20), cell(noteCell(r), false, 40), cell(r.reporterName ?? "", false, 15)] }))],
  });
}

const para = (text: string, o: { bold?: boolean; italics?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; center?: boolean } = {}) =>
  new Paragraph({
    heading: o.heading,
    alignment: o.center ? AlignmentType.CENTER : undefined,
    spacing: { before: 120, after: 80 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italics, font: FONT, size: o.heading ? 26 : 24 })],
  });

export async function renderDocx(m: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    para(reportTitle(m), { bold: true, center: true, heading: HeadingLevel.TITLE }),
    para(`Kỳ báo cáo: ${m.periodLabel}${m.unitName ? ` — đơn vị: ${m.unitName}` : ""}. Tổng hợp từ ${m.entryCount} cập nhật tiến độ.`, { italics: true, center: true }),
  ];
  for (const p of m.plans) {
    children.push(para(p.title, { bold: true, heading: HeadingLevel.HEADING_1 }));
    for (const s of p.sections) {
      children.push(para(s.title, { bold: true, heading: HeadingLevel.HEADING_2 }));
      for (const o of s.obligations) {
        children.push(para(`- ${o.task}`, { bold: true }));
        if (o.rows.length) children.push(rowsTable(o.rows));
        else children.push(para("Kế hoạch không ghi đơn vị thực hiện; chưa có cập nhật.", { italics: true }));
      }
    }
    if (p.others.length) {
      children.push(para("Nội dung khác (chưa gắn với nhiệm vụ của kế hoạch)", { bold: true, heading: HeadingLevel.HEADING_2 }));
      children.push(rowsTable(p.others));
    }
  }
  const doc = new Document({
    creator: "Trợ lý Kế hoạch",
    title: reportTitle(m),
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
