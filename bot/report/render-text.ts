// The draft report as Markdown and as CSV (UTF-8 with a BOM so Excel shows Vietnamese correctly).
import { formatDate } from "../core/replies";
import type { ReportModel, ReportRow } from "./model";

export const NOT_UPDATED = "chưa cập nhật";

export function reportTitle(m: ReportModel): string {
  return `BÁO CÁO KẾT QUẢ THỰC HIỆN ${m.periodLabel.toUpperCase()} (DỰ THẢO)`;
}

export function statusCell(r: ReportRow): string {
  if (!r.status) return NOT_UPDATED;
  return r.percent !== null ? `${r.status} (${r.percent}%)` : r.status;
}

export function noteCell(r: ReportRow): string {
  const parts = [r.note];
  if (r.doneOn) parts.push(`ngày thực hiện ${formatDate(r.doneOn)}`);
  return parts.filter(Boolean).join("; ");
}

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

export function renderMarkdown(m: ReportModel): string {
  const out = [`# ${reportTitle(m)}`, "", `Kỳ báo cáo: ${m.periodLabel}${m.unitName ? ` — đơn vị: ${m.unitName}` : ""}. Số cập nhật: ${m.entryCount}.`, ""];
  const table = (rows: ReportRow[], first = "Đơn vị") => {
    out.push(`| ${first} | Tình trạng | Ghi chú | Người cập nhật |`, "|---|---|---|---|");
    for (const r of rows) out.push(`| ${mdCell(r.task ?? r.unitName)} | ${mdCell(statusCell(r))} | ${mdCell(noteCell(r))} | ${mdCell(r.reporterName ?? "")} |`);
    out.push("");
  };
  for (const p of m.plans) {
    out.push(`## ${p.title}`, "");
    for (const s of p.sections) {
      out.push(`### ${s.title}`, "");
      for (const o of s.obligations) {
        out.push(`**${o.task}**`, "");
        if (o.rows.length) table(o.rows);
        else out.push("_Kế hoạch không ghi đơn vị thực hiện; chưa có cập nhật._", "");
      }
    }
    if (p.others.length) {
      out.push("### Nội dung khác (chưa gắn với nhiệm vụ của kế hoạch)", "");
      table(p.others);
    }
  }
  return out.join("\n");
}

const csvCell = (s: string) => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

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
