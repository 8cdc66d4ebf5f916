// Obligations for people and machines: the JSON record of the obligations command, Vietnamese
// labels for periods and due dates, and a fixed-width table.
import { originalOffset } from "../normalise";
import { formatDue } from "../occurrences";
import { withMarker } from "./extract";
import type { Due, Obligation, Period, Plan } from "../types";

export interface ObligationRecord {
  plan: string;
  section: string;
  responsible: string[];
  task: string;
  recipient: string | null;
  /** due: "D/M", "D/M/YYYY", or "D" alone for a monthly day ("trước ngày 15 của tháng" -> "15"); null when the text gives none. */
  schedule: { period: Period; due: string | null }[];
  quote: string;
}

/** The quote as the source file has it (line breaks and bold marks included), from the obligation's span. */
export function sourceQuote(plan: Pick<Plan, "offsetRuns" | "text">, o: Pick<Obligation, "span">, source: string): string {
  if (o.span.end <= o.span.start) return "";
  // With its list marker when it opens the paragraph ("a) Theo dõi ...", "(6) Từ 16/4/2025 ...").
  const lineStart = plan.text.lastIndexOf("\n", o.span.start - 1) + 1;
  const start = originalOffset(plan.offsetRuns, withMarker(plan.text, lineStart, o.span.start));
  const end = originalOffset(plan.offsetRuns, o.span.end - 1) + 1;
  return end > start ? source.slice(start, end) : "";
}

/**
 * The record printed by `npm run obligations` (keys in this order). With the file's source text,
 * the quote is verbatim from the file (as gold registers quote it); without it, the normalised sentence.
 */
export function obligationRecord(plan: Plan, o: Obligation, source?: string): ObligationRecord {
  return {
    plan: plan.id,
    section: o.section,
    responsible: o.responsible,
    task: o.task,
    recipient: o.recipient,
    schedule: o.schedule.map((s) => ({ period: s.period, due: s.due ? formatDue(s.due) : null })),
    quote: (source !== undefined && sourceQuote(plan, o, source)) || o.quote,
  };
}

export const PERIOD_LABEL_VI: Record<Period, string> = {
  once: "một lần",
  monthly: "hằng tháng",
  quarterly: "hằng quý",
  half_year: "6 tháng",
  nine_months: "9 tháng",
  yearly: "hằng năm",
  multi_year: "nhiều năm",
  ad_hoc: "đột xuất",
};

/** "trước 10/6", "ngày 15 hằng tháng", "ngày 5 tháng cuối quý", "29/12/2022". */
export function dueLabelVi(due: Due): string {
  const prefix = due.before ? "trước " : "";
  if (due.month === undefined && due.monthInPeriod) return `${prefix}ngày ${due.day} tháng ${due.monthInPeriod === "last" ? "cuối" : "đầu"} kỳ`;
  if (due.month === undefined) return `${prefix}ngày ${due.day} hằng tháng`;
  return `${prefix}${formatDue(due)}`;
}

export function scheduleLabelVi(o: Obligation): string {
  if (!o.schedule.length) return "không nêu kỳ hạn";
  return o.schedule.map((s) => `${PERIOD_LABEL_VI[s.period]}${s.due ? ` (${dueLabelVi(s.due)})` : ""}`).join("; ");
}

/** Word-wraps text to lines of at most `width` characters; "\n" starts a new line. */
function wrap(text: string, width: number): string[] {
  if (text.includes("\n")) return text.split("\n").flatMap((t) => wrap(t, width));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (line) lines.push(line);
      lines.push(w.slice(0, width));
      w = w.slice(width);
      line = "";
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

const COLUMNS: { title: string; width: number; value: (o: Obligation) => string }[] = [
  { title: "Mục", width: 26, value: (o) => o.section.split(" › ").slice(-1)[0] ?? o.section },
  { title: "Đơn vị thực hiện", width: 28, value: (o) => o.responsible.join("; ") || "(không nêu)" },
  { title: "Nội dung", width: 48, value: (o) => o.task },
  { title: "Gửi đến", width: 22, value: (o) => o.recipient ?? "" },
  { title: "Kỳ hạn", width: 26, value: (o) => scheduleLabelVi(o).split("; ").join("\n") },
];

/** A fixed-width table of a plan's obligations, headed by the plan's title. */
export function obligationTable(plan: Plan): string {
  const rule = COLUMNS.map((c) => "-".repeat(c.width)).join("-+-");
  const row = (cells: string[][]) => {
    const height = Math.max(...cells.map((c) => c.length));
    const out: string[] = [];
    for (let i = 0; i < height; i++) out.push(cells.map((c, k) => (c[i] ?? "").padEnd(COLUMNS[k].width)).join(" | ").trimEnd());
    return out.join("\n");
  };
  const header = `${plan.id}: ${plan.meta.title}${plan.meta.issuer ? ` (${plan.meta.issuer})` : ""} (${plan.obligations.length} nghĩa vụ)`;
  const parts = [header, row(COLUMNS.map((c) => [c.title])), rule];
  for (const o of plan.obligations) {
    parts.push(row(COLUMNS.map((c) => wrap(c.value(o), c.width))));
    parts.push(rule);
  }
  return parts.join("\n");
}
