// The values of a submitted update form (Teams Adaptive Card, web form), read by the core from
// `IncomingMessage.value`. The form names an obligation by one string that carries both the plan
// id and the obligation id, as offered in UpdateFormMessage.obligations[].id.
import { z } from "zod";
import { fold, normaliseTones } from "../../knowledge/vietnamese";
import { MAX_NOTE_CHARS } from "./parse";
import { isPeriodKey } from "../../knowledge/time";
import { STATUSES, type Status } from "./status";

export const UPDATE_FORM_KIND = "update_form";

export interface FormObligation {
  planId: string;
  obligationId: string;
}

// Both parts URI-encoded, so a "/" in a plan file name cannot shift the split.
export function formObligationId(o: FormObligation): string {
  return `${encodeURIComponent(o.planId)}/${encodeURIComponent(o.obligationId)}`;
}

export function parseFormObligationId(id: string): FormObligation | null {
  const parts = id.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  try {
    return { planId: decodeURIComponent(parts[0]), obligationId: decodeURIComponent(parts[1]) };
  } catch {
    return null; // a malformed %-escape
  }
}

/** A status as typed or chosen, with or without diacritics, as one of the four; else null. */
export function statusOf(s: string): Status | null {
  const k = fold(normaliseTones(s.normalize("NFC"))).toLowerCase().replace(/\s+/g, " ").trim();
  return STATUSES.find((x) => fold(x) === k) ?? null;
}

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

export const updateFormSchema = z.object({
  kind: z.literal(UPDATE_FORM_KIND),
  obligation: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(600)
      .transform((s, ctx) => parseFormObligationId(s.trim()) ?? (ctx.addIssue({ code: "custom", message: "obligation" }), z.NEVER))
      .optional(),
  ),
  status: z.string().transform((s, ctx) => statusOf(s) ?? (ctx.addIssue({ code: "custom", message: "status" }), z.NEVER)),
  // Adaptive Card and HTML number inputs send strings.
  percent: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(100).optional()),
  note: z.preprocess(blankToUndefined, z.string().transform((s) => s.replace(/\s+/g, " ").trim()).pipe(z.string().max(MAX_NOTE_CHARS)).optional()),
  period: z.preprocess(blankToUndefined, z.string().trim().refine(isPeriodKey, "period").optional()),
});

export type UpdateFormValue = z.infer<typeof updateFormSchema>;

/** True when a message's value claims to be an update form (then it must also be a valid one). */
export function isUpdateForm(value: Record<string, unknown> | undefined): boolean {
  return value?.kind === UPDATE_FORM_KIND;
}

const FIELD_PROBLEM: Record<string, string> = {
  obligation: "việc được chọn không đúng định dạng của biểu mẫu",
  status: "tình trạng phải là một trong: chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc",
  percent: "phần trăm hoàn thành phải là số nguyên từ 0 đến 100",
  note: `ghi chú dài quá (tối đa ${MAX_NOTE_CHARS.toLocaleString("vi-VN")} ký tự)`,
  period: "kỳ báo cáo không hợp lệ (ví dụ đúng: 2026, 2026-H1, 2026-Q2)",
};

/** The form values, or a polite Vietnamese sentence naming what is wrong and how to fix it. */
export function readUpdateForm(value: Record<string, unknown>): { ok: true; form: UpdateFormValue } | { ok: false; problem: string } {
  const r = updateFormSchema.safeParse(value);
  if (r.success) return { ok: true, form: r.data };
  const fields = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? "")))];
  const problems = fields.map((f) => FIELD_PROBLEM[f] ?? `trường "${f}" không hợp lệ`);
  return { ok: false, problem: `Biểu mẫu cập nhật chưa hợp lệ: ${problems.join("; ")}. Vui lòng sửa rồi gửi lại, hoặc gõ "cập nhật" để mở biểu mẫu mới.` };
}
