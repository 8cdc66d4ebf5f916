// The ask and eval commands as a user runs them (tsx, real plan files from test/fixtures).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const tsx = join("node_modules", ".bin", "tsx");
const plans = "test/fixtures/answer/plans";
const env = { ...process.env, OPENAI_API_KEY: "", LLM_MODEL: "", EMBEDDINGS_MODEL: "" };
const dir = mkdtempSync(join(tmpdir(), "cli-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("eval", () => {
  it("loads the plans into a temporary store, writes one JSON line per question and a closing score line", async () => {
    const out = join(dir, "answers.jsonl");
    const { stdout } = await run(tsx, ["scripts/eval.ts", "--plans", plans, "--questions", "test/fixtures/answer/questions.jsonl", "--now", "2025-05-01", "--out", out], { env });
    const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(37);
    expect(Object.keys(lines[0]).sort()).toEqual(["answered", "citations", "id", "text"]);
    expect(lines[0].citations[0]).toEqual({ plan: "vinhbao-2025", section: expect.any(String), quote: expect.stringContaining("10/6") });
    expect(stdout).toMatch(/score by kind:\n\s+deadline\s+\d+\/8/);
    const m = /(\d+) passed, (\d+) failed\n$/.exec(stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(31);
    expect(lines.filter((l) => ["h14", "h15", "h24", "b11", "b12"].includes(l.id)).every((l) => l.answered === false)).toBe(true);
  });

  it("says what is missing on bad arguments", async () => {
    await expect(run(tsx, ["scripts/eval.ts", "--plans", plans], { env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Both --plans and --questions") });
    await expect(run(tsx, ["scripts/eval.ts", "--plans", plans, "--questions", "q.jsonl", "--now", "2025-13-01"], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining("--now must be a date"),
    });
  });
});

describe("ask", () => {
  it("answers one question, as text or JSON", async () => {
    const { stdout } = await run(tsx, ["scripts/ask.ts", "--plans", plans, "--plan", "vinhbao-2025", "--now", "2025-05-01", "han nop bao cao 6 thang"], { env });
    expect(stdout).toContain("trước ngày 10/6");
    expect(stdout).toContain("còn 39 ngày");
    const json = await run(tsx, ["scripts/ask.ts", "--plans", plans, "--now", "2025-05-01", "--json", "Xã An Phú thuộc huyện nào?"], { env });
    const a = JSON.parse(json.stdout);
    expect(a).toMatchObject({ answered: true, kind: "content", language: "vi", via: "extractive" });
    expect(a.text).toContain("Châu Thành");
  });

  it("rejects an unknown plan with the list of known ones", async () => {
    await expect(run(tsx, ["scripts/ask.ts", "--plans", plans, "--plan", "nope", "câu hỏi"], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("anphu-2024, vinhbao-2025"),
    });
  });
});
