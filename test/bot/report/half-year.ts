// A scripted half-year for the report, the board and the chat summary: an office with three units
// (Phòng Nội vụ coordinating, Văn hóa - Thông tin and Tư pháp), the 2027 plan, a 2023 plan (not
// current) and a 2025-2028 programme of the province (current, no entries, no office units), and
// updates of every status sent by chat.
import { createCore } from "../../../bot/core/router";
import { defaultHandlers } from "../../../bot/core/handlers";
import type { OutgoingMessage } from "../../../bot/messages";
import { ingestPlan } from "../../../bot/plans/library";
import type { OfficeSettings } from "../../../bot/report/model";
import type { Db } from "../../../bot/storage/db";
import { createInvite } from "../../../bot/users/invites";
import { ensureUnit } from "../../../bot/users/units";
import type { Obligation } from "../../../knowledge/types";
import { FakeAnswerer, msgFrom, silentLog, testPlan } from "../fixtures";

export const OFFICE: OfficeSettings = {
  parent: null,
  name: "Ủy ban nhân dân thị xã Hồng Lĩnh",
  symbol: "UBND",
  place: "Hồng Lĩnh",
  signAs: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
  signer: null,
};

export const RECIPIENT = "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)";

/** The office's plan for `year`, a plan of 2023 and a programme running through `year`. */
export function plans(year = 2027) {
  const base = testPlan();
  const current = testPlan({
    id: `thixa-${year}`,
    sha256: "a".repeat(64),
    meta: { ...base.meta, title: `Kế hoạch thực hiện công tác Dân vận chính quyền năm ${year}`, number: "12/KH-UBND", date: `15/01/${year}`, period: { from: year, to: year } },
    obligations: base.obligations.map((o): Obligation => (o.id === "o2" ? { ...o, recipient: RECIPIENT } : o)),
  });
  const old = testPlan({
    id: "thixa-2023",
    sha256: "b".repeat(64),
    meta: { ...base.meta, title: "Kế hoạch thực hiện công tác dân vận chính quyền năm 2023", period: { from: 2023, to: 2023 } },
    obligations: [{ ...base.obligations[2], id: "q1", task: "tổ chức hội nghị sơ kết công tác tiếp dân năm 2023", schedule: [{ period: "yearly", due: null }] }],
  });
  const programme = testPlan({
    id: `ctr-tinh-${year - 2}-${year + 1}`,
    sha256: "c".repeat(64),
    meta: { ...base.meta, title: `Chương trình phối hợp về công tác dân vận giai đoạn ${year - 2} - ${year + 1}`, number: null, issuer: "Ban Dân vận Tỉnh ủy", period: { from: year - 2, to: year + 1 } },
    obligations: [{ ...base.obligations[4], id: "p1", responsible: ["Ban Dân vận Tỉnh ủy"], task: "Thực hiện chế độ thông tin, báo cáo hai chiều về kết quả công tác dân vận 6 tháng, năm", schedule: [{ period: "half_year", due: null }] }],
  });
  return [current, old, programme];
}

export interface Office {
  say(user: string, text: string, at?: Date): Promise<string>;
  handle(user: string, text: string, at?: Date): Promise<OutgoingMessage[]>;
}

const textOf = (out: OutgoingMessage[]) => out.map((m) => (m.kind === "file" ? `[file ${m.fileName}] ${m.caption}` : m.kind === "text" ? m.text : m.text)).join("\n");

/** Ingests the plans and registers lan (Nội vụ, coordinator), minh (Văn hóa), hoa (Tư pháp). */
export async function setUpOffice(db: Db, now: Date, boardUrl: string | null = "http://localhost:3978/board"): Promise<Office> {
  for (const p of plans()) await ingestPlan(db, p, now);
  const core = createCore({ db, answerer: new FakeAnswerer(), log: silentLog, handlers: defaultHandlers({ office: OFFICE, boardUrl }) });
  const handle = (user: string, text: string, at = now) => core.handle(msgFrom(user, text, at));
  const say = async (user: string, text: string, at = now) => textOf(await handle(user, text, at));
  for (const [user, unit, role] of [
    ["lan", "Phòng Nội vụ", "coordinator"],
    ["minh", "Phòng Văn hóa - Thông tin", "member"],
    ["hoa", "Phòng Tư pháp", "member"],
  ] as const) {
    const u = await ensureUnit(db, unit, "admin");
    const code = (await createInvite(db, { unitId: u.id, role, now, days: 30 })).code;
    const r = await say(user, `đăng ký ${code}`);
    if (!r.includes("thành công")) throw new Error(`registration failed: ${r}`);
  }
  return { say, handle };
}

/** The half-year's updates by chat, one of each status; returns the replies. */
export async function sendUpdates(o: Office, at: Date): Promise<string[]> {
  const out: string[] = [];
  const say = async (user: string, text: string) => {
    out.push(await o.say(user, text, at));
    return out.at(-1) ?? "";
  };
  const first = await say("lan", "cập nhật báo cáo 6 tháng: đang thực hiện 80%, còn chờ số liệu phường Bắc Hồng");
  if (/nhiệm vụ nào/.test(first)) await say("lan", "1");
  const second = await say("lan", "cập nhật quy chế dân chủ ở cơ sở: chưa bắt đầu");
  if (/nhiệm vụ nào/.test(second)) await say("lan", "2");
  await say("minh", "cập nhật tuyên truyền Dân vận khéo: đã xong 100%");
  await say("hoa", "cập nhật phổ biến pháp luật: vướng mắc 30%, chưa có kinh phí in tài liệu");
  return out;
}
