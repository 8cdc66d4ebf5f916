// The update rules on their own: status words with and without diacritics, percent, period, date, note.
import { describe, expect, it } from "vitest";
import { UserInputError } from "../../../bot/errors";
import { looksLikeUpdate, parseEdit, parseUpdate } from "../../../bot/updates/parse";
import { periodLabel, periodWithin, periodsWithin } from "../../../knowledge/time";
import { findStatus } from "../../../bot/updates/status";

const TODAY = "2026-03-15";

describe("parseUpdate", () => {
  it("reads the three examples of the issue", () => {
    expect(parseUpdate("cập nhật báo cáo 6 tháng: đã xong 80%, còn chờ số liệu phường Bắc Hồng", TODAY)).toEqual({
      topic: "báo cáo 6 tháng",
      status: "đang thực hiện",
      percent: 80,
      note: "còn chờ số liệu phường Bắc Hồng",
      period: "2026-H1",
      periodExplicit: true,
      doneOn: null,
    });
    expect(parseUpdate("tiến độ tuyên truyền Dân vận khéo: đang làm", TODAY)).toMatchObject({ topic: "tuyên truyền Dân vận khéo", status: "đang thực hiện", percent: null, period: "2026-H1", periodExplicit: false });
    expect(parseUpdate("bc nam da gui ngay 20/11", TODAY)).toMatchObject({ topic: "bc nam", status: "hoàn thành", percent: 100, period: "2025", doneOn: "2025-11-20", note: "" });
  });

  it("reads periods from words, an explicit year and the date", () => {
    expect(parseUpdate("cập nhật báo cáo quý 2: đang làm 40%", TODAY)?.period).toBe("2026-Q2");
    expect(parseUpdate("cap nhat bao cao quy III: xong", TODAY)?.period).toBe("2026-Q3");
    expect(parseUpdate("cập nhật báo cáo 6 tháng cuối năm 2025: hoàn thành", TODAY)?.period).toBe("2025-H2");
    expect(parseUpdate("cập nhật báo cáo 9 tháng: chưa bắt đầu", TODAY)).toMatchObject({ period: "2026-9M", status: "chưa bắt đầu", percent: 0 });
    expect(parseUpdate("cập nhật báo cáo tháng 9: đang làm", TODAY)?.period).toBe("2026-09");
    expect(parseUpdate("hội nghị đối thoại đã tổ chức ngày 5/8", "2026-09-01")).toMatchObject({ period: "2026-H2", doneOn: "2026-08-05" });
  });

  it("keeps names out of status and period words", () => {
    expect(findStatus("công tác Đảng")).toBeNull();
    expect(findStatus("đồng chí Vương")).toBeNull();
    expect(findStatus("vướng mắc về kinh phí")?.status).toBe("vướng mắc");
    expect(findStatus("chua xong")?.status).toBe("đang thực hiện");
    expect(parseUpdate("cập nhật tuyên truyền ở Tây Nam: đang làm", TODAY)?.period).toBe("2026-H1");
  });

  it("tells questions from updates", () => {
    expect(looksLikeUpdate("khi nao nop bao cao 6 thang")).toBe(false);
    expect(looksLikeUpdate("khi nào phải hoàn thành báo cáo năm?")).toBe(false);
    expect(looksLikeUpdate("bc quy 2 dang lam 50%")).toBe(true);
    expect(looksLikeUpdate("cập nhật đối thoại")).toBe(true);
    expect(parseUpdate("cập nhật đối thoại", TODAY)).toBeNull();
  });

  it("rejects impossible percents and dates with the fix in the message", () => {
    expect(() => parseUpdate("cập nhật: đã xong 180%", TODAY)).toThrow(UserInputError);
    expect(() => parseUpdate("cập nhật: đã xong 180%", TODAY)).toThrow(/0 đến 100%/);
    expect(() => parseUpdate("bc nam da gui ngay 31/02", TODAY)).toThrow(/31\/02 không có thật/);
    expect(() => parseUpdate("đã gửi ngày 12/13", TODAY)).toThrow(/tháng 13 không tồn tại/);
    expect(parseUpdate("đã gửi ngày 29/02/2028", TODAY)?.doneOn).toBe("2028-02-29");
    // Not called a date and not one: words of the note ("còn chờ số liệu 20-14"), control characters dropped.
    expect(parseUpdate("cập nhật tuyên truyền: đang làm 40%, còn chờ số liệu 20-14", TODAY)).toMatchObject({ note: "còn chờ số liệu 20-14", doneOn: null, percent: 40 });
    expect(parseUpdate("cập nhật tuyên truyền: đang làm, mã 20-14\u0000/UBND", TODAY)).toMatchObject({ note: "mã 20-14/UBND", doneOn: null });
    expect(() => parseUpdate("cập nhật tuyên truyền: xong hôm 20-14", TODAY)).toThrow(/tháng 14 không tồn tại/);
  });

  it("reads edits", () => {
    expect(parseEdit("90%", TODAY)).toEqual({ percent: 90 });
    expect(parseEdit(": vướng mắc, chờ kinh phí", TODAY)).toEqual({ status: "vướng mắc", note: "chờ kinh phí" });
    expect(parseEdit("quý 2", TODAY)).toEqual({ period: "2026-Q2" });
  });
});

describe("periods", () => {
  it("nests and labels period keys", () => {
    expect(periodWithin("2026-Q2", "2026-H1")).toBe(true);
    expect(periodWithin("2026-07", "2026-H1")).toBe(false);
    expect(periodWithin("2026", "2026-H1")).toBe(false);
    expect(periodsWithin("2026-H1")).toEqual(["2026-H1", "2026-Q1", "2026-Q2", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(periodLabel("2026-H1")).toBe("6 tháng đầu năm 2026");
    expect(periodLabel("2026-H2")).toBe("6 tháng cuối năm 2026");
    expect(periodLabel("2026")).toBe("năm 2026");
    expect(periodLabel("2026-Q3")).toBe("quý III năm 2026");
    expect(periodLabel("2026-09")).toBe("tháng 9/2026");
    expect(periodLabel("2026-9M")).toBe("9 tháng năm 2026");
  });
});
