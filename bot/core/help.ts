// The help reply: what the bot does, in Vietnamese, for this sender. Everyone sees questions,
// updates and reminders; coordinators and admins also see their commands, admins the invite one.
import type { CommandHandler, Role, TurnUser } from "../turn";
import { reply, REGISTER_HINT } from "./replies";
import { commandKey } from "./context";
import { ROLE_LABEL } from "../users/users";

const HELP_RE = /^(?:\/?help|\/?start|tro giup|giup|giup do|huong dan|menu|lenh|\?)$/;

const EVERYONE = [
  "Trợ lý Kế hoạch có thể giúp bạn:",
  '• Hỏi đáp về nhiệm vụ và thời hạn trong các kế hoạch, ví dụ: "khi nào nộp báo cáo 6 tháng?", "ai chủ trì đối thoại với nhân dân?"',
  '• Cập nhật tiến độ: gõ "cập nhật" để mở biểu mẫu, hoặc gõ một câu, ví dụ: "cập nhật báo cáo 6 tháng: đã xong 80%, còn chờ số liệu phường Bắc Hồng". Sau đó gõ "sửa 90%" để sửa, "hủy" để rút lại cập nhật vừa gửi.',
  '• "tiến độ": xem các cập nhật của bạn.',
  '• Nhắc hạn: "lịch nhắc" (xem các hạn sắp tới), "tắt nhắc" / "bật nhắc" (mọi nhắc hạn), "tắt nhắc việc này" (việc vừa được nhắc), "nhắc lại sau 2 ngày", "đã xong" (trả lời tin nhắc hạn khi đã làm xong).',
];

const COORDINATOR = [
  '• Cán bộ tổng hợp: "tiến độ đơn vị", "tiến độ báo cáo 6 tháng", "chưa cập nhật", "xuất báo cáo 6 tháng" (tệp Word; thêm "csv" hoặc "md" nếu cần), "đặt hạn báo cáo 6 tháng 15/6" (đặt hạn cho việc kế hoạch không nêu ngày).',
];

const ADMIN = ['• Quản trị viên: "tạo mã mời <đơn vị> <vai trò>", ví dụ: "tạo mã mời Phòng Tư pháp thành viên".'];

const REGISTER = '• Đăng ký: "đăng ký MÃ" với mã mời do quản trị viên cấp.';

/** The help text for a role (null: not registered). */
export function helpText(role: Role | null): string {
  const lines = [...EVERYONE];
  if (role === "coordinator" || role === "admin") lines.push(...COORDINATOR);
  if (role === "admin") lines.push(...ADMIN);
  if (role === null) lines.push(REGISTER);
  return lines.join("\n");
}

function whoLine(user: TurnUser | null): string {
  if (!user) return `Bạn chưa đăng ký (vẫn hỏi đáp được). ${REGISTER_HINT}`;
  return `Bạn đang đăng ký là ${user.name}${user.unitName ? `, đơn vị ${user.unitName}` : ""}, vai trò ${ROLE_LABEL[user.role]}.`;
}

export const helpHandler: CommandHandler = async (ctx) => {
  if (!HELP_RE.test(commandKey(ctx.msg.text))) return null;
  const tryNext = ctx.user ? ["cập nhật", "tiến độ", "lịch nhắc"] : ["khi nào nộp báo cáo 6 tháng?"];
  return reply(`${helpText(ctx.user?.role ?? null)}\n\n${whoLine(ctx.user)}`, tryNext);
};
