// The chat page keeps one message id across retries: the first POST is lost on the way back (the
// server stored the update, the browser saw a network error), "Gửi lại" sends the same id, and the
// update is stored once.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { launchBrowser } from "../support/browser";
import { startHarness, type Harness } from "./harness";

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe("web page retries", () => {
  it("resends a failed message with the same id, and the update is stored once", async () => {
    const unit = await ensureUnit(h.app.db, "Phòng Nội vụ", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "member", now: new Date(), days: 30 });
    const page = await browser.newPage();
    await page.goto(h.server.url + "/");
    await page.fill("#name", "Lê Văn C");
    const bots = () => page.locator("#log li.bot:not(.waiting)").count();
    await page.fill("#text", `đăng ký ${invite.code}`);
    await page.click("#send");
    await expect.poll(bots, { timeout: 20_000 }).toBe(1);
    // Several tasks fit: the bot asks which one; the answer "2" is the message that stores the entry.
    await page.fill("#text", "cập nhật báo cáo 6 tháng: đã xong 80%, còn chờ số liệu");
    await page.click("#send");
    await expect.poll(bots, { timeout: 20_000 }).toBe(2);

    const ids: string[] = [];
    let dropped = false;
    await page.route("**/api/chat", async (route) => {
      ids.push(JSON.parse(route.request().postData() ?? "{}").id);
      const response = await route.fetch(); // the server gets it and stores the update...
      if (!dropped) {
        dropped = true;
        await route.abort("connectionreset"); // ...but the answer is lost on the way back
        return;
      }
      await route.fulfill({ response });
    });
    await page.fill("#text", "2");
    await page.click("#send");
    await page.locator("#error button").waitFor({ timeout: 20_000 });
    await page.click("#error button");
    await expect.poll(bots, { timeout: 20_000 }).toBe(3);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(await page.locator("#log li.me").count()).toBe(3); // the resent message is shown once
    const rows = await h.app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM report_entries WHERE channel = 'web'");
    expect(rows[0].n).toBe(1);
    // A route callback still running when the page closes must not become an unhandled rejection.
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.close();
  });
});
