// "sửa ..." edits the sender's latest entry; "hủy" withdraws it (kept, and in the audit log).
import { commandKey } from "../core/context";
import { needUser, reply } from "../core/replies";
import type { CommandHandler } from "../turn";
import { editLastEntry, lastEntryOf, withdrawLastEntry, type EntryChanges } from "./entries";
import { EDIT_HINT, entryDetails } from "./echo";
import { parseEdit } from "./parse";
import { reconcile } from "./status";

const EDIT_RE = /^(?:sua|chinh sua|edit)\b\s*:?\s*/;
const UNDO_RE = /^(?:huy|huy bo|undo|rut lai)(?:\s+(?:cap nhat|cai vua gui|vua roi))*$/;
/** "hủy tiếp": confirms withdrawing an older entry after one was just withdrawn. */
const UNDO_MORE_RE = /^(?:huy|huy bo|rut lai)\s+(?:tiep|nua|them|tiep cap nhat)$/;
const EDIT_USAGE =
  'Gõ "sửa" kèm nội dung mới cho cập nhật gần nhất, ví dụ: "sửa 90%", "sửa: hoàn thành", "sửa: vướng mắc, chờ kinh phí", "sửa quý 2".';

export const editHandler: CommandHandler = async (ctx) => {
  const k = commandKey(ctx.msg.text);
  const m = EDIT_RE.exec(k);
  if (!m) return null;
  const missing = needUser(ctx);
  if (missing || !ctx.user) return missing;
  const typed = ctx.msg.text.normalize("NFC").replace(/\s+/g, " ").trim();
  const rest = typed.slice(m[0].length);
  if (!rest.trim()) return reply(EDIT_USAGE);
  const e = parseEdit(rest, ctx.today);
  if (Object.keys(e).length === 0) return reply(EDIT_USAGE);
  const last = await lastEntryOf(ctx.db, ctx.user.id);
  if (!last) return reply("Bạn chưa có cập nhật nào để sửa. Gửi một cập nhật trước, ví dụ: \"cập nhật báo cáo 6 tháng: đang làm\".");
  const changes: EntryChanges = { ...e };
  // Keep status and percent consistent, as for a new update; "vướng mắc" stays unless replaced.
  if (e.status !== undefined || e.percent !== undefined) {
    const pct = e.percent !== undefined ? e.percent : e.status !== undefined ? null : last.percent;
    const keep = e.status ?? (last.status === "vướng mắc" || pct === null ? last.status : null);
    const r = reconcile(keep, pct);
    if (r) {
      changes.status = r.status;
      changes.percent = r.percent;
    }
  }
  const done = await editLastEntry(ctx.db, ctx.user.id, changes, ctx.now);
  if (!done) return reply("Bạn chưa có cập nhật nào để sửa.");
  return reply(`Đã sửa cập nhật gần nhất:\n${entryDetails(done.after)}\n${EDIT_HINT}`, ["sửa", "hủy"]);
};

/**
 * "hủy" withdraws the sender's latest entry and shows it. A second "hủy" right after would reach an
 * older entry the sender may not have in mind: it shows that entry and asks for "hủy tiếp" first.
 */
export const undoHandler: CommandHandler = async (ctx) => {
  const k = commandKey(ctx.msg.text);
  const more = UNDO_MORE_RE.test(k);
  if (!more && !UNDO_RE.test(k)) return null;
  const missing = needUser(ctx);
  if (missing || !ctx.user) return missing;
  const last = await lastEntryOf(ctx.db, ctx.user.id);
  if (!last) return reply("Bạn không có cập nhật nào để hủy.");
  if (!more) {
    // A newer entry of the sender's is already withdrawn: this "hủy" would go one further back.
    const newer = await ctx.db.query("SELECT 1 FROM report_entries WHERE reporter_id = $1 AND withdrawn_at IS NOT NULL AND id > $2 LIMIT 1", [ctx.user.id, last.id]);
    if (newer.length) {
      return reply(
        `Bạn vừa rút lại một cập nhật. Cập nhật gần nhất còn lại là:\n${entryDetails(last)}\nGõ "hủy tiếp" nếu muốn rút lại cả cập nhật này; chưa có gì thay đổi.`,
        ["hủy tiếp", "tiến độ"],
      );
    }
  }
  const e = await withdrawLastEntry(ctx.db, ctx.user.id, ctx.now);
  if (!e) return reply("Bạn không có cập nhật nào để hủy.");
  return reply(`Đã rút lại cập nhật:\n${entryDetails(e)}\n(Bản ghi vẫn được lưu trong nhật ký.)`);
};
