// Obligation ids come from content: an edit elsewhere in a plan keeps the other ids.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planFromText } from "../../../knowledge/load-plan";
import { assignObligationIds, obligationIdBase } from "../../../knowledge/obligations/ids";

const TEXT = readFileSync("test/fixtures/plans/shared/honglinh-2023.txt", "utf8");
const ADDED = "Phòng Tư pháp chủ trì tổ chức hội nghị tập huấn công tác hòa giải ở cơ sở, báo cáo kết quả trước ngày 30/9.";

describe("obligation ids", () => {
  const before = planFromText("honglinh-2023", TEXT);

  it("are content-derived and unique within the plan", () => {
    expect(before.obligations.length).toBeGreaterThan(5);
    for (const o of before.obligations) expect(o.id).toMatch(/^o-[0-9a-f]{8}(?:-\d+)?$/);
    expect(new Set(before.obligations.map((o) => o.id)).size).toBe(before.obligations.length);
  });

  it("inserting a paragraph earlier in the plan keeps the ids of the later obligations", () => {
    // Insert a new paragraph just before the line of the first obligation.
    const first = before.obligations[0];
    const lineStart = TEXT.lastIndexOf("\n", TEXT.indexOf(first.quote.slice(0, 40))) + 1;
    expect(lineStart).toBeGreaterThan(0);
    const edited = `${TEXT.slice(0, lineStart)}${ADDED}\n${TEXT.slice(lineStart)}`;
    const after = planFromText("honglinh-2023", edited);

    const added = after.obligations.filter((o) => o.quote.includes("hòa giải ở cơ sở"));
    expect(added).toHaveLength(1);
    const rest = after.obligations.filter((o) => o !== added[0]);
    // Same obligations, same ids (by quote), although every position moved by one.
    expect(rest.map((o) => [o.id, o.quote])).toEqual(before.obligations.map((o) => [o.id, o.quote]));
    expect(before.obligations.map((o) => o.id)).not.toContain(added[0].id);
  });

  it("rewording one sentence changes only that obligation's id", () => {
    const target = before.obligations[before.obligations.length - 1];
    const words = target.quote.split(" ");
    const changed = TEXT.replace(words.slice(0, 6).join(" "), `${words.slice(0, 6).join(" ")} kịp thời`);
    expect(changed).not.toBe(TEXT);
    const after = planFromText("honglinh-2023", changed);
    const same = after.obligations.filter((o) => before.obligations.some((b) => b.id === o.id));
    expect(same.length).toBe(before.obligations.length - 1);
    expect(after.obligations.map((o) => o.id)).not.toContain(target.id);
  });

  it("a repeated sentence in one section gets a -2 suffix; case, diacritics and spacing do not matter", () => {
    const ids = assignObligationIds([
      { sectionTitle: "Chế độ báo cáo", quote: "Báo cáo 6 tháng trước ngày 10/6." },
      { sectionTitle: "Chế độ báo cáo", quote: "Báo cáo 6 tháng trước ngày 10/6." },
      { sectionTitle: "Chế độ báo cáo", quote: "Báo cáo năm trước ngày 25/11." },
    ]);
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(ids[2]).not.toBe(ids[0]);
    expect(obligationIdBase("CHẾ ĐỘ  BÁO CÁO", "bao cao 6 thang truoc ngay 10/6.")).toBe(ids[0]);
    expect(obligationIdBase("Nhiệm vụ khác", "Báo cáo 6 tháng trước ngày 10/6.")).not.toBe(ids[0]);
  });
});
