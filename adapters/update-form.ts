// A submitted update form (Teams Adaptive Card, web form) as the update sentence the core's rule
// parser reads, for a core that does not read `value` itself. `value` is still passed along.
import { z } from "zod";
import type { IncomingMessage } from "../bot/messages";

export const UPDATE_FORM_KIND = "update_form";

const formSchema = z.object({
  kind: z.literal(UPDATE_FORM_KIND),
  obligation: z.string().optional(),
  status: z.string().trim().min(1),
  percent: z.union([z.string(), z.number()]).optional(),
  note: z.string().optional(),
});

/** "cập nhật: đang thực hiện 60%, ghi chú" from the form values, or null when it is not a form. */
export function updateFormText(value: Record<string, unknown> | undefined): string | null {
  const parsed = formSchema.safeParse(value);
  if (!parsed.success) return null;
  const f = parsed.data;
  const percent = f.percent === undefined || String(f.percent).trim() === "" ? "" : ` ${String(f.percent).trim()}%`;
  const note = f.note?.trim() ? `, ${f.note.trim().replace(/\s+/g, " ")}` : "";
  return `cập nhật: ${f.status}${percent}${note}`;
}

/** The message with its text filled from a submitted form when it came without text. */
export function withFormText(msg: IncomingMessage): IncomingMessage {
  if (msg.text.trim() !== "") return msg;
  const text = updateFormText(msg.value);
  return text ? { ...msg, text } : msg;
}
