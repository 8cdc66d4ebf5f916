// The help reply: what the bot does, in Vietnamese, and who the sender is to it.
import type { CommandHandler } from "../turn";
import { reply, REGISTER_HINT } from "./replies";
import { commandKey } from "./context";
import { ROLE_LABEL } from "../users/users";

const HELP_RE = /^(?:\/?help|\/?start|tro giup|giup|giup do|huong dan|menu|lenh|\?)$/;

export const HELP_TEXT = [
  "Trợ lý Kế hoạch có thể giúp bạn:",
  '• Hỏi đáp về nhiệm vụ và thời hạn trong các kế hoạch, ví dụ: "khi nào nộp báo cáo 6 tháng?", "ai chủ trì đối thoại với nhân dân?"',
  '• Ghi nhận cập nhật tiến độ, ví dụ: "cập nhật báo cáo 6 tháng: đã xong 80%, còn chờ số liệu phường Bắc Hồng". Sau đó gõ "sửa 90%" để sửa, "hủy" để rút lại cập nhật vừa gửi.',
  '• "tiến độ": xem các cập nhật của bạn.',
  '• Cán bộ tổng hợp: "tiến độ đơn vị", "tiến độ báo cáo 6 tháng", "chưa cập nhật", "xuất báo cáo 6 tháng" (tệp Word; thêm "csv" hoặc "md" nếu cần).',
  '• Nhắc hạn: "lịch nhắc", "tắt nhắc", "bật nhắc", "nhắc lại sau 2 ngày".',
  '• Đăng ký: "đăng ký MÃ" với mã mời do quản trị viên cấp. Quản trị viên: "tạo mã mời <đơn vị> <vai trò>".',
].join("\n");

export const helpHandler: CommandHandler = async (ctx) => {
  if (!HELP_RE.test(commandKey(ctx.msg.text))) return null;
  const who = ctx.user
    ? `Bạn đang đăng ký là ${ctx.user.name}${ctx.user.unitName ? `, đơn vị ${ctx.user.unitName}` : ""}, vai trò ${ROLE_LABEL[ctx.user.role]}.`
    : `Bạn chưa đăng ký (vẫn hỏi đáp được). ${REGISTER_HINT}`;
  return reply(`${HELP_TEXT}\n\n${who}`, ["tiến độ", "khi nào nộp báo cáo 6 tháng?"]);
};
