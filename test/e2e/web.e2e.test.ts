// The web chat page in headless Chromium against the real server: ask, see the answer and its
// citation, a screenshot in test-output/. Plus the JSON endpoint's limits over HTTP.
import { readyBody } from "../support/ready";
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { launchBrowser } from "../support/browser";
import { postJson, startHarness, type Harness } from "./harness";

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe("web chat page", () => {
  it("answers a question with its citation, on a phone-sized screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(h.server.url + "/");
    expect(await page.title()).toBe("Trợ lý Kế hoạch");
    await page.fill("#name", "Nguyễn Văn A");
    await page.fill("#text", "khi nao nop bao cao 6 thang");
    await page.click("#send");
    const reply = page.locator("#log li.bot:not(.waiting)").first();
    await reply.waitFor({ timeout: 20_000 });
    expect(await reply.locator(".text").innerText()).toContain("10/6");
    // Sources are folded under the answer: open them.
    await reply.locator("details.sources summary").click();
    const citations = await reply.locator(".citation").allInnerTexts();
    expect(citations.length).toBeGreaterThan(0);
    expect(citations[0]).toContain("Chế độ thông tin báo cáo");
    // The answer text already quotes the source: the page adds a compact source line, not the quote again.
    const quote = /“([^”]{20,})”\s*$/.exec(await reply.locator(".text").innerText())?.[1];
    expect(quote, "the answer text ends with the quoted source").toBeTruthy();
    const whole = await reply.innerText();
    expect(whole.split(quote ?? "").length - 1).toBe(1);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "tlkh_sid")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    mkdirSync("test-output", { recursive: true });
    await page.screenshot({ path: "test-output/web-chat.png", fullPage: true });
    await page.close();
  });

  it("opens the update form on 'cập nhật' and stores what the form submits", async () => {
    const unit = await ensureUnit(h.app.db, "Phòng Nội vụ", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "member", now: new Date(), days: 30 });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(h.server.url + "/");
    await page.fill("#name", "Trần Thị B");
    // Waits for this message's own reply: the count of bot replies before it, plus one.
    const say = async (text: string) => {
      const before = await page.locator("#log li.bot:not(.waiting)").count();
      await page.fill("#text", text);
      await page.click("#send");
      await expect.poll(() => page.locator("#log li.bot:not(.waiting)").count(), { timeout: 20_000 }).toBeGreaterThan(before);
    };
    await say(`đăng ký ${invite.code}`);
    await say("cập nhật");
    const form = page.locator("#log li.bot form.update").last();
    const options = await form.locator("select[name=obligation] option").evaluateAll((os) => os.map((o) => o.getAttribute("value") ?? ""));
    expect(options.length, "the unit's obligations are offered").toBeGreaterThan(0);
    await form.locator("select[name=obligation]").selectOption(options[0]);
    await form.locator("select[name=status]").selectOption("vướng mắc");
    await form.locator("input[name=percent]").fill("30");
    await form.locator("textarea[name=note]").fill("chờ kinh phí");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => page.locator("#log li.bot:not(.waiting)").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.locator("#log li.bot:not(.waiting)").last().innerText()).toMatch(/Đã ghi nhận[\s\S]*vướng mắc \(30%\)[\s\S]*chờ kinh phí/);
    const [planId, obligationId] = options[0].split("/").map(decodeURIComponent);
    const rows = await h.app.db.query("SELECT plan_id, obligation_id, status, percent, note, channel FROM report_entries WHERE note = 'chờ kinh phí'");
    expect(rows).toEqual([{ plan_id: planId, obligation_id: obligationId, status: "vướng mắc", percent: 30, note: "chờ kinh phí", channel: "web" }]);
    await page.close();
  });

  it("asks for a name before sending", async () => {
    const page = await browser.newPage();
    await page.goto(h.server.url + "/");
    await page.fill("#text", "xin chào");
    await page.click("#send");
    await expect.poll(() => page.locator("#error").innerText()).toContain("nhập tên");
    expect(await page.locator("#log li").count()).toBe(0);
    await page.close();
  });
});

describe("web chat endpoint over HTTP", () => {
  it("refuses bad input with a 4xx and the reason", async () => {
    expect((await postJson(`${h.server.url}/api/chat`, { text: "x" })).status).toBe(400);
    const tooBig = await postJson(`${h.server.url}/api/chat`, { name: "A", text: "x".repeat(40_000) });
    expect(tooBig.status).toBe(413);
    const notJson = await fetch(`${h.server.url}/api/chat`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
  });

  it("serves health checks and refuses a forged download link", async () => {
    expect((await fetch(`${h.server.url}/healthz`)).status).toBe(200);
    expect(await readyBody(h.server.url)).toMatchObject({ ok: true, zalo: "off" });
    const forged = await fetch(`${h.server.url}/files/${"a".repeat(24)}/x.docx?exp=99999999999999&sig=forged`);
    expect(forged.status).toBe(404);
  });
});
