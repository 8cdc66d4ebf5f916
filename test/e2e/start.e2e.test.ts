// `npm start` as a child process: ready on PORT, answers on the web endpoint, and on SIGTERM
// finishes the turn in progress, closes the store and exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postJson } from "./harness";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), "tlkh-start-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the web chat and shuts down gracefully on SIGTERM", async () => {
    const port = await freePort();
    let log = "";
    child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NUDGES_ENABLED: "false", LOG_LEVEL: "info", ZALO_CREDENTIALS_FILE: join(dataDir, "none.json") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not become ready:\n${log}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(log).toContain("Emulator mode");
    expect(log).toMatch(/"zalo":"off/);
    expect(log, "without ZALO_BOT_TOKEN the Zalo bot is off, and that is no error").toMatch(/"zaloBot":"off \(no ZALO_BOT_TOKEN\)"/);
    expect(log).not.toMatch(/"level":(50|60)/);

    const turn = postJson(`${base}/api/chat`, { name: "An", text: "khi nao nop bao cao 6 thang" });
    await new Promise((r) => setTimeout(r, 20)); // the request is in flight when SIGTERM arrives
    const exited = new Promise<number | null>((r) => child?.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    const res = await turn;
    expect(res.status).toBe(200);
    expect(res.text).toContain("10/6");
    expect(await exited).toBe(0);
    expect(log).toContain("server stopped");
  });
});
