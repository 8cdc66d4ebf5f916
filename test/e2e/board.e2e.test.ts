// The progress board in headless Chromium against the real server (390 and 1280 px): three units
// register and send updates on the chat page, the coordinator sees them on the board with the
// right statuses and can download the report; a member sees their own row only and gets 403 for
// another unit's data; the next 30 days' deadlines follow new plans, office dates, updates and the
// filters. The server's clock is fixed (Saturday 5 June 2027, 10:00 in Hà Nội). Screenshots in
// test-output/.
import { mkdirSync } from "node:fs";
import JSZip from "jszip";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { axeViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPlan } from "../../bot/plans/library";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { plans } from "../bot/report/half-year";
import { testPlan } from "../bot/fixtures";
import { startHarness, type Harness } from "./harness";

let h: Harness;
let browser: Browser;
const contexts = new Map<string, { ctx: BrowserContext; page: Page }>();
const NOW = new Date("2027-06-05T03:00:00Z");
const YEAR = 2027;

beforeAll(async () => {
  h = await startHarness({}, { clock: () => NOW });
  for (const p of plans(YEAR)) await ingestPlan(h.app.db, p, NOW);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** A person on the chat page (a browser context of their own, so a session cookie of their own). */
async function person(name: string): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the pages themselves run under their CSP.
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(h.server.url + "/");
  await page.fill("#name", name);
  contexts.set(name, { ctx, page });
  return page;
}

/** Sends a message and returns the bot's reply; picks the office plan's task when asked which. */
async function say(page: Page, text: string, pick?: string): Promise<string> {
  const before = await page.locator("#log li.bot:not(.waiting)").count();
  await page.fill("#text", text);
  await page.click("#send");
  await expect.poll(() => page.locator("#log li.bot:not(.waiting)").count(), { timeout: 20_000 }).toBeGreaterThan(before);
  const reply = await page.locator("#log li.bot:not(.waiting)").last().innerText();
  if (pick && /nhiệm vụ nào/.test(reply)) {
    const line = reply.split("\n").find((l) => /^\d+\. /.test(l) && l.includes(pick));
    if (!line) throw new Error(`no choice with "${pick}" in: ${reply}`);
    return say(page, line.split(".")[0]);
  }
  return reply;
}

async function register(name: string, unit: string, role: "coordinator" | "member"): Promise<Page> {
  const u = await ensureUnit(h.app.db, unit, "admin");
  // Invited under the office's plan of the year (the sample plans name the same units).
  const invite = await createInvite(h.app.db, { unitId: u.id, role, planId: `thixa-${YEAR}`, now: NOW, days: 30 });
  const page = await person(name);
  expect(await say(page, `đăng ký ${invite.code}`)).toContain("thành công");
  return page;
}

async function openBoard(page: Page, width: number, query = ""): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${h.server.url}/board${query}`);
  await page.waitForSelector("body[data-ready='1']", { timeout: 20_000 });
}

async function cellStatus(page: Page, unit: string, taskWords: string): Promise<string | null> {
  const titles = await page.locator("#matrix thead th").evaluateAll((ths) => ths.map((t) => t.getAttribute("title") ?? ""));
  const col = titles.findIndex((t) => t.includes(taskWords));
  const row = page.locator(`#matrix tbody tr[data-unit="${unit}"]`);
  if (col < 0 || (await row.count()) !== 1) return null;
  return (await row.locator("td").nth(col).innerText()).replace(/\s+/g, " ").trim();
}

/** The next 30 days' list as drawn: plan, task, last day and the line's words. */
async function upcoming(page: Page): Promise<{ plan: string; task: string; due: string; text: string }[]> {
  return page.locator("#upcoming li").evaluateAll((lis) =>
    lis.map((li) => ({ plan: li.getAttribute("data-plan") ?? "", task: li.getAttribute("data-task") ?? "", due: li.getAttribute("data-due") ?? "", text: li.textContent ?? "" })),
  );
}

/** A plan of the Tư pháp office issued mid-year: one deadline in 14 days, one in 49 (outside the list). */
function lawPlan() {
  const base = testPlan();
  return testPlan({
    id: `tuphap-${YEAR}`,
    sha256: "e".repeat(64),
    meta: { ...base.meta, title: `Kế hoạch tuyên truyền, phổ biến giáo dục pháp luật năm ${YEAR}`, period: { from: YEAR, to: YEAR } },
    obligations: [
      { ...base.obligations[4], id: "t1", task: "tổ chức ngày hội pháp luật tại các phường", schedule: [{ period: "yearly", due: { day: 20, month: 6, before: true, text: "trước ngày 20/6" } }] },
      { ...base.obligations[4], id: "t2", task: "sơ kết công tác hòa giải ở cơ sở", schedule: [{ period: "yearly", due: { day: 25, month: 7, before: true, text: "trước ngày 25/7" } }] },
    ],
  });
}

describe("the progress board", () => {
  let lan: Page;
  let minh: Page;

  it("shows the coordinator the statuses of the updates sent by chat", async () => {
    lan = await register("Lê Thị Lan", "Phòng Nội vụ", "coordinator");
    minh = await register("Trần Văn Minh", "Phòng Văn hóa - Thông tin", "member");
    const hoa = await register("Phạm Thị Hoa", "Phòng Tư pháp", "member");
    expect(await say(lan, "cập nhật báo cáo 6 tháng: đang thực hiện 80%, còn chờ số liệu phường Bắc Hồng", "tổng hợp báo cáo 6 tháng và báo cáo năm")).toMatch(/Đã ghi nhận[\s\S]*80%/);
    expect(await say(minh, "cập nhật tuyên truyền Dân vận khéo: đã xong 100%", "Dân vận khéo")).toMatch(/Đã ghi nhận[\s\S]*hoàn thành/);
    expect(await say(hoa, "cập nhật phổ biến pháp luật: vướng mắc 30%, chưa có kinh phí", "phổ biến pháp luật")).toMatch(/Đã ghi nhận[\s\S]*vướng mắc/);

    // The link from the chat page, then the board at desktop width.
    await lan.setViewportSize({ width: 1280, height: 900 });
    await lan.click("#board-link");
    await lan.waitForSelector("body[data-ready='1']", { timeout: 20_000 });
    expect(await lan.locator("#error").isHidden()).toBe(true);
    // The period filter: the whole year.
    const ready = lan.locator("body[data-ready='1']");
    await lan.selectOption("#period", String(YEAR));
    await ready.waitFor({ timeout: 20_000 });
    await expect.poll(() => lan.locator("#matrix-title").innerText()).toContain(`năm ${YEAR}`);
    // The sample plans in force this year are on the board too; look at the office's own plan.
    expect(await lan.locator("#plan option").count()).toBeGreaterThan(2);
    await lan.selectOption("#plan", `thixa-${YEAR}`);
    await ready.waitFor({ timeout: 20_000 });
    await expect.poll(() => lan.locator("#matrix thead th").count()).toBe(6);
    expect(await cellStatus(lan, "Phòng Nội vụ", "tổng hợp báo cáo 6 tháng")).toMatch(/^đang thực hiện 80%/);
    expect(await cellStatus(lan, "Phòng Văn hóa - Thông tin", "Dân vận khéo")).toMatch(/^hoàn thành 100%/);
    expect(await cellStatus(lan, "Phòng Tư pháp", "phổ biến pháp luật")).toMatch(/^vướng mắc 30%/);
    expect(await cellStatus(lan, "Phòng Tư pháp", "Dân vận khéo")).toBe("—");
    expect(await cellStatus(lan, "Phòng Nội vụ", "quy chế dân chủ")).toMatch(/^chưa cập nhật/);
    // Colour and a word: the blocked cell is red and says so.
    const blocked = lan.locator("#matrix span.st-blocked").first();
    expect(await blocked.innerText()).toContain("vướng mắc");
    expect(await blocked.evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).backgroundColor)).toBe("rgb(253, 229, 228)");
    expect(await lan.locator("#summary").innerText()).toMatch(/Vướng mắc: 1 đơn vị/);
    expect(await lan.locator("#matrix tbody tr").count()).toBe(3);
    mkdirSync("test-output", { recursive: true });
    await lan.screenshot({ path: "test-output/board-1280.png", fullPage: true });

    // A phone: the same board, scrollable, the unit column in view.
    await openBoard(lan, 390, `?period=${YEAR}&plan=thixa-${YEAR}`);
    expect(await cellStatus(lan, "Phòng Tư pháp", "phổ biến pháp luật")).toMatch(/^vướng mắc 30%/);
    const pageWidth = await lan.locator("html").evaluate((e) => e.scrollWidth);
    expect(pageWidth, "the page itself does not scroll sideways").toBeLessThanOrEqual(390);
    await lan.screenshot({ path: "test-output/board-390.png", fullPage: true });

    // Filter by unit, then the export button downloads the Word report.
    const tuPhap = await lan.locator("#unit option", { hasText: "Phòng Tư pháp" }).getAttribute("value");
    await lan.selectOption("#unit", tuPhap ?? "");
    await expect.poll(() => lan.locator("#matrix tbody tr").count(), { timeout: 10_000 }).toBe(1);
    const href = await lan.locator("#export").getAttribute("href");
    const res = await lan.request.get(h.server.url + href);
    expect(res.status()).toBe(200);
    const zip = await JSZip.loadAsync(await res.body());
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(xml).toContain("vướng mắc (30%)");
  }, 120_000);

  it("keeps a member to their own unit: other units' data is refused with 403", async () => {
    await openBoard(minh, 390, `?period=${YEAR}`);
    expect(await minh.locator("#matrix tbody tr").count()).toBe(1);
    expect(await minh.locator("#matrix tbody tr").first().getAttribute("data-unit")).toBe("Phòng Văn hóa - Thông tin");
    expect(await minh.locator("#export").isHidden()).toBe(true);
    const other = await ensureUnit(h.app.db, "Phòng Tư pháp", "admin");
    const json = await minh.request.get(`${h.server.url}/api/board?unit=${other.id}`);
    expect(json.status()).toBe(403);
    expect((await json.json()).error).toContain("đơn vị mình");
    expect((await minh.request.get(`${h.server.url}/api/board/export?format=csv`)).status()).toBe(403);
    await openBoard(minh, 390, `?unit=${other.id}`);
    expect(await minh.locator("#error").innerText()).toContain("đơn vị mình");
    expect(await minh.locator("#matrix tbody tr").count()).toBe(0);
    // Not signed in at all: 401.
    expect((await fetch(`${h.server.url}/api/board`)).status).toBe(401);
  }, 60_000);
  it("lists the next 30 days' deadlines after new plans, office dates and updates, and follows the filters", async () => {
    const ready = lan.locator("body[data-ready='1']");
    const only = (list: Awaited<ReturnType<typeof upcoming>>, plan: string) => list.filter((x) => x.plan === plan);
    await openBoard(lan, 1280);
    // 5 June: the plan's "trước ngày 10/6" is due 9 June, Phòng Nội vụ's; nothing past or beyond 5 July.
    let list = await upcoming(lan);
    expect(only(list, `thixa-${YEAR}`).map((x) => [x.task, x.due])).toEqual([["o2", `${YEAR}-06-09`]]);
    expect(only(list, `thixa-${YEAR}`)[0].text).toMatch(/^9\/6\/2027 \(còn 4 ngày\): tổng hợp báo cáo 6 tháng .* — Phòng Nội vụ$/);
    expect(list.every((x) => x.due >= `${YEAR}-06-05` && x.due <= `${YEAR}-07-05`)).toBe(true);

    // A new plan: its deadline in 14 days is listed with its unit; the one in 49 days is not.
    await ingestPlan(h.app.db, lawPlan(), NOW);
    await openBoard(lan, 1280);
    list = await upcoming(lan);
    expect(only(list, `tuphap-${YEAR}`).map((x) => [x.task, x.due])).toEqual([["t1", `${YEAR}-06-19`]]);
    expect(only(list, `tuphap-${YEAR}`)[0].text).toMatch(/\(còn 14 ngày\): tổ chức ngày hội pháp luật .* — Phòng Tư pháp$/);

    // A repeated view of the same data is a 304; after the writes below it is not.
    const api = `${h.server.url}/api/board`;
    const etag = (await lan.request.get(api)).headers()["etag"];
    expect(etag).toMatch(/^W\/"/);
    expect((await lan.request.get(api, { headers: { "if-none-match": etag } })).status()).toBe(304);

    // The office sets a date for the half-year report the plan leaves undated; Nội vụ reports its task done.
    await lan.goto(h.server.url + "/");
    expect(await say(lan, "đặt hạn báo cáo quy chế dân chủ 6 tháng 15/6")).toMatch(/Đã đặt hạn/);
    expect(await say(lan, "cập nhật tổng hợp báo cáo 6 tháng: đã xong 100%", "tổng hợp báo cáo 6 tháng")).toMatch(/Đã ghi nhận[\s\S]*hoàn thành/);
    const fresh = await lan.request.get(api, { headers: { "if-none-match": etag } });
    expect(fresh.status()).toBe(200);
    expect(fresh.headers()["etag"]).not.toBe(etag);
    await openBoard(lan, 1280);
    list = await upcoming(lan);
    expect(only(list, `thixa-${YEAR}`).map((x) => [x.task, x.due])).toEqual([
      ["o2", `${YEAR}-06-09`],
      ["o3", `${YEAR}-06-15`],
    ]);
    expect(only(list, `thixa-${YEAR}`)[0].text).toMatch(/— Phòng Nội vụ \(đã hoàn thành\)$/);
    expect(only(list, `thixa-${YEAR}`)[1].text).toMatch(/^15\/6\/2027 \(còn 10 ngày\): báo cáo kết quả thực hiện quy chế dân chủ .* — Phòng Nội vụ$/);
    // In date order.
    expect(list.map((x) => x.due)).toEqual([...list.map((x) => x.due)].sort());
    mkdirSync("test-output", { recursive: true });
    await lan.screenshot({ path: "test-output/board-upcoming-1280.png", fullPage: true });
    expect(await axeViolations(lan)).toEqual([]);

    // Filter by plan: that plan's columns and deadlines only.
    await lan.selectOption("#plan", `tuphap-${YEAR}`);
    await ready.waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await upcoming(lan)).map((x) => `${x.plan}/${x.task}`)).toEqual([`tuphap-${YEAR}/t1`]);
    expect(await lan.locator("#matrix thead th").count()).toBe(3); // the unit column and t1, t2
    expect(await cellStatus(lan, "Phòng Tư pháp", "ngày hội pháp luật")).toMatch(/^chưa cập nhật/);
    expect(await cellStatus(lan, "Phòng Nội vụ", "ngày hội pháp luật")).toBe("—");

    // Filter by unit (all plans): Nội vụ's deadlines only, its row only.
    await openBoard(lan, 390);
    const noiVu = await lan.locator("#unit option", { hasText: "Phòng Nội vụ" }).getAttribute("value");
    await lan.selectOption("#unit", noiVu ?? "");
    await ready.waitFor({ timeout: 20_000 });
    await expect.poll(async () => only(await upcoming(lan), `thixa-${YEAR}`).map((x) => x.task)).toEqual(["o2", "o3"]);
    expect(only(await upcoming(lan), `tuphap-${YEAR}`)).toEqual([]);
    expect(await lan.locator("#matrix tbody tr").count()).toBe(1);
    expect(await lan.locator("html").evaluate((e) => e.scrollWidth), "the page itself does not scroll sideways").toBeLessThanOrEqual(390);
    await lan.locator("#upcoming").scrollIntoViewIfNeeded();
    await lan.screenshot({ path: "test-output/board-upcoming-390.png", fullPage: true });
    expect(await axeViolations(lan)).toEqual([]);

    // Filter by period: in 2026 neither plan of 2027 is current, so none of their deadlines.
    await openBoard(lan, 1280, "?period=2026");
    await expect.poll(() => lan.locator("#matrix-title").innerText()).toContain("năm 2026");
    list = await upcoming(lan);
    expect(list.filter((x) => x.plan.endsWith(`-${YEAR}`))).toEqual([]);

    // A member: their own unit's deadlines only (Văn hóa's task has no date: none).
    await openBoard(minh, 390);
    expect(await minh.locator("#matrix tbody tr").count()).toBe(1);
    expect((await upcoming(minh)).map((x) => x.text)).toEqual(["Không có hạn nào trong 30 ngày tới."]);
  }, 120_000);
});
