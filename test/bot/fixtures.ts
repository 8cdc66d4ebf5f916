// A small plan written by hand for the bot tests (the bot must not depend on extraction quality),
// a fake answerer (the LLM-free engine is tested in its own suite) and helpers to build messages.
import { createHash } from "node:crypto";
import pino from "pino";
import type { Answer, Obligation, Plan, Section } from "../../knowledge/types";
import type { Answerer } from "../../bot/core/answerer";
import type { IncomingMessage } from "../../bot/messages";

const TEXT = `KẾ HOẠCH Thực hiện công tác dân vận chính quyền năm 2026
I. NHIỆM VỤ TRỌNG TÂM
1. Tuyên truyền
Phòng Văn hóa - Thông tin tuyên truyền phong trào thi đua "Dân vận khéo" trên các phương tiện thông tin.
2. Đối thoại
Ủy ban nhân dân các phường tổ chức đối thoại với nhân dân hàng năm.
II. TỔ CHỨC THỰC HIỆN
1. Chế độ báo cáo
Phòng Nội vụ tổng hợp báo cáo 6 tháng (trước ngày 10/6) và báo cáo năm (trước ngày 25/11) gửi Ủy ban nhân dân thị xã.
Phòng Nội vụ báo cáo kết quả thực hiện quy chế dân chủ ở cơ sở định kỳ 6 tháng.
Phòng Tư pháp báo cáo công tác phổ biến pháp luật hàng năm.`;

function section(id: string, number: string, title: string, level: number, parentId: string | null, path: string): Section {
  return { id, number, title, level, parentId, path, start: 0, end: 0 };
}

function ob(id: string, sectionId: string, sectionPath: string, responsible: string[], task: string, schedule: Obligation["schedule"]): Obligation {
  const start = Math.max(0, TEXT.indexOf(task.slice(0, 20)));
  return { id, sectionId, section: sectionPath, responsible, task, recipient: null, schedule, quote: task, span: { start, end: start + task.length } };
}

const S1 = "I. NHIỆM VỤ TRỌNG TÂM › 1. Tuyên truyền";
const S2 = "I. NHIỆM VỤ TRỌNG TÂM › 2. Đối thoại";
const S3 = "II. TỔ CHỨC THỰC HIỆN › 1. Chế độ báo cáo";

export function testPlan(over: Partial<Plan> = {}): Plan {
  const text = over.text ?? TEXT;
  return {
    id: "thixa-2026",
    file: "thixa-2026.txt",
    sha256: createHash("sha256").update(text).digest("hex"),
    meta: { number: "12/KH-UBND", title: "Kế hoạch thực hiện công tác dân vận chính quyền năm 2026", issuer: "Ủy ban nhân dân thị xã", place: null, date: null, period: { from: 2026, to: 2026 }, signers: [] },
    text,
    offsetRuns: [[0, 0]],
    sections: [
      section("s0", "I", "NHIỆM VỤ TRỌNG TÂM", 1, null, "I. NHIỆM VỤ TRỌNG TÂM"),
      section("s1", "1", "Tuyên truyền", 2, "s0", S1),
      section("s2", "2", "Đối thoại", 2, "s0", S2),
      section("s3", "II", "TỔ CHỨC THỰC HIỆN", 1, null, "II. TỔ CHỨC THỰC HIỆN"),
      section("s4", "1", "Chế độ báo cáo", 2, "s3", S3),
    ],
    sentences: [],
    obligations: [
      ob("o0", "s1", S1, ["Phòng Văn hóa - Thông tin"], 'tuyên truyền phong trào thi đua "Dân vận khéo" trên các phương tiện thông tin', [{ period: "ad_hoc", due: null }]),
      ob("o1", "s2", S2, ["Ủy ban nhân dân các phường"], "tổ chức đối thoại với nhân dân hàng năm", [{ period: "yearly", due: null }]),
      ob("o2", "s4", S3, ["Phòng Nội vụ"], "tổng hợp báo cáo 6 tháng và báo cáo năm gửi Ủy ban nhân dân thị xã", [
        { period: "half_year", due: { day: 10, month: 6, before: true, text: "trước ngày 10/6" } },
        { period: "yearly", due: { day: 25, month: 11, before: true, text: "trước ngày 25/11" } },
      ]),
      ob("o3", "s4", S3, ["Phòng Nội vụ"], "báo cáo kết quả thực hiện quy chế dân chủ ở cơ sở định kỳ 6 tháng", [{ period: "half_year", due: null }]),
      ob("o4", "s4", S3, ["Phòng Tư pháp"], "báo cáo công tác phổ biến pháp luật hàng năm", [{ period: "yearly", due: null }]),
    ],
    ...over,
  };
}

/** Answers every question with a fixed sentence and records what it was asked. */
export class FakeAnswerer implements Answerer {
  readonly asked: { question: string; planId: string | null | undefined }[] = [];
  async answer(question: string, o: { planId?: string | null; now: Date }): Promise<Answer> {
    this.asked.push({ question, planId: o.planId });
    return { answered: true, kind: "deadline", language: "vi", text: `Trả lời: ${question}`, citations: [], via: "extractive" };
  }
}

export const silentLog = pino({ level: "silent" });

let seq = 0;
export function msgFrom(user: string, text: string, now: Date, over: Partial<IncomingMessage> = {}): IncomingMessage {
  seq += 1;
  return { channel: "console", messageId: `m${seq}-${user}`, channelUserId: user, userName: user, isGroup: false, text, receivedAt: now, ...over };
}
