// `npm start` as a child process: ready on PORT, answers on the web endpoint, and on SIGTERM loses
// no request. Under load: TURNS chat turns, each on its own connection, all received by the server
// (its debug log shows each message) when the signal is sent, plus an idle keep-alive connection;
// every turn is answered with the real answer, a new connection is refused once the server says
// it stopped accepting, and the process exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port";
import { startArgs } from "../../scripts/bench/server-process";

const TURNS = 8;

interface Reply {
  status: number;
  body: string;
}

/**
 * Sends one chat turn on a connection of its own; `sent` resolves once the connection is
 * established (the server's kernel holds it) and the whole request is written.
 */
function chatTurn(port: number, text: string, agent: http.Agent | false = false): { sent: Promise<void>; reply: Promise<Reply> } {
  const body = JSON.stringify({ name: "An", text });
  let markConnected!: () => void;
  let markWritten!: () => void;
  const sent = Promise.all([new Promise<void>((r) => (markConnected = r)), new Promise<void>((r) => (markWritten = r))]).then(() => {});
  const reply = new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/api/chat", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (data += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.on("socket", (socket) => {
      if (!socket.connecting) markConnected();
      else socket.once("connect", markConnected);
    });
    req.on("finish", markWritten);
    req.end(body);
  });
  return { sent, reply };
}

/** The child's output so far, and a promise per line pattern (rejected if the child exits first). */
function watch(child: ChildProcess) {
  let log = "";
  const waiters: { re: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  const onData = (d: Buffer) => {
    log += d.toString();
    for (const w of [...waiters]) {
      if (w.re.test(log)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  child.once("exit", (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`npm start exited (${code}) before logging ${w.re}:\n${log}`));
  });
  return {
    get log() {
      return log;
    },
    count(re: RegExp): number {
      return log.match(new RegExp(re.source, "g"))?.length ?? 0;
    },
    waitFor(re: RegExp, times = 1): Promise<void> {
      const seen = new RegExp(`(?:${re.source}[\\s\\S]*){${times}}`);
      if (seen.test(log)) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ re: seen, resolve, reject }));
    },
  };
}

const dataDir = mkdtempSync(join(tmpdir(), "tlkh-start-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

// Starting the server (ingesting the sample plans) takes most of the time; on a 2-core machine
// shared by many test runs it has taken three minutes.
describe("npm start", { timeout: 420_000 }, () => {
  it(`serves the web chat and, on SIGTERM with ${TURNS} turns in flight, answers every one before it exits`, async () => {
    const port = await freePort();
    child = spawn(process.execPath, startArgs("."), {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NUDGES_ENABLED: "false", LOG_LEVEL: "debug", ZALO_CREDENTIALS_FILE: join(dataDir, "none.json") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((r) => child?.once("exit", (code) => r(code)));
    const out = watch(child);
    await out.waitFor(/is listening/);
    // It listens before the plans are loaded; turns are answered from the plans once it says ready.
    await out.waitFor(/"msg":"ready"/);
    expect(out.log).toContain("Emulator mode");
    expect(out.log).toMatch(/"zalo":"off/);
    expect(out.log, "without ZALO_BOT_TOKEN the Zalo bot is off, and that is no error").toMatch(/"zaloBot":"off \(no ZALO_BOT_TOKEN\)"/);
    expect(out.log).not.toMatch(/"level":(50|60)/);

    // A browser-like keep-alive connection that served one turn and now sits idle: it must not
    // hold the shutdown up.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await chatTurn(port, "khi nao nop bao cao 6 thang", keepAlive).reply;
    expect(first.status).toBe(200);
    expect(first.body).toContain("10/6");

    const turns = Array.from({ length: TURNS }, (_, i) => chatTurn(port, i % 2 ? "khi nao nop bao cao 6 thang" : "when is the 6-month report due"));
    const answered = new Set<number>();
    turns.forEach((t, i) => void t.reply.then(() => answered.add(i), () => {}));
    await Promise.all(turns.map((t) => t.sent));
    // Every turn has reached the bot (the web adapter logs each message at debug level).
    await out.waitFor(/"msg":"web message"/, TURNS + 1);
    const pendingAtSignal = TURNS - answered.size;
    child.kill("SIGTERM");

    // Once the server says so, a new connection is refused (not accepted, then dropped).
    await out.waitFor(/stopped accepting connections/);
    const late = await chatTurn(port, "khi nao nop bao cao 6 thang").reply.then(
      (r) => `answered ${r.status}`,
      (err: NodeJS.ErrnoException) => err.code,
    );
    expect(late).toBe("ECONNREFUSED");

    const replies = await Promise.allSettled(turns.map((t) => t.reply));
    const lost = replies.flatMap((r, i) => (r.status === "rejected" ? [`turn ${i}: ${String(r.reason)}`] : []));
    expect(lost, `every turn sent before SIGTERM is answered; server log:\n${out.log}`).toEqual([]);
    for (const r of replies) {
      const reply = (r as PromiseFulfilledResult<Reply>).value;
      expect(reply.status).toBe(200);
      expect(reply.body).toContain("10/6");
    }
    // Not asserted: on a loaded machine the turns may all be answered before the log lines reach
    // this process. Printed so a run shows whether the race was exercised.
    console.log(`turns still unanswered when SIGTERM was sent: ${pendingAtSignal} of ${TURNS}`);
    expect(await exited).toBe(0);
    expect(out.log).toContain("server stopped");
    keepAlive.destroy();
  });
});
