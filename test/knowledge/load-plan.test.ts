// Loading many plans: folders are read recursively, a bad file is reported and the rest load.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPlans, planFromText, type LoadProgress } from "../../knowledge/load-plan";
import { PlanLoadError } from "../../knowledge/types";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plans-"));
  cpSync("test/fixtures/plans/shared", join(dir, "shared"), { recursive: true });
  mkdirSync(join(dir, "shared", "nested"));
  cpSync("test/fixtures/plans/own/laocai-cds-2025-web.txt", join(dir, "shared", "nested", "laocai.txt"));
  writeFileSync(join(dir, "shared", "empty.md"), "");
  writeFileSync(join(dir, "shared", "notes.xlsx"), "ignored: not a plan extension");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadPlans", () => {
  it("loads folders recursively, reports the bad file and loads the others, with progress", async () => {
    const events: LoadProgress[] = [];
    const { plans, errors } = await loadPlans([join(dir, "shared"), join(dir, "missing")], (e) => events.push(e));
    expect(plans.map((p) => p.id).sort()).toEqual(["honglinh-2023", "laocai", "soctrang-2022-2026", "tayninh-thanhpho-2023", "tiencanh-2024"]);
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e instanceof PlanLoadError)).toBe(true);
    expect(errors.map((e) => e.file).sort()).toEqual([join(dir, "missing"), join(dir, "shared", "empty.md")].sort());
    expect(events).toHaveLength(6);
    expect(events.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.total === 6 && (e.plan !== undefined) !== (e.error !== undefined))).toBe(true);
  });

  it("gives each plan a stable id, sha256 and offsets", async () => {
    const { plans } = await loadPlans([join(dir, "shared", "honglinh-2023.txt")]);
    const [p] = plans;
    expect(p.id).toBe("honglinh-2023");
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(p.offsetRuns[0][0]).toBe(0);
    expect(p.sections[0].id).toBe("s0");
    // Ids come from content (knowledge/obligations/ids.ts): "o-" + 8 hex, unique within the plan.
    expect(p.obligations.every((o) => /^o-[0-9a-f]{8}(?:-\d+)?$/u.test(o.id))).toBe(true);
    expect(new Set(p.obligations.map((o) => o.id)).size).toBe(p.obligations.length);
  });
});

describe("planFromText", () => {
  it("reads pasted text, Markdown when it looks like Markdown", () => {
    const p = planFromText(
      "paste",
      "## KẾ HOẠCH Kiểm tra công vụ năm 2025\n\n### II. TỔ CHỨC THỰC HIỆN\n\n#### 1. Phòng Nội vụ\n\nChủ trì kiểm tra; báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15/12/2025.",
    );
    expect(p.meta.title).toBe("Kế hoạch kiểm tra công vụ năm 2025");
    expect(p.obligations).toHaveLength(2);
    expect(p.obligations[1]).toMatchObject({ responsible: ["Phòng Nội vụ"], recipient: "Ủy ban nhân dân huyện", section: "II. TỔ CHỨC THỰC HIỆN › 1. Phòng Nội vụ" });
    expect(p.obligations[1].schedule).toEqual([{ period: "once", due: { day: 15, month: 12, year: 2025, before: true, text: "trước ngày 15/12/2025" } }]);
  });
  it("refuses text that is not a plan", () => {
    expect(() => planFromText("x", "hello world")).toThrow(PlanLoadError);
  });
});
