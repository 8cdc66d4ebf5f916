// `npm start` (package.json's command, the bundle in dist/, as a child process) with ZALO_BOT_TOKEN: the start line says the Zalo
// bot is on, and it answers through the fake Zalo Bot API. (Without a token: start.e2e.test.ts.)
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN, startFakeZaloBot, textUpdate, type FakeZaloBot } from "../fakes/fake-zalo-bot";
import { startArgs } from "../../scripts/bench/server-process";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const dirs: string[] = [];
const plans = mkdtempSync(join(tmpdir(), "tlkh-start-plans-"));
copyFileSync("knowledge/sample-plans/honglinh-2023.txt", join(plans, "honglinh-2023.txt"));
let fake: FakeZaloBot;
beforeAll(async () => {
  fake = await startFakeZaloBot();
});
afterAll(async () => {
  await fake?.close();
  for (const d of [plans, ...dirs]) rmSync(d, { recursive: true, force: true });
});

/** Runs `npm start` until ready, lets `during` talk to it, stops it with SIGTERM; returns the log. */
async function runStart(env: Record<string, string>, during: () => Promise<void> = async () => {}): Promise<{ log: string; code: number | null }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "tlkh-start-zb-"));
  dirs.push(dataDir);
  let log = "";
  const child = spawn(process.execPath, startArgs("."), {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, PLANS_DIR: plans, NUDGES_ENABLED: "false", LOG_LEVEL: "info", ZALO_CREDENTIALS_FILE: join(dataDir, "none.json"), ZALO_BOT_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const until = Date.now() + 240_000; // a slow start on a loaded machine is not what this tests
    while (!(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false))) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not become ready:\n${log}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    await during();
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    return { log, code: await exited };
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

describe("npm start with the Zalo bot", () => {
  it("with ZALO_BOT_TOKEN: logs the Zalo bot as on, polls and answers", async () => {
    const { log, code } = await runStart({ ZALO_BOT_TOKEN: FAKE_BOT_TOKEN, ZALO_BOT_API_URL: fake.url }, async () => {
      await fake.waitForCall("getUpdates", 200);
      const before = fake.sent.length;
      await fake.deliver(textUpdate({ from: "u-start", text: "khi nào nộp báo cáo năm?" }));
      const [reply] = await fake.waitForSent(before + 1, before);
      expect(reply.text).toContain("25/11");
    });
    expect(log).toMatch(/"zaloBot":"on \(polling\)"/);
    expect(log).toContain("Zalo bot token accepted");
    expect(log).not.toContain(FAKE_BOT_TOKEN);
    expect(code).toBe(0);
  }, 400_000);
});
