// The officeDates option: an office's date answers a period the plan leaves undated, never one the
// plan dates itself.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { KnowledgeEngine } from "../../../knowledge/answer/engine";
import { officeItemsThatApply, type OfficeDate } from "../../../knowledge/answer/office-dates";
import { planFromText } from "../../../knowledge/load-plan";
import type { Plan } from "../../../knowledge/types";

const now = new Date("2026-03-15T03:00:00Z");
let plan: Plan;
let engine: KnowledgeEngine;
let office: OfficeDate[];

beforeAll(async () => {
  plan = planFromText("thuanhoa-2026", readFileSync("test/fixtures/plans/office/thuanhoa-2026.txt", "utf8"));
  engine = await KnowledgeEngine.build([plan]);
  const half = plan.obligations.find((o) => o.schedule.some((s) => s.period === "half_year" && !s.due))!;
  const year = plan.obligations.find((o) => o.schedule.some((s) => s.period === "yearly" && s.due))!;
  office = [
    { planId: plan.id, obligationId: half.id, period: "half_year", due: { day: 15, month: 6, before: false, text: "ngày 15/6" } },
    // The plan dates the annual report itself: this must be ignored.
    { planId: plan.id, obligationId: year.id, period: "yearly", due: { day: 1, month: 12, before: false, text: "ngày 1/12" } },
  ];
});

describe("office-set dates", () => {
  it("answer the undated period, saying the office set it", async () => {
    const a = await engine.answer("khi nào nộp báo cáo 6 tháng", { now, officeDates: office });
    expect(a.text).toContain("Hạn do văn phòng đặt (kế hoạch không nêu ngày): ngày 15/6");
    expect(a.next).toMatchObject({ date: "2026-06-15", daysLeft: 92, plan: plan.id });
    const without = await engine.answer("khi nào nộp báo cáo 6 tháng", { now });
    expect(without.text).toContain("không nêu ngày cụ thể");
    expect(without.next).toBeNull();
  });

  it("never replace a date the plan states", async () => {
    const a = await engine.answer("hạn nộp báo cáo năm", { now, officeDates: office });
    expect(a.text).toContain("trước ngày 20/11/2026");
    expect(a.text).not.toContain("1/12");
    expect(a.text).not.toContain("văn phòng");
    expect(officeItemsThatApply([{ period: "yearly", due: { day: 20, month: 11, before: true, text: "x" } }], [{ period: "yearly", due: office[1].due }])).toEqual([]);
  });
});
