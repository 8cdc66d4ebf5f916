// Small builders for replies, shared by the handlers.
import { formatVnDate, localDate } from "../../knowledge/occurrences";
import type { OutgoingMessage, TextMessage } from "../messages";
import type { TurnContext } from "../turn";

export function text(t: string, quickReplies?: string[]): TextMessage {
  return quickReplies?.length ? { kind: "text", text: t, quickReplies } : { kind: "text", text: t };
}

export function reply(t: string, quickReplies?: string[]): OutgoingMessage[] {
  return [text(t, quickReplies)];
}

export const REGISTER_HINT =
  'Để gửi cập nhật tiến độ, bạn cần đăng ký trước: gõ "đăng ký MÃ", với MÃ là mã mời do quản trị viên cấp (ví dụ: đăng ký ABCD2345).';

/** Refuses a turn that needs a registered user; null when there is one. */
export function needUser(ctx: TurnContext): OutgoingMessage[] | null {
  if (!ctx.user) return reply(`Bạn chưa đăng ký. ${REGISTER_HINT}`);
  return null;
}

/** Refuses a turn that needs a coordinator or an admin. */
export function needCoordinator(ctx: TurnContext, what: string): OutgoingMessage[] | null {
  const missing = needUser(ctx);
  if (missing) return missing;
  if (ctx.user?.role === "member") {
    return reply(`Xin lỗi, chỉ cán bộ tổng hợp (vai trò điều phối) hoặc quản trị viên mới ${what}. Bạn có thể gõ "tiến độ" để xem các cập nhật của mình.`);
  }
  return null;
}

export function formatDate(d: Date | string): string {
  return formatVnDate(typeof d === "string" ? d.slice(0, 10) : localDate(d));
}
