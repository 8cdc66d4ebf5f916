// The draft report as a Word document in the format of Nghị định 30/2020/NĐ-CP (thể thức văn bản
// hành chính): A4, Times New Roman, margins 20/20/30/15 mm, the header table (issuing body with its
// rule line and the number on the left; quốc hiệu, the underlined tiêu ngữ and the italic place and
// date on the right), "BÁO CÁO" and its subject, the body, the signature block beside "Nơi nhận",
// page numbers from page 2, then the summary table on a page of its own.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { formatDate } from "../core/replies";
import { PLACEHOLDER, type ReportModel, type ReportSummaryRow } from "./model";
import { dateLine, headerLeft, numberLine, problemLine, rowLine, SUMMARY_COLUMNS, summaryTotal, taskLine } from "./render-text";

const FONT = "Times New Roman";
/** Half-points: 14 pt body, 13 pt header lines, 12 pt tables and Nơi nhận, 11 pt its lines. */
const PT14 = 28;
const PT13 = 26;
const PT12 = 24;
const PT11 = 22;
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const LEFT_COL = Math.round(TEXT_WIDTH * 0.38);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;

const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const line = { style: BorderStyle.SINGLE, size: 6, color: "000000" };
const gridBorders = { top: line, bottom: line, left: line, right: line };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

function run(text: string, s: RunStyle = {}): TextRun {
  return new TextRun({ text, bold: s.bold, italics: s.italics, font: FONT, size: s.size ?? PT14 });
}

/** A centred paragraph with no space around it (header and signature lines). */
function centred(text: string, s: RunStyle = {}, spacingBefore = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: spacingBefore, after: 0, line: 240 }, children: [run(text, s)] });
}

/** A short horizontal rule centred in a column `width` twips wide: the line under a header line. */
function rule(width: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    border: { top: { ...line, space: 1 } },
    spacing: { before: 50, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    children: [run("", { size: 2 })],
  });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt before. */
function body(children: TextRun[] | string, o: { indent?: boolean; bold?: boolean; italics?: boolean; pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: Math.round(10 * MM) },
    spacing: { before: 120, after: 0, line: 288 },
    pageBreakBefore: o.pageBreakBefore,
    children: typeof children === "string" ? [run(children, { bold: o.bold, italics: o.italics })] : children,
  });
}

function cell(children: Paragraph[], width: number, borders = noBorders): TableCell {
  return new TableCell({ borders, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, children });
}

function twoColumns(left: Paragraph[], right: Paragraph[], leftWidth = LEFT_COL): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    borders: noBorders,
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, TEXT_WIDTH - leftWidth)] })],
  });
}

/** The header table of ND 30: issuing body | quốc hiệu, tiêu ngữ, place and date. */
function headerTable(m: ReportModel): Table {
  const [parent, name] = headerLeft(m);
  const left: Paragraph[] = [];
  if (parent) left.push(centred(parent, { size: PT13 }));
  left.push(centred(name, { bold: true, size: PT13 }));
  left.push(rule(LEFT_COL, Math.round(LEFT_COL * 0.4)));
  left.push(centred(numberLine(m), { size: PT13 }, 120));
  const right = [
    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: PT12 }),
    centred("Độc lập - Tự do - Hạnh phúc", { bold: true, size: PT14 }),
    rule(RIGHT_COL, Math.round(62 * MM)),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0 }, children: [run(dateLine(m), { italics: true, size: PT14 })] }),
  ];
  return twoColumns(left, right);
}

function signatureTable(m: ReportModel): Table {
  const recipients = m.recipients.length ? m.recipients : [PLACEHOLDER];
  const left = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("Nơi nhận:", { bold: true, italics: true, size: PT12 })] }),
    ...recipients.map((r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(`- ${r};`, { size: PT11 })] })),
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("- Lưu: VT.", { size: PT11 })] }),
  ];
  const signAs = m.office.signAs.length ? m.office.signAs : [PLACEHOLDER];
  const right = [
    ...signAs.map((l) => centred(l.toLocaleUpperCase("vi"), { bold: true, size: PT14 })),
    // Room for the signature and the seal.
    ...[0, 1, 2, 3].map(() => centred("", { size: PT14 })),
    centred(m.office.signer ?? "", { bold: true, size: PT14 }),
  ];
  return twoColumns(left, right, Math.round(TEXT_WIDTH * 0.45));
}

function summaryTable(rows: ReportSummaryRow[]): Table {
  // Wide enough that LibreOffice breaks no header word ("STT", "nhiệm", "Vướng") in bold 11 pt.
  const widths = [7, 21, 10, 10, 10, 11, 10, 11, 10].map((p) => Math.round((TEXT_WIDTH * p) / 100));
  const c = (text: string, i: number, o: { bold?: boolean; left?: boolean; size?: number } = {}) =>
    new TableCell({
      borders: gridBorders,
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ alignment: o.left ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: { before: 40, after: 40 }, children: [run(text, { bold: o.bold, size: o.size ?? PT12 })] })],
    });
  const head = new TableRow({ tableHeader: true, children: SUMMARY_COLUMNS.map((h, i) => c(h, i, { bold: true, size: PT11 })) });
  const line = (r: ReportSummaryRow, no: string, bold = false) =>
    new TableRow({
      children: [no, r.unitName, r.tasks, r.done, r.doing, r.blocked, r.notStarted, r.notUpdated, r.overdue].map((v, i) => c(String(v), i, { bold, left: i === 1 })),
    });
  const total = summaryTotal(rows);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [head, ...rows.map((r, i) => line(r, String(i + 1), false)), line(total, "", true)],
  });
}

function sectionTitle(text: string): Paragraph {
  return body(text, { bold: true });
}

export async function renderDocx(m: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [headerTable(m)];
  children.push(centred("BÁO CÁO", { bold: true, size: PT14 }, 360));
  children.push(centred(m.subject, { bold: true, size: PT14 }));
  children.push(rule(TEXT_WIDTH, Math.round(40 * MM)));
  if (m.unitName) children.push(centred(`(Đơn vị: ${m.unitName})`, { italics: true, size: PT14 }, 60));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 120 },
      children: [run("Kính gửi: ", { size: PT14 }), run(m.recipients.length ? m.recipients.join("; ") : PLACEHOLDER, { size: PT14 })],
    }),
  );
  const refs = m.plans.filter((p) => p.reference).map((p) => p.reference);
  children.push(body(`Thực hiện ${refs.length ? refs.join("; ") : PLACEHOLDER}, ${m.office.name ?? PLACEHOLDER} báo cáo kết quả thực hiện ${m.periodLabel} như sau:`));

  children.push(sectionTitle("I. KẾT QUẢ ĐẠT ĐƯỢC"));
  if (!m.plans.length) children.push(body(`Không có kế hoạch nào có hiệu lực trong ${m.periodLabel}. ${PLACEHOLDER}`));
  m.plans.forEach((p, pi) => {
    if (m.plans.length > 1) children.push(body(`${pi + 1}. ${p.title}`, { bold: true }));
    const shown = new Set<string>();
    for (const s of p.sections) {
      for (const h of s.headings) {
        if (shown.has(h.sectionId)) continue;
        shown.add(h.sectionId);
        children.push(body([run(h.text, { bold: h.level <= 1, italics: h.level > 1 })]));
      }
      for (const o of s.obligations) {
        children.push(body(taskLine(o)));
        if (!o.rows.length) children.push(body(`+ Đơn vị thực hiện theo kế hoạch: ${o.responsible.join("; ") || PLACEHOLDER}; chưa có đơn vị của cơ quan được giao theo dõi, chưa có báo cáo ${PLACEHOLDER}.`));
        for (const r of o.rows) children.push(body(rowLine(r)));
      }
    }
    if (p.others.length) {
      children.push(body("Nội dung khác (chưa gắn với nhiệm vụ của kế hoạch):", { italics: true }));
      for (const r of p.others) children.push(body(rowLine(r)));
    }
  });

  children.push(sectionTitle("II. TỒN TẠI, HẠN CHẾ"));
  if (!m.problems.length) children.push(body(`- ${PLACEHOLDER}`));
  for (const p of m.problems) children.push(body(problemLine(p)));

  children.push(sectionTitle(`III. PHƯƠNG HƯỚNG, NHIỆM VỤ ${m.nextPeriodLabel.toLocaleUpperCase("vi")}`));
  if (!m.nextTasks.length) children.push(body(`- ${PLACEHOLDER}`));
  for (const t of m.nextTasks) {
    const when = t.due ? `hạn ${formatDate(t.due)}` : "kế hoạch không ghi ngày";
    children.push(body(`- ${t.task} (${when}${t.units.length ? `; ${t.units.join(", ")}` : ""}).`));
  }

  children.push(sectionTitle("IV. KIẾN NGHỊ, ĐỀ XUẤT"));
  children.push(body(`- ${PLACEHOLDER}`));
  children.push(body(`Trên đây là báo cáo kết quả thực hiện ${m.periodLabel} của ${m.office.name ?? PLACEHOLDER}./.`));

  children.push(new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }));
  children.push(signatureTable(m));

  // The summary on a page of its own.
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, pageBreakBefore: true, spacing: { before: 0, after: 0 }, children: [run("PHỤ LỤC", { bold: true })] }));
  children.push(centred("TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ", { bold: true, size: PT14 }));
  children.push(centred(`(Kèm theo Báo cáo ${numberLine(m).replace(/^Số: /, "số ")} — ${m.periodLabel})`, { italics: true, size: PT14 }, 0));
  children.push(new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }));
  if (m.summary.length) children.push(summaryTable(m.summary));
  else children.push(body(`Chưa có đơn vị nào của cơ quan được giao nhiệm vụ trong các kế hoạch đang có hiệu lực. ${PLACEHOLDER}`));

  const doc = new Document({
    creator: "Trợ lý Kế hoạch",
    title: `Báo cáo ${m.subject} (dự thảo)`,
    styles: { default: { document: { run: { font: FONT, size: PT14 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT13 })] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
