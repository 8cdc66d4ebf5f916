// The draft report as Markdown and as CSV (UTF-8 with a BOM so Excel shows Vietnamese correctly),
// and the lines the Word renderer shares with them.
import { formatDate } from "../core/replies";
import { neutraliseCsvCell } from "./csv-cell";
import { PLACEHOLDER, type ReportModel, type ReportObligation, type ReportProblem, type ReportRow, type ReportSummaryRow } from "./model";

export const NOT_UPDATED = "chưa cập nhật";

export function reportTitle(m: ReportModel): string {
  return `BÁO CÁO ${m.subject.toLocaleUpperCase("vi")} (DỰ THẢO)`;
}

/** The left column of the header: the body above (or null) and the issuer, upper case. */
export function headerLeft(m: ReportModel): [string | null, string] {
  const up = (s: string) => s.toLocaleUpperCase("vi");
  return [m.office.parent ? up(m.office.parent) : null, m.office.name ? up(m.office.name) : "[TÊN CƠ QUAN BAN HÀNH]"];
}

/** "Số: .../BC-UBND": the number is given when the report is signed. */
export function numberLine(m: ReportModel): string {
  return `Số: .../BC-${m.office.symbol ?? PLACEHOLDER}`;
}

/** "Hồng Lĩnh, ngày ... tháng ... năm 2027": day and month are written when it is signed. */
export function dateLine(m: ReportModel): string {
  return `${m.office.place ?? PLACEHOLDER}, ngày ... tháng ... năm ${m.today.slice(0, 4)}`;
}

export function statusCell(r: Pick<ReportRow, "status" | "percent">): string {
  if (!r.status) return NOT_UPDATED;
  return r.percent !== null ? `${r.status} (${r.percent}%)` : r.status;
}

export function noteCell(r: ReportRow): string {
  const parts = [r.note];
  if (r.doneOn) parts.push(`ngày thực hiện ${formatDate(r.doneOn)}`);
  return parts.filter(Boolean).join("; ");
}

/** "- Tổng hợp báo cáo ... (hạn 9/6/2027):" */
export function taskLine(o: ReportObligation): string {
  return `- ${o.task.replace(/[.;:]+$/, "")}${o.due ? ` (hạn ${formatDate(o.due)})` : ""}:`;
}

/** "+ Phòng Nội vụ: đang thực hiện (80%); còn chờ số liệu (cập nhật 5/6/2027)." */
export function rowLine(r: ReportRow & { task?: string }): string {
  const note = noteCell(r);
  const status = r.status ? statusCell(r) : `${NOT_UPDATED} ${PLACEHOLDER}`;
  const when = r.updatedAt ? ` (cập nhật ${formatDate(r.updatedAt)})` : "";
  const late = r.overdue ? "; quá hạn" : "";
  return `+ ${r.unitName}: ${status}${late}${note ? `; ${note}` : ""}${when}.`;
}

export function problemLine(p: ReportProblem): string {
  const task = p.task ? ` (nhiệm vụ: ${p.task.replace(/[.;:]+$/, "")})` : "";
  return `- ${p.unitName}${task}: ${p.note || PLACEHOLDER}.`;
}

export const SUMMARY_COLUMNS = ["STT", "Đơn vị", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Vướng mắc", "Chưa bắt đầu", "Chưa cập nhật", "Quá hạn"];

export function summaryTotal(rows: ReportSummaryRow[]): ReportSummaryRow {
  const t: ReportSummaryRow = { unitName: "Tổng cộng", tasks: 0, done: 0, doing: 0, blocked: 0, notStarted: 0, notUpdated: 0, overdue: 0 };
  for (const r of rows) {
    t.tasks += r.tasks;
    t.done += r.done;
    t.doing += r.doing;
    t.blocked += r.blocked;
    t.notStarted += r.notStarted;
    t.notUpdated += r.notUpdated;
    t.overdue += r.overdue;
  }
  return t;
}

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

export function renderMarkdown(m: ReportModel): string {
  const [parent, name] = headerLeft(m);
  const out = [
    ...(parent ? [parent] : []),
    `**${name}**`,
    numberLine(m),
    "",
    "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
    "**Độc lập - Tự do - Hạnh phúc**",
    "",
    `_${dateLine(m)}_`,
    "",
    "# BÁO CÁO",
    "",
    `**${m.subject}** (dự thảo)${m.unitName ? ` — đơn vị: ${m.unitName}` : ""}`,
    "",
    `Kính gửi: ${m.recipients.length ? m.recipients.join("; ") : PLACEHOLDER}`,
    "",
  ];
  const refs = m.plans.filter((p) => p.reference).map((p) => p.reference);
  out.push(`Thực hiện ${refs.length ? refs.join("; ") : PLACEHOLDER}, ${m.office.name ?? PLACEHOLDER} báo cáo kết quả thực hiện ${m.periodLabel} như sau:`, "");
  out.push("## I. KẾT QUẢ ĐẠT ĐƯỢC", "");
  m.plans.forEach((p, i) => {
    if (m.plans.length > 1) out.push(`### ${i + 1}. ${p.title}`, "");
    const shown = new Set<string>();
    for (const s of p.sections) {
      for (const h of s.headings) {
        if (shown.has(h.sectionId)) continue;
        shown.add(h.sectionId);
        out.push(h.level <= 1 ? `**${h.text}**` : `_${h.text}_`, "");
      }
      for (const o of s.obligations) {
        out.push(taskLine(o));
        if (!o.rows.length) out.push(`  + Đơn vị thực hiện theo kế hoạch: ${o.responsible.join("; ") || PLACEHOLDER}; chưa có báo cáo ${PLACEHOLDER}.`);
        for (const r of o.rows) out.push(`  ${rowLine(r)}`);
        out.push("");
      }
    }
    if (p.others.length) {
      out.push("_Nội dung khác (chưa gắn với nhiệm vụ của kế hoạch):_", "");
      for (const r of p.others) out.push(`  ${rowLine(r)}`);
      out.push("");
    }
  });
  out.push("## II. TỒN TẠI, HẠN CHẾ", "");
  out.push(...(m.problems.length ? m.problems.map(problemLine) : [`- ${PLACEHOLDER}`]), "");
  out.push(`## III. PHƯƠNG HƯỚNG, NHIỆM VỤ ${m.nextPeriodLabel.toLocaleUpperCase("vi")}`, "");
  out.push(
    ...(m.nextTasks.length ? m.nextTasks.map((t) => `- ${t.task} (${t.due ? `hạn ${formatDate(t.due)}` : "kế hoạch không ghi ngày"}${t.units.length ? `; ${t.units.join(", ")}` : ""}).`) : [`- ${PLACEHOLDER}`]),
    "",
  );
  out.push("## IV. KIẾN NGHỊ, ĐỀ XUẤT", "", `- ${PLACEHOLDER}`, "");
  out.push("## Tổng hợp theo đơn vị", "", `| ${SUMMARY_COLUMNS.join(" | ")} |`, `|${SUMMARY_COLUMNS.map(() => "---").join("|")}|`);
  const sumRow = (r: ReportSummaryRow, no: string) => `| ${[no, mdCell(r.unitName), r.tasks, r.done, r.doing, r.blocked, r.notStarted, r.notUpdated, r.overdue].join(" | ")} |`;
  m.summary.forEach((r, i) => out.push(sumRow(r, String(i + 1))));
  out.push(sumRow(summaryTotal(m.summary), ""), "");
  out.push("**Nơi nhận:**", ...(m.recipients.length ? m.recipients : [PLACEHOLDER]).map((r) => `- ${r};`), "- Lưu: VT.", "");
  out.push(...(m.office.signAs.length ? m.office.signAs : [PLACEHOLDER]).map((l) => `**${l.toLocaleUpperCase("vi")}**  `), "", m.office.signer ? `**${m.office.signer}**` : "", "");
  return out.join("\n");
}

const quoteCsv = (s: string) => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvCell = (s: string) => quoteCsv(neutraliseCsvCell(s));

export function renderCsv(m: ReportModel): string {
  const lines = [["Kế hoạch", "Mục", "Nhiệm vụ", "Đơn vị", "Trạng thái", "Tỷ lệ (%)", "Ghi chú", "Người cập nhật", "Cập nhật ngày", "Kỳ báo cáo"]];
  const push = (plan: string, section: string, task: string, r: ReportRow) =>
    lines.push([plan, section, task, r.unitName, r.status ?? NOT_UPDATED, r.percent === null ? "" : String(r.percent), noteCell(r), r.reporterName ?? "", r.updatedAt ? formatDate(r.updatedAt) : "", m.period]);
  for (const p of m.plans) {
    for (const s of p.sections) for (const o of s.obligations) for (const r of o.rows) push(p.title, s.title, o.task, r);
    for (const r of p.others) push(p.title, "Nội dung khác", "", r);
  }
  return "\uFEFF" + lines.map((l) => l.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
