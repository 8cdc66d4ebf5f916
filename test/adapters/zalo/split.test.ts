import { describe, expect, it } from "vitest";
import { splitText } from "../../../adapters/zalo/split";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("Hạn nộp là 9/6/2023.", 100)).toEqual(["Hạn nộp là 9/6/2023."]);
  });

  it("splits at sentence ends, every piece under the limit, nothing lost", () => {
    const sentence = (i: number) => `Câu số ${i} nói về báo cáo 6 tháng của phòng Nội vụ.`;
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(" ");
    const pieces = splitText(text, 200);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p).toMatch(/\.$/); // ends at a sentence boundary
    }
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(text);
  });

  it("cuts a sentence longer than the limit at a space", () => {
    const long = "từ ".repeat(300).trim();
    const pieces = splitText(long, 100);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(100);
    expect(pieces.join(" ")).toBe(long);
  });

  it("splits at line breaks too", () => {
    const text = ["a".repeat(60), "b".repeat(60), "c".repeat(60)].join("\n");
    expect(splitText(text, 130)).toEqual(["a".repeat(60) + "\n" + "b".repeat(60), "c".repeat(60)]);
  });
});
