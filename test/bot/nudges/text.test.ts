import { describe, expect, it } from "vitest";
import { daysLeftText, longDate, renderPayload } from "../../../bot/nudges/text";
import { HONGLINH_TITLE } from "./fixtures";

describe("nudge texts", () => {
  it("counts days left from the day it is read", () => {
    expect(daysLeftText("2023-06-02", "2023-06-09")).toBe("còn 7 ngày");
    expect(daysLeftText("2023-06-09", "2023-06-09")).toBe("hôm nay là hạn cuối");
    expect(daysLeftText("2023-06-12", "2023-06-09")).toBe("đã quá hạn 3 ngày");
    expect(longDate("2023-11-24")).toBe("Thứ Sáu, 24/11/2023");
  });

  it("a nudge set by the office says so; a summary lists each unit with its latest status", () => {
    const [nudge] = renderPayload(
      { kind: "nudge", planId: "p", planTitle: HONGLINH_TITLE, obligationId: "o1", task: "Báo cáo", period: "half_year", periodKey: "2023-H1", lastDay: "2023-06-15", dueText: "ngày 15/6", setByOffice: true, afterSnooze: false },
      "2023-06-12",
    );
    expect(nudge.kind === "text" && nudge.text).toContain("Hạn cuối: Thứ Năm, 15/6/2023 (hạn do văn phòng đặt, kế hoạch không nêu ngày), còn 3 ngày.");
    const [summary] = renderPayload(
      {
        kind: "escalation",
        date: "2023-06-12",
        items: [{ planId: "p", planTitle: HONGLINH_TITLE, obligationId: "o1", task: "Báo cáo", periodKey: "2023-H1", lastDay: "2023-06-09", setByOffice: false, units: [{ id: 1, name: "UBND xã Thuận Lộc" }, { id: 2, name: "UBND phường Bắc Hồng", status: "đang thực hiện", percent: 60 }, { id: 3, name: "Phòng Tư pháp", status: "vướng mắc", percent: null }] }],
      },
      "2023-06-12",
    );
    expect(summary.kind === "text" && summary.text).toMatch(/^📋 Tổng hợp ngày 12\/6\/2023[\s\S]*đã quá hạn 3 ngày[\s\S]*\n {3}- UBND xã Thuận Lộc: chưa cập nhật\n {3}- UBND phường Bắc Hồng: đang thực hiện 60%\n {3}- Phòng Tư pháp: vướng mắc$/);
  });
});
