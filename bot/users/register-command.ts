// Chat commands of registration: "đăng ký MÃ" for anyone, "tạo mã mời <đơn vị> <vai trò>" for admins.
import { commandKey } from "../core/context";
import { formatDate, reply } from "../core/replies";
import type { CommandHandler, Role } from "../turn";
import { createInvite, redeemInvite } from "./invites";
import { ensureUnit, findUnits } from "./units";
import { ROLE_LABEL } from "./users";

const REGISTER_RE = /^(?:dang ky|dangky|register)\b\s*:?\s*(.*)$/;
const INVITE_RE = /^(?:tao ma moi|tao ma|invite)\b\s*(.*)$/;

export const registerHandler: CommandHandler = async (ctx) => {
  const m = REGISTER_RE.exec(commandKey(ctx.msg.text));
  if (!m) return null;
  const code = m[1].trim().split(" ")[0] ?? "";
  if (!code) return reply('Gõ "đăng ký" kèm mã mời do quản trị viên cấp, ví dụ: đăng ký ABCD2345.');
  const r = await redeemInvite(ctx.db, {
    code,
    channel: ctx.msg.channel,
    channelUserId: ctx.msg.channelUserId,
    name: ctx.msg.userName ?? ctx.user?.name ?? ctx.msg.channelUserId,
    now: ctx.now,
  });
  const shown = code.toUpperCase();
  if (r.ok) {
    const u = r.user;
    ctx.log.info({ userId: u.id, role: u.role }, "user registered");
    return reply(
      `${r.changed ? "Đã cập nhật đăng ký" : "Đăng ký thành công"}: ${u.name}, đơn vị ${u.unitName ?? "(chưa có)"}, vai trò ${ROLE_LABEL[u.role]}.\n` +
        'Từ giờ bạn có thể gửi cập nhật tiến độ, ví dụ: "cập nhật báo cáo 6 tháng: đã xong 80%". Gõ "help" để xem hướng dẫn.',
      ["help", "tiến độ"],
    );
  }
  switch (r.reason) {
    case "unknown":
      return reply(`Mã mời "${shown}" không đúng. Vui lòng kiểm tra lại (mã gồm 8 chữ và số) hoặc xin quản trị viên cấp mã mới.`);
    case "expired":
      return reply(`Mã mời "${shown}" đã hết hạn. Vui lòng xin quản trị viên cấp mã mới.`);
    case "used":
      return reply(`Mã mời "${shown}" đã được sử dụng; mỗi mã chỉ dùng được một lần. Vui lòng xin quản trị viên cấp mã mới.`);
    case "already":
      return reply(`Bạn đã đăng ký bằng mã này rồi: đơn vị ${r.user?.unitName ?? "(chưa có)"}, vai trò ${r.user ? ROLE_LABEL[r.user.role] : ""}.`);
  }
};

const ROLE_WORDS: [RegExp, Role][] = [
  [/\s+(?:can bo tong hop|can bo dieu phoi|dieu phoi|dieu phoi vien|tong hop|coordinator)$/, "coordinator"],
  [/\s+(?:thanh vien|can bo|member)$/, "member"],
  [/\s+(?:quan tri|quan tri vien|admin)$/, "admin"],
];

export const inviteHandler: CommandHandler = async (ctx) => {
  const m = INVITE_RE.exec(commandKey(ctx.msg.text));
  if (!m) return null;
  if (ctx.user?.role !== "admin") return reply("Xin lỗi, chỉ quản trị viên mới tạo được mã mời. Hãy liên hệ quản trị viên của đơn vị bạn.");
  const usage = 'Gõ: tạo mã mời <đơn vị> <vai trò>, ví dụ: "tạo mã mời Phòng Tư pháp thành viên" (vai trò: thành viên, điều phối, quản trị; thêm "7 ngày" để đặt hạn dùng).';
  // Work on the typed text (with diacritics) for the unit name: same length as the folded key.
  const typed = ctx.msg.text.normalize("NFC").replace(/\s+/g, " ").trim();
  let rest = m[1];
  let restTyped = typed.slice(typed.length - rest.length);
  let days = 7;
  const d = /\s*(\d{1,3})\s*ngay$/.exec(rest);
  if (d) {
    days = Number(d[1]);
    rest = rest.slice(0, d.index);
    restTyped = restTyped.slice(0, d.index);
  }
  // "... đơn vị mới": the admin confirms a unit the store does not know yet.
  const isNew = /\s+(?:don vi moi|new unit)$/.exec(rest);
  if (isNew) {
    rest = rest.slice(0, isNew.index);
    restTyped = restTyped.slice(0, isNew.index);
  }
  let role: Role | null = null;
  for (const [re, r] of ROLE_WORDS) {
    const rm = re.exec(rest);
    if (rm) {
      role = r;
      restTyped = restTyped.slice(0, rm.index);
      break;
    }
  }
  const unitName = restTyped.replace(/^(?:cho|đơn vị|don vi)\s+/i, "").trim();
  if (!role || !unitName) return reply(usage);
  if (days < 1 || days > 365) return reply("Hạn dùng của mã mời phải từ 1 đến 365 ngày.");
  const found = await findUnits(ctx.db, unitName);
  if (found.length > 1) return reply(`Có nhiều đơn vị khớp với "${unitName}": ${found.map((u) => u.name).join("; ")}. Vui lòng ghi đầy đủ tên đơn vị.`);
  if (!found.length && !isNew) {
    // Never create a unit silently from a typo or a role word left in the name.
    const roleWord = { member: "thành viên", coordinator: "điều phối", admin: "quản trị" }[role];
    return reply(
      `Chưa có đơn vị "${unitName}" trong danh sách (gõ đúng tên như trong kế hoạch, ví dụ "UBND phường Bắc Hồng"; xem danh sách: npm run admin -- units). Nếu đây là đơn vị mới, gõ: "tạo mã mời ${unitName} ${roleWord} đơn vị mới". Chưa có mã nào được tạo.`,
    );
  }
  const unit = found[0] ?? (await ensureUnit(ctx.db, unitName, "admin"));
  const inv = await createInvite(ctx.db, { unitId: unit.id, role, createdBy: ctx.user.id, now: ctx.now, days });
  return reply(
    `Mã mời: ${inv.code} (đơn vị ${unit.name}${found.length ? "" : " — đơn vị mới"}, vai trò ${ROLE_LABEL[role]}, dùng một lần, hết hạn ngày ${formatDate(inv.expiresAt)}).\n` +
      `Người được mời gõ: đăng ký ${inv.code}`,
  );
};
