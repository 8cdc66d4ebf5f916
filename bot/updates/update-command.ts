// The progress-update turn: parse (rules, then the LLM when configured), match the obligation
// among the unit's own (ask when several fit, the choice kept in the database), store, echo.
import { commandKey } from "../core/context";
import { clearPending, getPending, setPending } from "../core/pending";
import { needUser, reply } from "../core/replies";
import type { OutgoingMessage } from "../messages";
import type { CommandHandler, TurnContext } from "../turn";
import { findUnits } from "../users/units";
import { recordEntry } from "./entries";
import { EDIT_HINT, entryDetails } from "./echo";
import { matchObligation, MAX_CHOICES, obligationLabel, unitObligations, type ObligationRef } from "./match";
import { looksLikeUpdate, parseUpdate, type ParsedUpdate } from "./parse";
import { periodWords } from "../../knowledge/time";

/** An optional parser for free-form updates the rules cannot read (an LLM). */
export type FreeFormParser = (text: string, today: string) => Promise<ParsedUpdate | null>;

const PENDING_KIND = "update.obligation";

interface PendingUpdate {
  parsed: ParsedUpdate;
  unitId: number;
  sourceMessageId: string;
  choices: { planId: string; obligationId: string; label: string }[];
}

const EXPLICIT_RE = /^(?:cap nhat|update|bao cao tien do)\b/;
const OTHER_UNIT_RE = /^(?:cap nhat|update|tien do)\s+(?:cho|cua)\s+(?:don vi\s+)?(.+?)\s*:/;

/** Stores a parsed update for the unit (on the obligation, when one) and echoes it with "sửa"/"hủy". */
export async function storeUpdate(ctx: TurnContext, p: ParsedUpdate, unitId: number, sourceMessageId: string, ob: { planId: string; obligationId: string } | null): Promise<OutgoingMessage[]> {
  const user = ctx.user;
  if (!user) throw new Error("store() needs a registered user.");
  const { entry, created } = await recordEntry(ctx.db, {
    unitId,
    reporterId: user.id,
    planId: ob?.planId ?? user.planId,
    obligationId: ob?.obligationId ?? null,
    period: p.period,
    status: p.status,
    percent: p.percent,
    note: p.note,
    channel: ctx.msg.channel,
    sourceMessageId,
    doneOn: p.doneOn,
    now: ctx.now,
  });
  ctx.log.info({ entryId: entry.id, created }, created ? "entry stored" : "entry already stored");
  const head = created ? "Đã ghi nhận cập nhật:" : `Cập nhật này đã được ghi nhận trước đó (số ${entry.id}):`;
  return reply(`${head}\n${entryDetails(entry)}\n${EDIT_HINT}`, ["sửa", "hủy"]);
}

function choiceQuestion(choices: PendingUpdate["choices"]): OutgoingMessage[] {
  const lines = choices.map((c, i) => `${i + 1}. ${c.label}`);
  return reply(
    `Bạn muốn ghi cập nhật này cho nhiệm vụ nào của đơn vị?\n${lines.join("\n")}\n0. Không thuộc nhiệm vụ nào ở trên\nGõ số để chọn, hoặc "hủy" để bỏ.`,
    [...choices.map((_, i) => String(i + 1)), "0", "hủy"],
  );
}

export function updateHandler(opts: { freeForm?: FreeFormParser | null } = {}): CommandHandler {
  return async (ctx) => {
    const text = ctx.msg.text;
    if (!looksLikeUpdate(text)) return null;
    const k = commandKey(text);
    let parsed = parseUpdate(text, ctx.today);
    if (!parsed && opts.freeForm && EXPLICIT_RE.test(k)) {
      parsed = await opts.freeForm(text, ctx.today).catch((err: unknown) => {
        ctx.log.warn({ err: (err as Error).message }, "LLM update parsing failed; using the rules only");
        return null;
      });
    }
    if (!parsed) {
      if (!EXPLICIT_RE.test(k)) return null;
      return reply('Tôi chưa rõ tình trạng công việc. Vui lòng ghi rõ, ví dụ: "cập nhật báo cáo 6 tháng: đang thực hiện 50%" (tình trạng: chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc).');
    }
    const missing = needUser(ctx);
    if (missing) return missing;
    const user = ctx.user;
    if (!user) return missing;
    if (user.unitId === null) return reply("Tài khoản của bạn chưa gắn với đơn vị nào. Vui lòng xin quản trị viên mã mời của đơn vị rồi gõ \"đăng ký MÃ\".");
    const other = OTHER_UNIT_RE.exec(k);
    if (other) {
      const units = await findUnits(ctx.db, other[1]);
      if (units.length && !units.some((u) => u.id === user.unitId)) {
        return reply(`Xin lỗi, bạn chỉ gửi được cập nhật cho đơn vị của mình (${user.unitName}), không gửi thay cho ${units[0].name}.`);
      }
    }
    const candidates = await unitObligations(ctx.db, user.unitId, user.planId);
    // "đã xong" alone (no nudge to answer): ask which task rather than store an entry about nothing.
    const noTopic = !parsed.topic.replace(/[^\p{L}\p{N}]/gu, "");
    if (noTopic && (candidates.length === 0 || candidates.length > MAX_CHOICES)) {
      return reply('Bạn cập nhật cho nhiệm vụ nào? Vui lòng ghi rõ, ví dụ: "cập nhật báo cáo 6 tháng: đã xong".');
    }
    const m = noTopic ? { kind: "several" as const, choices: candidates } : matchObligation(parsed.topic, periodWords(parsed.topic), candidates);
    if (m.kind === "several") {
      const pending: PendingUpdate = {
        parsed,
        unitId: user.unitId,
        sourceMessageId: ctx.msg.messageId,
        choices: m.choices.map((o: ObligationRef) => ({ planId: o.planId, obligationId: o.obligationId, label: obligationLabel(o) })),
      };
      await setPending(ctx.db, ctx.msg.channel, ctx.msg.channelUserId, PENDING_KIND, pending, ctx.now);
      return choiceQuestion(pending.choices);
    }
    return storeUpdate(ctx, parsed, user.unitId, ctx.msg.messageId, m.kind === "one" ? m.obligation : null);
  };
}

/** The answer to a numbered choice asked earlier; runs before every other handler. */
export const pendingChoiceHandler: CommandHandler = async (ctx) => {
  const p = await getPending<PendingUpdate>(ctx.db, ctx.msg.channel, ctx.msg.channelUserId, ctx.now);
  if (!p || p.kind !== PENDING_KIND) return null;
  const k = commandKey(ctx.msg.text);
  if (/^(?:huy|huy bo|bo qua|thoi|cancel)$/.test(k)) {
    await clearPending(ctx.db, ctx.msg.channel, ctx.msg.channelUserId);
    return reply("Đã bỏ cập nhật đang chờ chọn nhiệm vụ; không có gì được ghi.");
  }
  const n = /^(?:so\s*)?(\d{1,2})\.?$/.exec(k);
  // Anything else: the sender moved on; forget the question and handle the message normally.
  if (!n) {
    await clearPending(ctx.db, ctx.msg.channel, ctx.msg.channelUserId);
    return null;
  }
  const i = Number(n[1]);
  const { choices } = p.payload;
  if (i > choices.length) return reply(`Vui lòng gõ một số từ 0 đến ${choices.length}, hoặc "hủy" để bỏ.`);
  const missing = needUser(ctx);
  if (missing) return missing;
  // Stored under the original message's id, so a repeated "1" cannot store it twice.
  const out = await storeUpdate(ctx, p.payload.parsed, p.payload.unitId, p.payload.sourceMessageId, i === 0 ? null : choices[i - 1]);
  await clearPending(ctx.db, ctx.msg.channel, ctx.msg.channelUserId);
  return out;
};
