// CSV injection: a note or a name that starts like a formula is exported as text.
import { describe, expect, it } from "vitest";
import { neutraliseCsvCell } from "../../bot/report/csv-cell";
import type { ReportModel } from "../../bot/report/model";
import { renderCsv } from "../../bot/report/render-text";

describe("CSV cells are neutralised (OWASP CSV injection)", () => {
  it("prefixes a quote to cells that start with = + - @ tab or CR, and leaves others alone", () => {
    for (const bad of ["=2+3", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"]) expect(neutraliseCsvCell(bad)).toBe(`'${bad}`);
    for (const ok of ["đã xong 80%", "2+3=5", "", "Phòng Nội vụ", "50"]) expect(neutraliseCsvCell(ok)).toBe(ok);
  });

  it("the exported report shows a formula note and a HYPERLINK name as text", () => {
    const row = { unitId: 1, unitName: "=HYPERLINK(\"http://x\",\"bấm\")", status: "đang thực hiện" as const, percent: 50, note: "=2+3", reporterName: "@Ana", doneOn: null, updatedAt: null };
    const model: ReportModel = {
      period: "2026-H1", periodLabel: "6 tháng đầu năm 2026", unitName: null, entryCount: 1,
      plans: [{ planId: "p", title: "Kế hoạch", sections: [{ title: "I", obligations: [{ obligationId: "o", task: "+task", responsible: [], rows: [row] }] }], others: [] }],
    } as unknown as ReportModel;
    const csv = renderCsv(model);
    const line = csv.split("\r\n")[1];
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(line).toContain(",'=2+3,");
    expect(line).toContain(",'@Ana,");
    expect(line).toContain(",'+task,");
    expect(line).not.toMatch(/(^|,)[=+@-]/);
  });
});
