// The web page as a user meets it, in real headless Chromium against the real server, on a phone
// (390x844) and a laptop (1280x800): the first screen, no horizontal scroll on any screen (the
// update form included), no serious or critical axe-core violation, and a coordinator who clicks
// the report link and gets a .docx that holds the entries. Screenshots go to test-output/.
import { mkdirSync, readFileSync } from "node:fs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { axeViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { startHarness, type Harness } from "./harness";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  mkdirSync("test-output", { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function open(size: { width: number; height: number }): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the page itself runs under its CSP.
  const context = await browser.newContext({ viewport: size, bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(h.server.url + "/");
  await page.locator("#plans li").first().waitFor();
  return page;
}

/** Widths wider than the viewport: the document, and any element that sticks out on the right. */
async function overflow(page: Page): Promise<{ doc: number; view: number; wide: string[] }> {
  // A string, so this Node-typed file needs no DOM types.
  return page.evaluate(`(() => {
    const view = document.documentElement.clientWidth;
    const wide = [];
    for (const e of Array.from(document.querySelectorAll("body *"))) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > view + 1 && !e.closest(".visually-hidden")) wide.push(e.tagName.toLowerCase() + "." + e.className + " " + Math.round(r.right));
    }
    return { doc: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), view, wide: wide.slice(0, 5) };
  })()`);
}

async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator("#log li.bot:not(.waiting)").count();
  await page.fill("#text", text);
  await page.click("#send");
  await expect.poll(() => page.locator("#log li.bot:not(.waiting)").count(), { timeout: 30_000 }).toBeGreaterThan(before);
}

describe.each(SIZES)("the web page at $width x $height", (size) => {
  it("greets, lists the loaded plans and offers four example questions, without horizontal scroll or serious accessibility problems", async () => {
    const page = await open(size);
    expect(await page.locator("#greeting").innerText()).toMatch(/Trợ lý Kế hoạch/);
    const plans = await page.locator("#plans li").allInnerTexts();
    expect(plans.length).toBeGreaterThanOrEqual(4);
    expect(plans.join("\n")).toMatch(/đang thực hiện|đã hết thời hạn/);
    expect(await page.locator("#examples button").count()).toBe(4);
    expect(await overflow(page)).toMatchObject({ wide: [] });
    const o = await overflow(page);
    expect(o.doc).toBeLessThanOrEqual(o.view);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `test-output/web-welcome-${size.name}.png` });

    // An example question: the answer's fact first, its sources folded, the answer in view.
    await page.locator("#name").fill("Nguyễn Văn A");
    await page.locator("#examples button").first().click();
    const reply = page.locator("#log li.bot:not(.waiting)").first();
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.locator(".text").innerText()).toContain("10/6");
    expect(await reply.locator("details.sources").count()).toBe(1);
    expect(await reply.locator("details.sources").getAttribute("open")).toBeNull();
    await reply.locator("details.sources summary").click();
    expect(await reply.locator(".citation").first().isVisible()).toBe(true);
    // The last citation is not hidden under the input bar.
    const citeBox = await reply.locator(".citation").last().boundingBox();
    const barBox = await page.locator("#ask").boundingBox();
    await reply.locator(".citation").last().scrollIntoViewIfNeeded();
    const cite2 = await reply.locator(".citation").last().boundingBox();
    expect(cite2 && barBox && cite2.y + cite2.height <= barBox.y + 1, `citation ${JSON.stringify(citeBox)} bar ${JSON.stringify(barBox)}`).toBe(true);
    expect(await overflow(page)).toMatchObject({ wide: [] });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `test-output/web-answer-${size.name}.png` });
    await page.context().close();
  });
});

describe("the web page for a coordinator", () => {
  it("on a phone: the labelled update form fits, then the report link downloads a .docx with the entry", async () => {
    const unit = await ensureUnit(h.app.db, "Phòng Nội vụ", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "coordinator", now: new Date(), days: 30 });
    const page = await open(SIZES[0]);
    await page.fill("#name", "Lê Thị C");
    await say(page, `đăng ký ${invite.code}`);
    await say(page, "cập nhật");
    const form = page.locator("#log li.bot form.update").last();
    await form.waitFor();
    // Every field has a label; the period defaults to the current reporting period (the first option).
    for (const name of ["obligation", "period", "status", "percent", "note"]) {
      const label = await form.locator(`[name=${name}]`).evaluate((e) => (e as unknown as { labels: { textContent: string | null }[] | null }).labels?.[0]?.textContent ?? "");
      expect(label.trim(), name).not.toBe("");
    }
    const periods = await form.locator("select[name=period] option").allInnerTexts();
    expect(periods[0]).toMatch(/^6 tháng (đầu|cuối) năm \d{4}$/);
    expect(await overflow(page)).toMatchObject({ wide: [] });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-output/web-form-phone.png" });
    // The narrowest phones (320 px) do not scroll sideways either.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await overflow(page)).toMatchObject({ wide: [] });
    await page.screenshot({ path: "test-output/web-form-320.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    // The submit button is on screen.
    const button = await form.locator("button[type=submit]").boundingBox();
    expect(button && button.x >= 0 && button.x + button.width <= 390).toBe(true);

    await form.locator("select[name=status]").selectOption("đang thực hiện");
    await form.locator("input[name=percent]").fill("70");
    await form.locator("textarea[name=note]").fill("đã tổng hợp số liệu 4 phường");
    await form.locator("button[type=submit]").click();
    await expect.poll(async () => (await page.locator("#log li.bot:not(.waiting)").last().innerText()), { timeout: 30_000 }).toMatch(/Đã ghi nhận[\s\S]*Kỳ báo cáo: (.+)/);
    const echo = await page.locator("#log li.bot:not(.waiting)").last().innerText();
    expect(echo).toContain(`Kỳ báo cáo: ${periods[0]}`);

    // The draft report covers the plans whose years include the period: an entry of the Hồng Lĩnh
    // plan's year, then its report.
    await say(page, "cập nhật báo cáo 6 tháng cuối năm 2023: đang thực hiện 70%, đã tổng hợp số liệu 4 phường");
    if (/nhiệm vụ nào/.test(await page.locator("#log li.bot:not(.waiting)").last().innerText())) await say(page, "1");
    await say(page, "xuất báo cáo 6 tháng cuối năm 2023");
    const link = page.locator("#log li.bot a[download]").last();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("đã tổng hợp số liệu 4 phường");
    expect(xml).toMatch(/2023/);
    await page.screenshot({ path: "test-output/web-report-phone.png" });
    await page.context().close();
  });

  it("keeps the typed question when the name is empty, and serves the icon", async () => {
    const page = await open(SIZES[1]);
    await page.fill("#name", "");
    await page.fill("#text", "khi nào nộp báo cáo năm?");
    await page.click("#send");
    await expect.poll(() => page.locator("#error").innerText()).toContain("nhập tên");
    expect(await page.inputValue("#text")).toBe("khi nào nộp báo cáo năm?");
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("name");
    expect(await page.locator("#log li").count()).toBe(0);
    const icon = await fetch(`${h.server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/png");
    await page.context().close();
  });
});
