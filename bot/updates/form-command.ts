// The update form in the conversation: a bare "cập nhật" offers it; a submitted form (its values in
// msg.value) is stored on the chosen obligation in one turn; on text channels the form is a numbered
// list, and "2: đang thực hiện 60%, ghi chú" answers it (the list is kept as a pending choice).
import { commandKey } from "../core/context";
import { getPending, setPending } from "../core/pending";
import { needUser, reply } from "../core/replies";
import type { OutgoingMessage } from "../messages";
import type { DbQuery } from "../storage/db";
import type { CommandHandler, TurnContext, TurnUser } from "../turn";
import { formChoices, updateForm, type FormChoice } from "./form-offer";
import { isUpdateForm, readUpdateForm, type FormObligation } from "./form-value";
import { parseUpdate, type ParsedUpdate } from "./parse";
import { halfYearOf } from "./period";
import { reconcile } from "./status";
import { storeUpdate } from "./update-command";

const FORM_PENDING = "update.form";
const OFFER_RE = /^(?:cap nhat|cap nhat tien do|bao cao tien do|gui cap nhat|gui tien do|nhap tien do|update|progress update)$/;
const NUMBERED_RE = /^(\d{1,2})\s*(?:[:.)\-–]\s*|\s+|$)(.*)$/su;
const NO_UNIT = 'Tài khoản của bạn chưa gắn với đơn vị nào. Vui lòng xin quản trị viên mã mời của đơn vị rồi gõ "đăng ký MÃ".';

/** The registered user with a unit, or the reply that explains what is missing. */
function unitUser(ctx: TurnContext): { user: TurnUser & { unitId: number }; refusal: null } | { user: null; refusal: OutgoingMessage[] } {
  const missing = needUser(ctx);
  if (missing || !ctx.user) return { user: null, refusal: missing ?? reply(NO_UNIT) };
  const { unitId } = ctx.user;
  if (unitId === null) return { user: null, refusal: reply(NO_UNIT) };
  return { user: { ...ctx.user, unitId }, refusal: null };
}

async function offer(ctx: TurnContext, user: TurnUser & { unitId: number }, lead?: string): Promise<OutgoingMessage[]> {
  const { choices, total } = await formChoices(ctx.db, user.unitId, user.planId, ctx.today);
  if (choices.length) await setPending(ctx.db, ctx.msg.channel, ctx.msg.channelUserId, FORM_PENDING, { choices }, ctx.now);
  const form = updateForm(user.unitName ?? "đơn vị của bạn", choices, total, ctx.today);
  return lead ? [{ kind: "text", text: lead }, form] : [form];
}

async function unitHas(q: DbQuery, unitId: number, o: FormObligation): Promise<boolean> {
  const rows = await q.query("SELECT 1 FROM obligation_units WHERE unit_id = $1 AND plan_id = $2 AND obligation_id = $3", [unitId, o.planId, o.obligationId]);
  return rows.length > 0;
}

/** "cập nhật" / "báo cáo tiến độ" with nothing else: the form. */
export const offerFormHandler: CommandHandler = async (ctx) => {
  if (!OFFER_RE.test(commandKey(ctx.msg.text).replace(/[\s.!?…:]+$/u, ""))) return null;
  const { user, refusal } = unitUser(ctx);
  if (!user) return refusal;
  return offer(ctx, user);
};

/** A submitted form: validated, stored on the chosen obligation, echoed with "sửa"/"hủy". */
export const formSubmitHandler: CommandHandler = async (ctx) => {
  if (!isUpdateForm(ctx.msg.value)) return null;
  const { user, refusal } = unitUser(ctx);
  if (!user) return refusal;
  const r = readUpdateForm(ctx.msg.value ?? {});
  if (!r.ok) return reply(r.problem, ["cập nhật"]);
  const f = r.form;
  if (f.obligation && !(await unitHas(ctx.db, user.unitId, f.obligation))) {
    return reply(
      `Việc được chọn không thuộc các việc của ${user.unitName ?? "đơn vị bạn"} (có thể kế hoạch vừa được nạp lại). Gõ "cập nhật" để mở biểu mẫu mới; không có gì được ghi.`,
      ["cập nhật"],
    );
  }
  if (!f.obligation) {
    const { total } = await formChoices(ctx.db, user.unitId, user.planId, ctx.today);
    if (total > 0) return offer(ctx, user, "Bạn chưa chọn việc cần cập nhật; không có gì được ghi. Vui lòng chọn việc trong biểu mẫu:");
  }
  // Status and percent made consistent, as for a typed update (a status always gives a result).
  const both = reconcile(f.status, f.percent ?? null) ?? { status: f.status, percent: f.percent ?? null };
  const parsed: ParsedUpdate = {
    topic: "",
    status: both.status,
    percent: both.percent,
    note: f.note ?? "",
    period: f.period ?? halfYearOf(ctx.today),
    periodExplicit: f.period !== undefined,
    doneOn: null,
  };
  return storeUpdate(ctx, parsed, user.unitId, ctx.msg.messageId, f.obligation ?? null);
};

/** "2: đang thực hiện 60%, ghi chú" in answer to the numbered form on a text channel. */
export const formNumberHandler: CommandHandler = async (ctx) => {
  const m = NUMBERED_RE.exec(ctx.msg.text.normalize("NFC").replace(/\s+/g, " ").trim());
  if (!m) return null;
  const p = await getPending<{ choices: FormChoice[] }>(ctx.db, ctx.msg.channel, ctx.msg.channelUserId, ctx.now);
  if (!p || p.kind !== FORM_PENDING) return null;
  const { choices } = p.payload;
  const n = Number(m[1]);
  if (n < 1 || n > choices.length) return null; // not about the list ("6 tháng ...")
  const rest = m[2].trim();
  const example = `ví dụ: "${n}: đang thực hiện 60%, chờ số liệu" (tình trạng: chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc)`;
  if (!rest) return reply(`Việc ${n}: ${choices[n - 1].label}. Vui lòng gõ số kèm tình trạng, ${example}.`);
  const parsed = parseUpdate(`cập nhật: ${rest}`, ctx.today);
  if (!parsed) return null; // a question or a command that starts with a number
  const { user, refusal } = unitUser(ctx);
  if (!user) return refusal;
  // The list stays pending (for its hour), so several tasks can be updated one after another.
  return storeUpdate(ctx, parsed, user.unitId, ctx.msg.messageId, choices[n - 1]);
};
