// One call for a report file in any format (the CLI and the chat command share it).
import { fold } from "../../knowledge/vietnamese";
import type { FileMessage } from "../messages";
import type { DbQuery } from "../storage/db";
import { buildReport, type OfficeSettings, type ReportModel } from "./model";
import { renderDocx } from "./render-docx";
import { renderCsv, renderMarkdown } from "./render-text";

export const REPORT_FORMATS = ["docx", "csv", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MIME: Record<ReportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

export async function renderReport(m: ReportModel, format: ReportFormat): Promise<Buffer> {
  if (format === "docx") return renderDocx(m);
  return Buffer.from(format === "csv" ? renderCsv(m) : renderMarkdown(m), "utf8");
}

export function reportFileName(period: string, format: ReportFormat, unitName?: string | null): string {
  const unit = unitName ? `-${fold(unitName).replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}` : "";
  return `bao-cao-tien-do-${period}${unit}.${format}`;
}

export interface ExportOptions {
  period: string;
  format: ReportFormat;
  /** Calendar date YYYY-MM-DD of the draft. */
  today: string;
  planId?: string | null;
  unitId?: number | null;
  office?: OfficeSettings;
}

export async function exportReport(
  q: DbQuery,
  o: ExportOptions,
): Promise<{ model: ReportModel; data: Buffer; fileName: string; mimeType: string }> {
  const model = await buildReport(q, o);
  return { model, data: await renderReport(model, o.format), fileName: reportFileName(o.period, o.format, model.unitName), mimeType: MIME[o.format] };
}

export async function reportFileMessage(q: DbQuery, o: ExportOptions): Promise<FileMessage> {
  const r = await exportReport(q, o);
  return {
    kind: "file",
    fileName: r.fileName,
    mimeType: r.mimeType,
    data: r.data,
    caption: `Dự thảo báo cáo ${r.model.subject.charAt(0).toLocaleLowerCase("vi")}${r.model.subject.slice(1)}${r.model.unitName ? ` của ${r.model.unitName}` : ""}: tổng hợp ${r.model.entryCount} cập nhật.`,
  };
}
