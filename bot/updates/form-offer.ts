// The update form the core offers on a bare "cập nhật": the unit's obligations, soonest due first,
// each labelled "task · plan · next due date (or the period when the plan gives no date)".
import { addDays, formatVnDate } from "../../knowledge/occurrences";
import { PERIOD_LABEL_VI } from "../../knowledge/obligations/format";
import type { UpdateFormMessage } from "../messages";
import { datedOccurrences } from "../nudges/due-dates";
import { loadNudgeObligations } from "../nudges/nudge-state";
import type { NudgeObligation } from "../nudges/planner";
import type { DbQuery } from "../storage/db";
import { formObligationId } from "./form-value";
import { obligationLabel } from "./match";
import { STATUSES } from "./status";
import { currentPeriod } from "./period";
import { periodLabel } from "../../knowledge/time";

/** The periods the form offers: the current half-year (the default), quarter and year, then the previous half. */
export function formPeriods(today: string): { id: string; label: string }[] {
  const half = currentPeriod("H", today);
  const y = Number(half.slice(0, 4));
  const previous = half.endsWith("H2") ? `${y}-H1` : `${y - 1}-H2`;
  const ids = [half, currentPeriod("Q", today), currentPeriod("Y", today), previous];
  return [...new Set(ids)].map((id) => ({ id, label: periodLabel(id) }));
}

/** A Teams choice list and a Zalo message stay readable up to about this many tasks. */
export const MAX_FORM_OBLIGATIONS = 30;

export interface FormChoice {
  planId: string;
  obligationId: string;
  label: string;
}

function short(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function withNextDue(o: NudgeObligation, today: string): { o: NudgeObligation; next: string | null } {
  const next = datedOccurrences(o.schedule, o.officeSchedule, today, addDays(today, 400), o.validity)[0];
  return { o, next: next?.lastDay ?? null };
}

function label(o: NudgeObligation, next: string | null): string {
  const when = next
    ? `hạn tới ${formatVnDate(next)}`
    : o.schedule.length
      ? `${[...new Set(o.schedule.map((s) => PERIOD_LABEL_VI[s.period]))].join(", ")}, không nêu ngày`
      : "không nêu kỳ hạn";
  return `${obligationLabel({ task: o.task }, 80)} · ${short(o.planTitle, 45)} · ${when}`;
}

/** The unit's obligations as form choices (within the user's plan when they chose one). */
export async function formChoices(q: DbQuery, unitId: number, planId: string | null, today: string): Promise<{ choices: FormChoice[]; total: number }> {
  const all = (await loadNudgeObligations(q, unitId)).filter((o) => !planId || o.planId === planId);
  const dated = all.map((o) => withNextDue(o, today));
  // Soonest due first; tasks without a date keep the plan's order after them.
  const order = dated
    .map((d, i) => ({ ...d, i }))
    .sort((a, b) => (a.next && b.next ? a.next.localeCompare(b.next) : a.next ? -1 : b.next ? 1 : a.i - b.i));
  const choices = order.slice(0, MAX_FORM_OBLIGATIONS).map(({ o, next }) => ({ planId: o.planId, obligationId: o.obligationId, label: label(o, next) }));
  return { choices, total: all.length };
}

export function updateForm(unitName: string, choices: FormChoice[], total: number, today?: string): UpdateFormMessage {
  const head = choices.length
    ? `Cập nhật tiến độ của ${unitName}: chọn việc, tình trạng, phần trăm hoàn thành và ghi chú.`
    : `${unitName} chưa có việc nào trong các kế hoạch đã nạp; bạn vẫn gửi được cập nhật chung (không gắn với việc nào).`;
  const more = total > choices.length ? ` (Hiện ${choices.length}/${total} việc có hạn gần nhất; việc khác gõ "cập nhật <tên việc>: <tình trạng>".)` : "";
  return {
    kind: "update_form",
    text: head + more,
    obligations: choices.map((c) => ({ id: formObligationId(c), label: c.label })),
    // The usual answer first: it is the form's default.
    statuses: ["đang thực hiện", ...STATUSES.filter((x) => x !== "đang thực hiện")],
    ...(today ? { periods: formPeriods(today) } : {}),
  };
}
