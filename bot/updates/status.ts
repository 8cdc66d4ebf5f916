// The four statuses of a report entry and the words people use for them, with or without
// diacritics. A word typed with marks must be the right word: "Đảng" is not "đang", "Vương" is not
// "vướng", "công tác" is not "tắc".
import { fold, normaliseTones } from "../../knowledge/vietnamese";

export const STATUSES = ["chưa bắt đầu", "đang thực hiện", "hoàn thành", "vướng mắc"] as const;
export type Status = (typeof STATUSES)[number];

// Checked in this order: a negated "done" ("chưa xong") must win over "xong", "vướng" over "đang".
const PHRASES: [Status, string[]][] = [
  ["vướng mắc", ["vướng mắc", "vướng", "khó khăn", "gặp khó", "bị chậm", "chậm trễ", "trễ hạn", "quá hạn", "blocked", "stuck", "delayed"]],
  ["chưa bắt đầu", ["chưa bắt đầu", "chưa làm", "chưa triển khai", "chưa thực hiện", "chưa có gì", "not started"]],
  ["đang thực hiện", ["chưa xong", "chưa hoàn thành", "chưa gửi", "chưa nộp"]],
  [
    "hoàn thành",
    ["đã hoàn thành", "hoàn thành", "hoàn tất", "đã xong", "xong rồi", "xong", "đã gửi", "đã nộp", "đã báo cáo", "đã trình", "đã ban hành", "đã tổ chức", "đã thực hiện", "done", "finished", "completed", "complete", "submitted", "sent"],
  ],
  ["đang thực hiện", ["đang làm", "đang thực hiện", "đang triển khai", "đang tiến hành", "đang xử lý", "đang tổng hợp", "đang soạn", "đang", "in progress", "ongoing", "working on"]],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const COMPILED = PHRASES.map(([status, words]) => ({
  status,
  canonical: new Set(words.map((w) => normaliseTones(w).toLowerCase())),
  re: new RegExp(`(?<![\\p{L}\\d])(?:${words.map((w) => escape(fold(w).toLowerCase())).join("|")})(?![\\p{L}\\d])`, "gu"),
}));

export interface StatusMatch {
  status: Status;
  index: number;
  length: number;
}

/**
 * The status a text states and where its words are, or null. `text` is tone-normalised NFC with
 * single spaces; indexes refer to it (folding keeps the length).
 */
export function findStatus(text: string): StatusMatch | null {
  const lower = text.toLowerCase();
  const folded = fold(lower);
  for (const c of COMPILED) {
    for (const m of folded.matchAll(c.re)) {
      const typed = lower.slice(m.index, m.index + m[0].length);
      if (typed !== fold(typed) && !c.canonical.has(typed)) continue;
      return { status: c.status, index: m.index, length: m[0].length };
    }
  }
  return null;
}

/** Status and percent made consistent: the number wins over "xong" ("đã xong 80%" is in progress). */
export function reconcile(status: Status | null, percent: number | null): { status: Status; percent: number | null } | null {
  if (status === null) {
    if (percent === null) return null;
    if (percent === 100) return { status: "hoàn thành", percent };
    if (percent === 0) return { status: "chưa bắt đầu", percent };
    return { status: "đang thực hiện", percent };
  }
  if (status === "hoàn thành") {
    if (percent === null || percent === 100) return { status, percent: 100 };
    return { status: "đang thực hiện", percent };
  }
  if (status === "chưa bắt đầu") return { status, percent: percent ?? 0 };
  if (status === "đang thực hiện" && percent === 100) return { status: "hoàn thành", percent };
  return { status, percent };
}
